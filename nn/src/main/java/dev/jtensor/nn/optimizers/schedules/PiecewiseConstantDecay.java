package dev.jtensor.nn.optimizers.schedules;

import dev.jtensor.InvalidArgumentException;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import java.util.Arrays;

/**
 * Keras's {@code PiecewiseConstantDecay}: {@code values[0]} while {@code step <= boundaries[0]},
 * {@code values[i]} while {@code boundaries[i-1] < step <= boundaries[i]}, and the last value after
 * the last boundary.
 *
 * {@snippet :
 * var schedule = new PiecewiseConstantDecay(new long[] {100_000, 110_000}, new double[] {1.0, 0.5, 0.1});
 * }
 *
 * @param boundaries increasing steps
 * @param values     one more value than boundaries
 */
public record PiecewiseConstantDecay(long[] boundaries, double[] values) implements LearningRateSchedule {

    public PiecewiseConstantDecay {
        if (boundaries == null || values == null) {
            throw new InvalidArgumentException("PiecewiseConstantDecay: " + (boundaries == null ? "boundaries" : "values")
                    + " is null");
        }
        if (values.length != boundaries.length + 1) {
            throw new InvalidArgumentException("PiecewiseConstantDecay: the number of values must be one more than the "
                    + "number of boundaries, got " + values.length + " values for " + boundaries.length + " boundaries");
        }
        for (int i = 1; i < boundaries.length; i++) {
            if (boundaries[i] <= boundaries[i - 1]) {
                throw new InvalidArgumentException("PiecewiseConstantDecay: boundaries must increase, got "
                        + Arrays.toString(boundaries));
            }
        }
        for (double v : values) Schedules.requireRate("PiecewiseConstantDecay", "each value", v);
        boundaries = boundaries.clone();
        values = values.clone();
    }

    @Override
    public long[] boundaries() {
        return boundaries.clone();
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    @Override
    public Tensor apply(Tensor step) {
        dev.jtensor.internal.Inputs.nonNull(step, "PiecewiseConstantDecay.apply", "step");
        Tensor rate = TF.constant(values[values.length - 1]);
        for (int i = boundaries.length - 1; i >= 0; i--) {
            rate = TF.where(step.lessEqual(TF.constant(boundaries[i])), TF.constant(values[i]), rate);
        }
        return rate;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PiecewiseConstantDecay p && Arrays.equals(boundaries, p.boundaries)
                && Arrays.equals(values, p.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(boundaries) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "PiecewiseConstantDecay[boundaries=" + Arrays.toString(boundaries) + ", values=" + Arrays.toString(values) + "]";
    }
}
