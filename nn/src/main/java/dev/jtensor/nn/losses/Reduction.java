package dev.jtensor.nn.losses;

/**
 * How a {@link Loss} turns per-sample losses into its result (Keras's {@code reduction}).
 *
 * {@snippet :
 * Loss perSample = new MeanSquaredError(Reduction.NONE);
 * Tensor each = perSample.call(yTrue, yPred);    // shape (batch,)
 * }
 */
public enum Reduction {
    /** The sum of the (weighted) per-sample losses divided by their number: Keras's default. */
    SUM_OVER_BATCH_SIZE,
    /** The sum of the (weighted) per-sample losses. */
    SUM,
    /** No reduction: the (weighted) per-sample losses themselves. */
    NONE
}
