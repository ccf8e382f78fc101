package dev.jtensor.accel;

import static org.junit.jupiter.api.Assertions.*;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The pool's contract: every task runs exactly once, failures reach the caller, nesting and concurrency are safe. */
class ParallelTest {

    @Test
    void everyTaskRunsExactlyOnce() {
        for (int tasks : new int[] {0, 1, 2, 3, 17, 1000}) {
            var counts = new AtomicIntegerArray(Math.max(tasks, 1));
            Parallel.forEach(tasks, counts::incrementAndGet);
            for (int i = 0; i < tasks; i++) assertEquals(1, counts.get(i), "task " + i + " of " + tasks);
        }
    }

    @Test
    void theFirstFailureReachesTheCallerAfterAllTasksFinish() {
        var counts = new AtomicIntegerArray(8);
        var e = assertThrows(IllegalStateException.class, () -> Parallel.forEach(8, t -> {
            counts.incrementAndGet(t);
            if (t == 3) throw new IllegalStateException("task 3");
        }));
        assertEquals("task 3", e.getMessage());
        for (int i = 0; i < 8; i++) assertEquals(1, counts.get(i));
        // the pool is usable afterwards
        var again = new AtomicIntegerArray(4);
        Parallel.forEach(4, again::incrementAndGet);
        for (int i = 0; i < 4; i++) assertEquals(1, again.get(i));
    }

    @Test
    void nestedCallsRunInline() {
        var counts = new AtomicIntegerArray(16);
        Parallel.forEach(4, outer -> Parallel.forEach(4, inner -> counts.incrementAndGet(outer * 4 + inner)));
        for (int i = 0; i < 16; i++) assertEquals(1, counts.get(i));
    }

    @Test
    void concurrentCallersEachGetAllTheirTasks() {
        int callers = 6, tasks = 50, rounds = 200;
        var counts = new AtomicIntegerArray(callers * tasks);
        CompletableFuture<?>[] running = IntStream.range(0, callers).mapToObj(c -> CompletableFuture.runAsync(() -> {
            for (int r = 0; r < rounds; r++) Parallel.forEach(tasks, t -> counts.incrementAndGet(c * tasks + t));
        })).toArray(CompletableFuture[]::new);
        CompletableFuture.allOf(running).join();
        for (int i = 0; i < callers * tasks; i++) assertEquals(rounds, counts.get(i));
    }

    @Test
    void oneThreadRunsEverythingOnTheCaller() {
        int previous = Parallel.setMaxThreads(1);
        try {
            Thread caller = Thread.currentThread();
            Parallel.forEach(5, t -> assertSame(caller, Thread.currentThread()));
        } finally {
            Parallel.setMaxThreads(previous);
        }
    }
}
