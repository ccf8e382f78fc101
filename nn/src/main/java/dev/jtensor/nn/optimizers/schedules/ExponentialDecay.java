package dev.jtensor.nn.optimizers.schedules;

import dev.jtensor.DType;
import dev.jtensor.InvalidArgumentException;
import dev.jtensor.TF;
import dev.jtensor.Tensor;

/**
 * Keras's {@code ExponentialDecay}: {@code initial * decayRate^(step / decaySteps)}, the exponent
 * floored when {@code staircase} (a step change every {@code decaySteps}). Computed in float64.
 *
 * {@snippet :
 * var schedule = new ExponentialDecay(0.1, 1000, 0.96, true);   // 0.1 for steps 0..999, then 0.096, ...
 * }
 *
 * @param initial    the rate at step 0
 * @param decaySteps the steps over which the rate is multiplied by {@code decayRate} (> 0)
 * @param decayRate  the factor per {@code decaySteps} (> 0)
 * @param staircase  whether the exponent is an integer
 */
public record ExponentialDecay(double initial, long decaySteps, double decayRate, boolean staircase)
        implements LearningRateSchedule {

    public ExponentialDecay {
        Schedules.requireRate("ExponentialDecay", "initial", initial);
        Schedules.requireSteps("ExponentialDecay", decaySteps);
        if (!(decayRate > 0) || Double.isInfinite(decayRate)) {
            throw new InvalidArgumentException("ExponentialDecay: decayRate must be a finite number > 0, got " + decayRate);
        }
    }

    @Override
    public Tensor apply(Tensor step) {
        dev.jtensor.internal.Inputs.nonNull(step, "ExponentialDecay.apply", "step");
        Tensor p = step.cast(DType.FLOAT64).div((double) decaySteps);
        if (staircase) p = TF.floor(p);
        return TF.pow(TF.constant(decayRate), p).mul(initial);
    }
}
