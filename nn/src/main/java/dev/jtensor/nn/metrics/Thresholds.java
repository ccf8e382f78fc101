package dev.jtensor.nn.metrics;

import dev.jtensor.InvalidArgumentException;
import dev.jtensor.TF;
import dev.jtensor.Tensor;

/** Threshold vectors for the confusion-count metrics. */
final class Thresholds {
    private Thresholds() {
    }

    /** One threshold in [0, 1], as a float32 vector of length 1. */
    static Tensor single(String who, double threshold) {
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new InvalidArgumentException(who + ": threshold must be in [0, 1], got " + threshold);
        }
        return TF.constant(new float[] {(float) threshold});
    }

    /**
     * Keras's evenly spaced AUC thresholds: {@code -1e-7}, {@code i / (n - 1)} for i = 1 .. n - 2,
     * and {@code 1 + 1e-7}, so that predictions of exactly 0 and 1 fall inside.
     */
    static Tensor evenlySpaced(String who, int count) {
        if (count < 2) {
            throw new InvalidArgumentException(who + ": numThresholds must be > 1, got " + count);
        }
        float[] t = new float[count];
        t[0] = (float) (0.0 - 1e-7);
        for (int i = 1; i < count - 1; i++) t[i] = (float) (i * 1.0 / (count - 1));
        t[count - 1] = (float) (1.0 + 1e-7);
        return TF.constant(t);
    }
}
