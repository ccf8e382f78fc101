package dev.jtensor.nn.metrics;

import dev.jtensor.Tensor;

/**
 * {@code tp / (tp + fn)} over everything seen, a prediction being positive when above the threshold
 * (0.5 by default) and a label when non-zero (Keras's {@code Recall}); 0 before any positive label.
 *
 * {@snippet :
 * Metric recall = new Recall();
 * recall.update(TF.constant(new float[] {1, 0, 1}), TF.constant(new float[] {0.9f, 0.8f, 0.2f}));
 * recall.result();   // 0.5: one of the two positive labels is found
 * }
 */
public class Recall extends ThresholdRatio {

    /** Named {@code "recall"}, threshold 0.5. */
    public Recall() {
        this("recall", 0.5);
    }

    /** With the given name and threshold in [0, 1]. */
    public Recall(String name, double threshold) {
        super(name, "false_negatives", threshold);
    }

    @Override
    Tensor others(ConfusionCounts counts) {
        return counts.falseNegatives();
    }
}
