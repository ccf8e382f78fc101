package dev.jtensor.nn.losses;

import dev.jtensor.TF;
import dev.jtensor.Tensor;

/**
 * The mean of absolute errors over the last axis: {@code mean(|yPred - yTrue|, axis=-1)}, Keras's
 * {@code MeanAbsoluteError} ({@code "mae"}).
 *
 * {@snippet :
 * Tensor loss = new MeanAbsoluteError().call(TF.constant(new float[][] {{0, 1}}),
 *         TF.constant(new float[][] {{1, 3}}));   // 1.5
 * }
 */
public final class MeanAbsoluteError extends Loss {

    /** With Keras's default reduction, {@code SUM_OVER_BATCH_SIZE}. */
    public MeanAbsoluteError() {
        this(Reduction.SUM_OVER_BATCH_SIZE);
    }

    /** With the given reduction. */
    public MeanAbsoluteError(Reduction reduction) {
        super("mean_absolute_error", reduction);
    }

    @Override
    protected Tensor perSample(Tensor yTrue, Tensor yPred) {
        SameRank pair = LossInputs.matched(describe(), yTrue, yPred);
        return TF.reduceMean(pair.second().sub(pair.first()).abs(), -1);
    }
}
