package dev.jtensor.nn.losses;

import dev.jtensor.TF;
import dev.jtensor.Tensor;

/**
 * The mean of squared errors over the last axis: {@code mean((yPred - yTrue)^2, axis=-1)}, Keras's
 * {@code MeanSquaredError} ({@code "mse"}).
 *
 * {@snippet :
 * Tensor loss = new MeanSquaredError().call(TF.constant(new float[][] {{0, 1}}),
 *         TF.constant(new float[][] {{1, 1}}));   // 0.5
 * }
 */
public final class MeanSquaredError extends Loss {

    /** With Keras's default reduction, {@code SUM_OVER_BATCH_SIZE}. */
    public MeanSquaredError() {
        this(Reduction.SUM_OVER_BATCH_SIZE);
    }

    /** With the given reduction. */
    public MeanSquaredError(Reduction reduction) {
        super("mean_squared_error", reduction);
    }

    @Override
    protected Tensor perSample(Tensor yTrue, Tensor yPred) {
        SameRank pair = LossInputs.matched(describe(), yTrue, yPred);
        return TF.reduceMean(TF.squaredDifference(pair.second(), pair.first()), -1);
    }
}
