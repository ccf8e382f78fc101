package dev.jtensor.nn.tensorboard;

import dev.jtensor.FailedPreconditionException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One event file written by a thread of its own: callers put serialized events on a bounded queue
 * (waiting while it is full), the thread frames them as TFRecords into a buffered stream, flushes
 * and syncs the file every {@code flushPeriod}, on {@link #flush()} and on {@link #close()}. The
 * first failure of the thread (a full disk, a deleted directory) is kept and thrown, naming the
 * file, by the next call, and by {@code close}; after it the thread drops what it is given.
 */
final class EventFileWriter implements AutoCloseable {

    private sealed interface Item permits Data, Flush, Close {
    }

    private record Data(byte[] event) implements Item {
    }

    private record Flush(CompletableFuture<Void> done) implements Item {
    }

    private record Close() implements Item {
    }

    private final Path file;
    private final OutputStream sink;
    private final IoAction force;
    private final OutputStream out;
    private final BlockingQueue<Item> queue;
    private final long flushNanos;
    private final Thread thread;
    private volatile IOException failure;
    private boolean closed;

    /** Creates {@code file} (which must not exist) and starts its thread. */
    static EventFileWriter open(Path file, int maxQueue, Duration flushPeriod) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return new EventFileWriter(file, Channels.newOutputStream(channel), () -> channel.force(false), maxQueue, flushPeriod);
    }

    /**
     * A writer of {@code sink} (closed by {@link #close()}), which {@code force} syncs to storage;
     * {@code file} names it in errors.
     */
    EventFileWriter(Path file, OutputStream sink, IoAction force, int maxQueue, Duration flushPeriod) {
        this.file = file;
        this.sink = sink;
        this.force = force;
        this.out = new BufferedOutputStream(sink, 1 << 16);
        this.queue = new ArrayBlockingQueue<>(maxQueue);
        this.flushNanos = flushPeriod.toNanos();
        this.thread = Thread.ofPlatform().daemon().name("jtensor-summary-writer " + file.getFileName()).unstarted(this::run);
        thread.start();
    }

    Path file() {
        return file;
    }

    /** Queues one serialized {@code Event}. */
    synchronized void write(byte[] event) {
        requireOpen();
        put(new Data(event));
    }

    /** Writes everything queued so far to the file and syncs it. */
    synchronized void flush() {
        requireOpen();
        CompletableFuture<Void> done = new CompletableFuture<>();
        put(new Flush(done));
        done.join();
        rethrow();
    }

    /** Writes what is queued, syncs and closes the file; throws the thread's failure, if any. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        put(new Close());
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
        rethrow();
    }

    private void requireOpen() {
        if (closed) {
            throw new FailedPreconditionException("SummaryWriter: " + file + " is closed");
        }
        rethrow();
    }

    private void put(Item item) {
        boolean interrupted = false;
        while (true) {
            try {
                queue.put(item);
                break;
            } catch (InterruptedException e) {
                interrupted = true;   // the event must not be lost: wait on, then restore the flag
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    private void rethrow() {
        IOException e = failure;
        if (e != null) {
            throw new UncheckedIOException("SummaryWriter: writing " + file + " failed: " + e.getMessage(), e);
        }
    }

    private void run() {
        long nextFlush = System.nanoTime() + flushNanos;
        while (true) {
            Item item;
            try {
                item = queue.poll(Math.max(0, nextFlush - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                continue;   // only close() ends this thread, so that nothing queued is lost
            }
            switch (item) {
                case null -> {
                    sync();
                    nextFlush = System.nanoTime() + flushNanos;
                }
                case Data d -> attempt(() -> out.write(Records.frame(d.event())));
                case Flush f -> {
                    sync();
                    f.done().complete(null);
                }
                case Close c -> {
                    sync();
                    try {
                        sink.close();
                    } catch (IOException e) {
                        if (failure == null) failure = e;
                    }
                    return;
                }
            }
        }
    }

    private void sync() {
        attempt(() -> {
            out.flush();
            force.run();
        });
    }

    /** An action on the file that may fail. */
    interface IoAction {
        void run() throws IOException;
    }

    private void attempt(IoAction action) {
        if (failure != null) return;
        try {
            action.run();
        } catch (IOException e) {
            failure = e;
        }
    }
}
