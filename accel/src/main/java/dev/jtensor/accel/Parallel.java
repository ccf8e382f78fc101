package dev.jtensor.accel;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.function.IntConsumer;

/**
 * The shared, persistent thread pool that kernels split large work across. Threads are created
 * once (starting threads per call costs more than small kernels take); the caller's thread runs
 * one share itself. Work below a kernel's own size threshold should not come here at all.
 *
 * <p>The pool has {@code -Djtensor.threads=N} threads (default: available processors);
 * {@link #setMaxThreads} lowers how many a kernel may use at run time, e.g. to benchmark one thread.
 */
public final class Parallel {

    private static final int POOL_THREADS = Math.max(1, Integer.getInteger("jtensor.threads",
            Runtime.getRuntime().availableProcessors()));
    private static final ForkJoinPool POOL = new ForkJoinPool(POOL_THREADS, pool -> {
        var thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
        thread.setDaemon(true);
        thread.setName("jtensor-" + thread.getPoolIndex());
        return thread;
    }, null, false);

    private static volatile int maxThreads = POOL_THREADS;

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
     * Runs {@code body(0) .. body(tasks - 1)}, spread over the pool with the caller taking part;
     * returns when all are done. Runs inline when there is one task, one thread, or when called
     * from a pool thread (no nested fan-out).
     */
    public static void forEach(int tasks, IntConsumer body) {
        if (tasks <= 1 || maxThreads == 1 || ForkJoinTask.inForkJoinPool()) {
            for (int i = 0; i < tasks; i++) body.accept(i);
            return;
        }
        ForkJoinTask<?>[] forked = new ForkJoinTask<?>[tasks - 1];
        for (int i = 1; i < tasks; i++) {
            int task = i;
            forked[i - 1] = POOL.submit(() -> body.accept(task));
        }
        body.accept(0);
        for (ForkJoinTask<?> f : forked) {
            f.join();
        }
    }
}
