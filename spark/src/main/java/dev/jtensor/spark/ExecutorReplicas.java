package dev.jtensor.spark;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The replicas an executor JVM keeps between steps, so that the model is built and its step traced
 * once per task thread, not at every step or fit: a pool per trainer and example shapes (several
 * tasks of one executor run at once, each on its own replica). Only the {@value #RUNS_KEPT} most
 * recently used pools are kept, so finished trainers free their models without a clean-up job.
 */
final class ExecutorReplicas {

    static final int RUNS_KEPT = 4;

    private static final Map<String, Deque<Replica>> POOLS = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<Replica>> eldest) {
            return size() > RUNS_KEPT;
        }
    };

    private ExecutorReplicas() {
    }

    /** A free replica of run {@code runId}, made by the factory when none is free. */
    static Replica borrow(String runId, ModelFactory factory, Replica.Shapes shapes) {
        synchronized (POOLS) {
            Replica free = POOLS.computeIfAbsent(runId, id -> new ArrayDeque<>()).pollFirst();
            if (free != null) return free;
        }
        return new Replica(factory, shapes);
    }

    /** Returns a replica to its run's pool. */
    static void giveBack(String runId, Replica replica) {
        synchronized (POOLS) {
            POOLS.computeIfAbsent(runId, id -> new ArrayDeque<>()).addFirst(replica);
        }
    }
}
