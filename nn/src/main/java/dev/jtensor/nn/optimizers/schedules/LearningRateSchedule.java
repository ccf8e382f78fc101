package dev.jtensor.nn.optimizers.schedules;

import dev.jtensor.TF;
import dev.jtensor.Tensor;

/**
 * A learning rate that depends on the step (Keras's {@code LearningRateSchedule}): given the
 * optimizer's iteration counter, an int64 scalar tensor, it computes the rate with tensor ops, so
 * that a traced training step computes it anew at every call. Any lambda will do:
 *
 * {@snippet :
 * LearningRateSchedule inverseTime = step -> TF.constant(0.1).div(step.cast(DType.FLOAT64).add(1.0));
 * Optimizer sgd = SGD.builder().learningRate(inverseTime).build();
 * }
 */
@FunctionalInterface
public interface LearningRateSchedule {

    /** The learning rate at {@code step} (an int64 scalar), as a floating-point scalar tensor. */
    Tensor apply(Tensor step);

    /** The learning rate at {@code step}, computed eagerly. */
    default double valueAt(long step) {
        return apply(TF.constant(step)).doubleValue();
    }
}
