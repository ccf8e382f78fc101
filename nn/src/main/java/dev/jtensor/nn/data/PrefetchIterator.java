package dev.jtensor.nn.data;

import dev.jtensor.Tensor;
import java.lang.ref.WeakReference;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Elements produced ahead on a daemon thread into a bounded queue. The producer holds its consumer
 * only weakly: once an abandoned iterator is garbage-collected, the producer notices within
 * {@link #POLL_MILLIS} (while waiting for room, or before its next element) and ends, so no thread
 * runs on for an iterator nobody reads. An exception in the producer is handed over and thrown by
 * the consumer's {@code next()}, after the elements produced before it.
 */
final class PrefetchIterator implements Iterator<List<Tensor>> {
    static final long POLL_MILLIS = 50;
    /** Producers running now (for tests). */
    static final AtomicInteger RUNNING = new AtomicInteger();
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final Object END = new Object();

    private record Failure(Throwable cause) {
    }

    private final BlockingQueue<Object> queue;
    private Object head;

    PrefetchIterator(Iterator<List<Tensor>> input, int bufferSize) {
        this.queue = new ArrayBlockingQueue<>(bufferSize);
        WeakReference<PrefetchIterator> consumer = new WeakReference<>(this);
        BlockingQueue<Object> q = queue;
        Thread producer = new Thread(() -> produce(input, q, consumer),
                "jtensor-prefetch-" + THREADS.incrementAndGet());
        producer.setDaemon(true);
        RUNNING.incrementAndGet();
        producer.start();
    }

    private static void produce(Iterator<List<Tensor>> input, BlockingQueue<Object> queue,
                                WeakReference<PrefetchIterator> consumer) {
        try {
            while (consumer.get() != null && input.hasNext()) {
                if (!put(queue, input.next(), consumer)) return;
            }
            put(queue, END, consumer);
        } catch (Throwable e) {
            try {
                put(queue, new Failure(e), consumer);
            } catch (InterruptedException stop) {
                Thread.currentThread().interrupt();
            }
        } finally {
            RUNNING.decrementAndGet();
        }
    }

    /** Waits for room; false if the consumer is gone. */
    private static boolean put(BlockingQueue<Object> queue, Object item, WeakReference<PrefetchIterator> consumer)
            throws InterruptedException {
        while (!queue.offer(item, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
            if (consumer.get() == null) return false;
        }
        return true;
    }

    @Override
    public boolean hasNext() {
        if (head == null) {
            try {
                head = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Dataset.prefetch: interrupted while waiting for the next element", e);
            }
        }
        return head != END;
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<Tensor> next() {
        if (!hasNext()) {
            throw new NoSuchElementException("Dataset.prefetch: no more elements");
        }
        Object item = head;
        if (item instanceof Failure failure) {
            throw rethrown(failure.cause());   // head stays: every later call throws it again
        }
        head = null;
        return (List<Tensor>) item;
    }

    private static RuntimeException rethrown(Throwable cause) {
        if (cause instanceof RuntimeException e) return e;
        if (cause instanceof Error e) throw e;
        return new IllegalStateException("Dataset.prefetch: the input failed: " + cause, cause);
    }
}
