package dev.jtensor.nn.metrics;

import dev.jtensor.Tensor;

/**
 * {@code tp / (tp + fp)} over everything seen, a prediction being positive when above the threshold
 * (0.5 by default) and a label when non-zero (Keras's {@code Precision}); 0 before any positive prediction.
 *
 * {@snippet :
 * Metric precision = new Precision();
 * precision.update(TF.constant(new float[] {1, 0, 1}), TF.constant(new float[] {0.9f, 0.8f, 0.2f}));
 * precision.result();   // 0.5: one of the two positive predictions is right
 * }
 */
public class Precision extends ThresholdRatio {

    /** Named {@code "precision"}, threshold 0.5. */
    public Precision() {
        this("precision", 0.5);
    }

    /** With the given name and threshold in [0, 1]. */
    public Precision(String name, double threshold) {
        super(name, "false_positives", threshold);
    }

    @Override
    Tensor others(ConfusionCounts counts) {
        return counts.falsePositives();
    }
}
