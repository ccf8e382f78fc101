package dev.jtensor.spark;

import dev.jtensor.FailedPreconditionException;
import dev.jtensor.Settings;
import dev.jtensor.Tensor;
import dev.jtensor.nn.distribute.ReplicaStep;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;

/**
 * One step's work on one partition, run by Spark on an executor: the step's chunk of the partition,
 * the weights from the broadcast, the replica's flat part. A pure function of its inputs, so a task
 * Spark retries (or runs twice speculatively) gives the same vector, and Spark keeps one result per
 * partition: a retried partition's gradient counts once.
 */
final class StepTask implements Function2<Integer, Iterator<Example>, Iterator<TreeSum.Partial>> {

    private final String runId;
    private final ModelFactory factory;
    private final Replica.Shapes shapes;
    private final StepPlan plan;
    private final Broadcast<float[]> weights;
    private final int epoch;
    private final int step;
    private final long seed;

    StepTask(String runId, ModelFactory factory, Replica.Shapes shapes, StepPlan plan, Broadcast<float[]> weights,
             int epoch, int step, long seed) {
        this.runId = runId;
        this.factory = factory;
        this.shapes = shapes;
        this.plan = plan;
        this.weights = weights;
        this.epoch = epoch;
        this.step = step;
        this.seed = seed;
    }

    @Override
    public Iterator<TreeSum.Partial> call(Integer partition, Iterator<Example> examples) {
        int[] rows = plan.rows(partition, epoch, step);
        if (rows.length == 0) return List.of(new TreeSum.Partial(partition, null)).iterator();
        List<Example> all = read(partition, examples, plan);
        Replica replica = ExecutorReplicas.borrow(runId, factory, shapes);
        try (var scope = Settings.withSeed(taskSeed(seed, epoch, step, partition))) {
            replica.setWeights(weights.value());
            List<Tensor> batch = shapes.batch(all, rows);
            ReplicaStep.Part part = replica.step.compute(batch.subList(0, 1), batch.subList(1, 2), plan.examples(step));
            return List.of(new TreeSum.Partial(partition, part.sums().toFloatArray())).iterator();
        } finally {
            ExecutorReplicas.giveBack(runId, replica);
        }
    }

    /** The partition's examples, checked against the count the plan was made with. */
    static List<Example> read(int partition, Iterator<Example> examples, StepPlan plan) {
        List<Example> all = new ArrayList<>();
        examples.forEachRemaining(all::add);
        if (all.size() != plan.size(partition) || checksum(all) != plan.checksum(partition)) {
            throw new FailedPreconditionException("SparkTrainer: partition " + partition + " holds other examples now ("
                    + all.size() + ", checksum " + checksum(all) + ") than when training started (" + plan.size(partition)
                    + ", " + plan.checksum(partition) + "); give an RDD whose partitions keep their examples and their"
                    + " order between jobs (persist it with a disk level, or build it deterministically)");
        }
        return all;
    }

    /**
     * An order-sensitive hash of a partition's examples, to notice a partition recomputed with other
     * examples or in another order. It samples each example (its lengths, first, middle and last
     * feature and first target value), so it costs O(1) per example at every step.
     */
    static long checksum(Iterable<Example> examples) {
        long h = 1;
        for (Example e : examples) h = 31 * h + sample(e);
        return h;
    }

    private static long sample(Example e) {
        float[] f = e.features(), t = e.target();
        long h = 31L * f.length + t.length;
        if (f.length > 0) {
            h = 31 * h + Float.floatToIntBits(f[0]);
            h = 31 * h + Float.floatToIntBits(f[f.length / 2]);
            h = 31 * h + Float.floatToIntBits(f[f.length - 1]);
        }
        if (t.length > 0) h = 31 * h + Float.floatToIntBits(t[0]);
        return h;
    }

    /** The seed of a task's random draws (Dropout): fixed by the run's seed, the epoch, the step and the partition. */
    static long taskSeed(long seed, int epoch, int step, int partition) {
        return seed ^ (0x9E3779B97F4A7C15L * (((long) epoch << 32) + step + 1)) + partition;
    }
}
