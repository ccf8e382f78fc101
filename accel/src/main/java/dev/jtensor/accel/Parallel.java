package dev.jtensor.accel;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * The shared, persistent threads that kernels split large work across. The caller's thread takes
 * part, so {@code N} threads means {@code N - 1} workers. Work below a kernel's own size threshold
 * should not come here at all.
 *
 * <p>Workers spin for a while after each job before they park ({@code -Djtensor.spinMicros},
 * default {@value #DEFAULT_SPIN_MICROS} µs), as OpenMP runtimes do: waking a parked thread costs
 * 40-60 µs on a virtual machine, longer than many kernels take, while a training step issues its
 * large ops a few tens of microseconds apart. Tasks are claimed dynamically, so a worker that wakes
 * late simply takes fewer and the caller never waits for one that has not started.
 *
 * <p>The pool has {@code -Djtensor.threads=N} threads (default: available processors);
 * {@link #setMaxThreads} lowers how many a kernel may use at run time, e.g. to benchmark one thread.
 * One job runs at a time: a call made while another thread's job runs, or from inside a task,
 * runs its tasks on the calling thread.
 *
 * <p>Which thread runs a task, and in what order, varies from call to call. Kernels stay
 * deterministic by making each task's result independent of that: elementwise work may be cut into
 * one piece per thread, but anything that accumulates is cut into pieces of a fixed size (never a
 * number of pieces derived from {@link #threads()}), whose results the caller combines in order.
 */
public final class Parallel {

    static final int DEFAULT_SPIN_MICROS = 150;

    private static final int POOL_THREADS = Math.max(1, Integer.getInteger("jtensor.threads",
            Runtime.getRuntime().availableProcessors()));
    private static final long SPIN_NANOS = 1000L * Math.max(0, Integer.getInteger("jtensor.spinMicros",
            DEFAULT_SPIN_MICROS));

    private static final AtomicBoolean BUSY = new AtomicBoolean();
    private static final Worker[] WORKERS = new Worker[POOL_THREADS - 1];
    /** The job being run, published by bumping {@link #generation}. */
    private static volatile Job current;
    private static volatile long generation;

    private static volatile int maxThreads = POOL_THREADS;
    /** Set on threads that run their kernels alone ({@link #alone}). */
    private static final ThreadLocal<Boolean> ALONE = ThreadLocal.withInitial(() -> false);

    static {
        for (int i = 0; i < WORKERS.length; i++) {
            WORKERS[i] = new Worker(i + 1);
            WORKERS[i].start();
        }
    }

    private Parallel() {
    }

    /** How many threads a kernel may use now. */
    public static int threads() {
        return maxThreads;
    }

    /** Limits kernels to {@code n} threads (1 .. the pool size); returns the previous limit. */
    public static int setMaxThreads(int n) {
        int previous = maxThreads;
        maxThreads = Math.max(1, Math.min(n, POOL_THREADS));
        return previous;
    }

    /**
     * Runs {@code body} with every kernel it calls on the current thread alone, never on the pool:
     * for callers that already keep each core busy with a computation of its own (data-parallel
     * replicas), where the pool's workers would only compete with them. Results are the same bits
     * (kernels never depend on the split).
     */
    public static <T> T alone(java.util.function.Supplier<T> body) {
        boolean outer = ALONE.get();
        ALONE.set(true);
        try {
            return body.get();
        } finally {
            ALONE.set(outer);
        }
    }

    /**
     * Runs {@code body(0) .. body(tasks - 1)}, spread over the workers with the caller taking part;
     * returns when all are done, rethrowing the first failure. Runs inline when there is one task
     * or one thread, from inside a task or {@link #alone}, or while another thread's job holds the workers.
     */
    public static void forEach(int tasks, IntConsumer body) {
        if (tasks <= 1 || maxThreads == 1 || WORKERS.length == 0 || Thread.currentThread() instanceof Worker
                || ALONE.get() || !BUSY.compareAndSet(false, true)) {
            for (int i = 0; i < tasks; i++) body.accept(i);
            return;
        }
        Job job = new Job(tasks, body);
        try {
            current = job;
            generation++; // the volatile write that publishes the job
            for (int i = 0; i < Math.min(WORKERS.length, maxThreads - 1); i++) {
                if (WORKERS[i].parked) LockSupport.unpark(WORKERS[i]);
            }
            job.runTasks();
            job.awaitDone();
        } finally {
            current = null;
            BUSY.set(false);
        }
        job.rethrow();
    }

    /** One {@code forEach} call: its tasks are claimed one at a time by whoever asks next. */
    private static final class Job {
        private final int tasks;
        private final IntConsumer body;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger done = new AtomicInteger();
        private volatile Throwable failure;

        Job(int tasks, IntConsumer body) {
            this.tasks = tasks;
            this.body = body;
        }

        void runTasks() {
            for (int task; (task = next.getAndIncrement()) < tasks; ) {
                try {
                    body.accept(task);
                } catch (Throwable t) {
                    if (failure == null) failure = t;
                } finally {
                    done.incrementAndGet();
                }
            }
        }

        /** Waits for tasks other threads claimed; they are short, so spin, then yield. */
        void awaitDone() {
            long start = System.nanoTime();
            while (done.get() < tasks) {
                if (System.nanoTime() - start < SPIN_NANOS) Thread.onSpinWait();
                else Thread.yield();
            }
        }

        void rethrow() {
            Throwable t = failure;
            if (t instanceof RuntimeException e) throw e;
            if (t instanceof Error e) throw e;
            if (t != null) throw new IllegalStateException(t);
        }
    }

    /** A pool thread: runs jobs as they are published, spinning between them before it parks. */
    private static final class Worker extends Thread {
        private final int index;
        volatile boolean parked;

        Worker(int index) {
            super("jtensor-" + index);
            this.index = index;
            setDaemon(true);
        }

        @Override
        public void run() {
            long seen = 0;
            while (true) {
                seen = awaitNewJob(seen);
                Job job = current;
                // a job published while this worker was beyond the kernel's thread limit is not its own
                if (job != null && index < maxThreads) job.runTasks();
            }
        }

        private long awaitNewJob(long seen) {
            long start = System.nanoTime();
            while (generation == seen) {
                if (System.nanoTime() - start < SPIN_NANOS) {
                    Thread.onSpinWait();
                    continue;
                }
                parked = true;
                if (generation == seen) LockSupport.park(this);
                parked = false;
                Thread.interrupted(); // a stray interrupt would make every later park return at once
                start = System.nanoTime();
            }
            return generation;
        }
    }
}
