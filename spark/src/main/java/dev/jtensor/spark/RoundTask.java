package dev.jtensor.spark;

import dev.jtensor.Tensor;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;

/**
 * One round of local SGD on one partition: from the broadcast weights and optimizer state, the
 * replica trains on its chunks of {@code steps} consecutive steps with its own optimizer, then
 * returns {@code [loss sum, examples, weights..., optimizer state...]}, the last two multiplied by
 * its examples, so the tree sum over partitions divided by the examples is the example-weighted
 * mean model (model averaging). Pure in its inputs, as {@link StepTask}.
 */
final class RoundTask implements Function2<Integer, Iterator<Example>, Iterator<TreeSum.Partial>> {

    private final TrainingRun run;
    private final Broadcast<float[]> state;
    private final long iterations;
    private final int epoch;
    private final int firstStep;
    private final int steps;

    RoundTask(TrainingRun run, Broadcast<float[]> state, long iterations, int epoch, int firstStep, int steps) {
        this.run = run;
        this.state = state;
        this.iterations = iterations;
        this.epoch = epoch;
        this.firstStep = firstStep;
        this.steps = steps;
    }

    @Override
    public Iterator<TreeSum.Partial> call(Integer partition, Iterator<Example> examples) {
        List<Example> all = run.read(partition, examples);
        float[] out = run.onReplica(partition, epoch, firstStep, replica -> {
            replica.setState(state.value(), iterations);
            double lossSum = 0;
            long count = 0;
            for (int step = firstStep; step < firstStep + steps; step++) {
                int[] rows = run.plan().rows(partition, epoch, step);
                if (rows.length == 0) continue;
                List<Tensor> batch = run.shapes().batch(all, rows);
                lossSum += replica.model.trainOnBatch(batch.get(0), batch.get(1)).get("loss") * rows.length;
                count += rows.length;
            }
            if (count == 0) return null;
            float[] weights = replica.weights(), optimizer = replica.optimizerState();
            float[] sums = new float[2 + weights.length + optimizer.length];
            sums[0] = (float) lossSum;
            sums[1] = count;
            for (int i = 0; i < weights.length; i++) sums[2 + i] = weights[i] * count;
            for (int i = 0; i < optimizer.length; i++) sums[2 + weights.length + i] = optimizer[i] * count;
            return sums;
        });
        return List.of(new TreeSum.Partial(partition, out)).iterator();
    }
}
