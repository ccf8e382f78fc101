package dev.jtensor.spark;

import dev.jtensor.Settings;
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

    private final String runId;
    private final ModelFactory factory;
    private final Replica.Shapes shapes;
    private final StepPlan plan;
    private final Broadcast<float[]> state;
    private final long iterations;
    private final int epoch;
    private final int firstStep;
    private final int steps;
    private final long seed;

    RoundTask(String runId, ModelFactory factory, Replica.Shapes shapes, StepPlan plan, Broadcast<float[]> state,
              long iterations, int epoch, int firstStep, int steps, long seed) {
        this.runId = runId;
        this.factory = factory;
        this.shapes = shapes;
        this.plan = plan;
        this.state = state;
        this.iterations = iterations;
        this.epoch = epoch;
        this.firstStep = firstStep;
        this.steps = steps;
        this.seed = seed;
    }

    @Override
    public Iterator<TreeSum.Partial> call(Integer partition, Iterator<Example> examples) {
        List<Example> all = StepTask.read(partition, examples, plan);
        Replica replica = ExecutorReplicas.borrow(runId, factory, shapes);
        try (var scope = Settings.withSeed(StepTask.taskSeed(seed, epoch, firstStep, partition))) {
            replica.setState(state.value(), iterations);
            double lossSum = 0;
            long count = 0;
            for (int step = firstStep; step < firstStep + steps; step++) {
                int[] rows = plan.rows(partition, epoch, step);
                if (rows.length == 0) continue;
                List<Tensor> batch = shapes.batch(all, rows);
                lossSum += replica.model.trainOnBatch(batch.get(0), batch.get(1)).get("loss") * rows.length;
                count += rows.length;
            }
            if (count == 0) return List.of(new TreeSum.Partial(partition, null)).iterator();
            float[] weights = replica.weights(), optimizer = replica.optimizerState();
            float[] out = new float[2 + weights.length + optimizer.length];
            out[0] = (float) lossSum;
            out[1] = count;
            for (int i = 0; i < weights.length; i++) out[2 + i] = weights[i] * count;
            for (int i = 0; i < optimizer.length; i++) out[2 + weights.length + i] = optimizer[i] * count;
            return List.of(new TreeSum.Partial(partition, out)).iterator();
        } finally {
            ExecutorReplicas.giveBack(runId, replica);
        }
    }
}
