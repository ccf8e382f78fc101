package dev.jtensor.nn.metrics;

import dev.jtensor.InvalidArgumentException;

/**
 * How often {@code yPred > threshold} matches 0/1 labels (Keras's {@code BinaryAccuracy}, threshold
 * 0.5 by default).
 *
 * {@snippet :
 * Metric metric = new BinaryAccuracy();
 * metric.update(TF.constant(new float[][] {{1}, {0}}), TF.constant(new float[][] {{0.9f}, {0.6f}}));
 * metric.result();   // 0.5
 * }
 */
public class BinaryAccuracy extends MeanMetricWrapper {
    private final double threshold;

    /** Named {@code "binary_accuracy"}, threshold 0.5. */
    public BinaryAccuracy() {
        this("binary_accuracy", 0.5);
    }

    /** With the given name and threshold (a finite number). */
    public BinaryAccuracy(String name, double threshold) {
        super(name, (yTrue, yPred) -> AccuracyFunctions.binary(yTrue, yPred, threshold));
        if (!Double.isFinite(threshold)) {
            throw new InvalidArgumentException("BinaryAccuracy: threshold must be finite, got " + threshold);
        }
        this.threshold = threshold;
    }

    /** The threshold above which a prediction counts as 1. */
    public double threshold() {
        return threshold;
    }
}
