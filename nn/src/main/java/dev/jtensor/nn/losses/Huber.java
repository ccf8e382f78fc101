package dev.jtensor.nn.losses;

import dev.jtensor.InvalidArgumentException;
import dev.jtensor.TF;
import dev.jtensor.Tensor;

/**
 * Keras's {@code Huber} loss: with {@code e = yPred - yTrue}, {@code 0.5 e^2} where
 * {@code |e| <= delta} and {@code delta (|e| - 0.5 delta)} elsewhere, averaged over the last axis.
 *
 * {@snippet :
 * Tensor loss = new Huber(1.0).call(TF.constant(new float[][] {{0, 0}}),
 *         TF.constant(new float[][] {{0.5f, 3}}));   // (0.125 + 2.5) / 2
 * }
 */
public final class Huber extends Loss {
    private final double delta;

    /** With Keras's default {@code delta} of 1. */
    public Huber() {
        this(1.0);
    }

    /** With the given {@code delta} (positive) and the default reduction. */
    public Huber(double delta) {
        this(delta, Reduction.SUM_OVER_BATCH_SIZE);
    }

    /** With the given {@code delta} (positive) and reduction. */
    public Huber(double delta, Reduction reduction) {
        super("huber_loss", reduction);
        if (!(delta > 0 && Double.isFinite(delta))) {
            throw new InvalidArgumentException("Huber: delta must be positive and finite, got " + delta);
        }
        this.delta = delta;
    }

    /** The point where the loss turns from quadratic to linear. */
    public double delta() {
        return delta;
    }

    @Override
    protected Tensor perSample(Tensor yTrue, Tensor yPred) {
        SameRank pair = LossInputs.matched(describe(), yTrue, yPred);
        Tensor error = pair.second().sub(pair.first());
        Tensor absError = error.abs();
        Tensor quadratic = error.square().mul(0.5);
        Tensor linear = absError.mul(delta).sub(0.5 * delta * delta);
        return TF.reduceMean(TF.where(absError.greater(delta), linear, quadratic), -1);
    }
}
