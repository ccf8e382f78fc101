package dev.jtensor.nn.metrics;

import dev.jtensor.Operand;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import dev.jtensor.Variable;

/** {@code tp / (tp + other)} at one threshold: the shape of {@link Precision} and {@link Recall}. */
abstract class ThresholdRatio extends Metric {
    private final Tensor threshold;
    private final Variable truePositives = scalarState("true_positives");
    private final Variable others;

    ThresholdRatio(String name, String othersName, double threshold) {
        super(name);
        this.threshold = Thresholds.single(getClass().getSimpleName(), threshold);
        this.others = scalarState(othersName);
    }

    /** The count beside the true positives in the denominator. */
    abstract Tensor others(ConfusionCounts counts);

    @Override
    public void update(Operand yTrue, Operand yPred, Operand sampleWeight) {
        String who = describe();
        ConfusionCounts counts = ConfusionCounts.of(who, MetricMath.required(who, "yTrue", yTrue),
                MetricMath.required(who, "yPred", yPred), MetricMath.weight(who, sampleWeight), threshold);
        truePositives.assignAdd(counts.truePositives().reshape());
        others.assignAdd(others(counts).reshape());
    }

    @Override
    public Tensor result() {
        Tensor tp = truePositives.readValue();
        return MetricMath.divideNoNan(tp, TF.add(tp, others.readValue()));
    }
}
