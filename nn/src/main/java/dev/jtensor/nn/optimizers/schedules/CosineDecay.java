package dev.jtensor.nn.optimizers.schedules;

import dev.jtensor.DType;
import dev.jtensor.InvalidArgumentException;
import dev.jtensor.TF;
import dev.jtensor.Tensor;

/**
 * Keras's {@code CosineDecay} (without warmup), SGDR's cosine: with {@code s = min(step, decaySteps)},
 * {@code initial * ((1 - alpha) * 0.5 * (1 + cos(pi * s / decaySteps)) + alpha)}, so the rate falls
 * from {@code initial} to {@code alpha * initial} and stays there. Computed in float64.
 *
 * {@snippet :
 * var schedule = new CosineDecay(0.01, 10_000, 0.0);
 * }
 *
 * @param initial    the rate at step 0
 * @param decaySteps the steps to decay over (> 0)
 * @param alpha      the final rate as a fraction of {@code initial}, in [0, 1]
 */
public record CosineDecay(double initial, long decaySteps, double alpha) implements LearningRateSchedule {

    public CosineDecay {
        Schedules.requireRate("CosineDecay", "initial", initial);
        Schedules.requireSteps("CosineDecay", decaySteps);
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new InvalidArgumentException("CosineDecay: alpha must be in [0, 1], got " + alpha);
        }
    }

    @Override
    public Tensor apply(Tensor step) {
        dev.jtensor.internal.Inputs.nonNull(step, "CosineDecay.apply", "step");
        Tensor s = TF.minimum(step.cast(DType.FLOAT64), (double) decaySteps);
        Tensor cosine = TF.cos(s.mul(Math.PI / decaySteps)).add(1.0).mul(0.5);
        return cosine.mul(1 - alpha).add(alpha).mul(initial);
    }
}
