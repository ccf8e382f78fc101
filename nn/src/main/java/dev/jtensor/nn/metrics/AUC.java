package dev.jtensor.nn.metrics;

import dev.jtensor.Index;
import dev.jtensor.Operand;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import dev.jtensor.Variable;

/**
 * The area under the ROC curve, approximated as Keras's {@code AUC} does by default: confusion
 * counts at 200 evenly spaced thresholds ({@code -1e-7, 1/199, ..., 198/199, 1 + 1e-7}), and the
 * {@code "interpolation"} summation, {@code sum((fpr[i] - fpr[i+1]) * (tpr[i] + tpr[i+1]) / 2)}.
 * Predictions are expected in [0, 1]; labels are positive when non-zero.
 *
 * {@snippet :
 * Metric auc = new AUC();
 * auc.update(TF.constant(new float[] {0, 0, 1, 1}), TF.constant(new float[] {0.1f, 0.4f, 0.35f, 0.8f}));
 * auc.result();   // 0.75
 * }
 */
public class AUC extends Metric {
    private final int numThresholds;
    private final Tensor thresholds;
    private final Variable truePositives;
    private final Variable falsePositives;
    private final Variable trueNegatives;
    private final Variable falseNegatives;

    /** Named {@code "auc"}, with 200 thresholds. */
    public AUC() {
        this("auc", 200);
    }

    /** With the given name and number of thresholds (more than 1). */
    public AUC(String name, int numThresholds) {
        super(name);
        this.thresholds = Thresholds.evenlySpaced("AUC", numThresholds);
        this.numThresholds = numThresholds;
        this.truePositives = counter("true_positives");
        this.falsePositives = counter("false_positives");
        this.trueNegatives = counter("true_negatives");
        this.falseNegatives = counter("false_negatives");
    }

    /** The number of thresholds. */
    public int numThresholds() {
        return numThresholds;
    }

    @Override
    public void update(Operand yTrue, Operand yPred, Operand sampleWeight) {
        String who = describe();
        ConfusionCounts counts = ConfusionCounts.of(who, MetricMath.required(who, "yTrue", yTrue),
                MetricMath.required(who, "yPred", yPred), MetricMath.weight(who, sampleWeight), thresholds);
        truePositives.assignAdd(counts.truePositives());
        falsePositives.assignAdd(counts.falsePositives());
        trueNegatives.assignAdd(counts.trueNegatives());
        falseNegatives.assignAdd(counts.falseNegatives());
    }

    @Override
    public Tensor result() {
        Tensor tp = truePositives.readValue(), fp = falsePositives.readValue();
        Tensor recall = MetricMath.divideNoNan(tp, tp.add(falseNegatives.readValue()));
        Tensor fpRate = MetricMath.divideNoNan(fp, fp.add(trueNegatives.readValue()));
        Tensor heights = head(recall).add(tail(recall)).mul(0.5);
        return TF.reduceSum(head(fpRate).sub(tail(fpRate)).mul(heights));
    }

    private Tensor head(Tensor perThreshold) {
        return perThreshold.get(Index.range(0, numThresholds - 1));
    }

    private static Tensor tail(Tensor perThreshold) {
        return perThreshold.get(Index.from(1));
    }

    private Variable counter(String name) {
        return new Variable(TF.zeros(numThresholds), name, false);
    }
}
