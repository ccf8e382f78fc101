package dev.jtensor.spark;

import dev.jtensor.FailedPreconditionException;
import dev.jtensor.Settings;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;

/**
 * What every task of one fit shares: the run's id (naming its replicas on executors), the factory,
 * the example shapes, the step plan and the seed; and what each task does with them: read its
 * partition (checked against the plan) and work on a borrowed replica under its own seed.
 */
record TrainingRun(String id, ModelFactory factory, Replica.Shapes shapes, StepPlan plan, long seed)
        implements Serializable {

    /** The partition's examples, refused when they are not those (count and checksum) the plan was made with. */
    List<Example> read(int partition, Iterator<Example> examples) {
        List<Example> all = new ArrayList<>();
        long checksum = CHECKSUM_START;
        while (examples.hasNext()) {
            Example e = examples.next();
            all.add(e);
            checksum = checksum(checksum, e);
        }
        if (all.size() != plan.size(partition) || checksum != plan.checksum(partition)) {
            throw new FailedPreconditionException("SparkTrainer: partition " + partition + " holds other examples now ("
                    + all.size() + ", checksum " + checksum + ") than when training started (" + plan.size(partition)
                    + ", " + plan.checksum(partition) + "); give an RDD whose partitions keep their examples and their"
                    + " order between jobs (persist it with a disk level, or build it deterministically)");
        }
        return all;
    }

    /**
     * {@code body} on a replica of this run borrowed from the executor's pool, its random draws
     * (Dropout) seeded by the run's seed, the epoch, the step and the partition.
     */
    <T> T onReplica(int partition, int epoch, int step, Function<Replica, T> body) {
        Replica replica = ExecutorReplicas.borrow(id, factory, shapes);
        long taskSeed = seed ^ (0x9E3779B97F4A7C15L * (((long) epoch << 32) + step + 1)) + partition;
        try (var scope = Settings.withSeed(taskSeed)) {
            return body.apply(replica);
        } finally {
            ExecutorReplicas.giveBack(id, replica);
        }
    }

    /** The checksum of no examples. */
    static final long CHECKSUM_START = 1;

    /**
     * The order-sensitive checksum {@code h} extended by one example, to notice a partition
     * recomputed with other examples or in another order. It samples the example (its lengths,
     * first, middle and last feature and first target value), so it costs O(1) per example.
     */
    static long checksum(long h, Example e) {
        float[] f = e.features(), t = e.target();
        long s = 31L * f.length + t.length;
        if (f.length > 0) {
            s = 31 * s + Float.floatToIntBits(f[0]);
            s = 31 * s + Float.floatToIntBits(f[f.length / 2]);
            s = 31 * s + Float.floatToIntBits(f[f.length - 1]);
        }
        if (t.length > 0) s = 31 * s + Float.floatToIntBits(t[0]);
        return 31 * h + s;
    }
}
