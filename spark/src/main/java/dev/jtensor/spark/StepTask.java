package dev.jtensor.spark;

import dev.jtensor.Tensor;
import dev.jtensor.nn.distribute.ReplicaStep;
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

    private final TrainingRun run;
    private final Broadcast<float[]> weights;
    private final int epoch;
    private final int step;

    StepTask(TrainingRun run, Broadcast<float[]> weights, int epoch, int step) {
        this.run = run;
        this.weights = weights;
        this.epoch = epoch;
        this.step = step;
    }

    @Override
    public Iterator<TreeSum.Partial> call(Integer partition, Iterator<Example> examples) {
        int[] rows = run.plan().rows(partition, epoch, step);
        if (rows.length == 0) return List.of(new TreeSum.Partial(partition, null)).iterator();
        List<Example> all = run.read(partition, examples);
        float[] sums = run.onReplica(partition, epoch, step, replica -> {
            replica.setWeights(weights.value());
            List<Tensor> batch = run.shapes().batch(all, rows);
            ReplicaStep.Part part = replica.step.compute(batch.subList(0, 1), batch.subList(1, 2), run.plan().examples(step));
            return part.sums().toFloatArray();
        });
        return List.of(new TreeSum.Partial(partition, sums)).iterator();
    }
}
