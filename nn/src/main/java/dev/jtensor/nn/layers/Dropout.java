package dev.jtensor.nn.layers;

import dev.jtensor.InvalidArgumentException;
import dev.jtensor.TF;
import dev.jtensor.Tensor;

/**
 * Keras's {@code Dropout}: in training, zeroes each element with probability {@code rate} and
 * scales the others by {@code 1 / (1 - rate)}; at inference, passes the input through. Each
 * training call draws a new mask; the draws follow the global seed ({@link TF#setSeed}), so a run
 * with the same seed drops the same elements, eagerly and in traced train steps alike.
 *
 * {@snippet :
 * Dropout dropout = new Dropout(0.5);
 * Tensor y = dropout.call(x, true);    // about half the elements 0, the rest doubled
 * Tensor same = dropout.call(x);       // inference: y == x
 * }
 */
public final class Dropout extends Layer {

    private final double rate;

    /** Drops with probability {@code rate}, in {@code [0, 1)}. */
    public Dropout(double rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new InvalidArgumentException("Dropout: rate must be in [0, 1), got " + rate);
        }
        this.rate = rate;
    }

    /** The probability of dropping an element. */
    public double rate() {
        return rate;
    }

    @Override
    protected Tensor forward(Tensor x, boolean training) {
        if (!training || rate == 0) return x;
        if (!x.shape().isFullyDefined()) {
            throw new InvalidArgumentException("Layer \"" + name() + "\": dropout in training needs a fully known input "
                    + "shape to draw its mask, got " + x.shape() + " (feed a fixed batch size, or trace the step)");
        }
        int[] dims = x.shape().toArray();
        Tensor keep = TF.randomUniform(dims, 0, 1, x.dtype(), null).greaterEqual(TF.constant(rate).cast(x.dtype()));
        return TF.where(keep, x.div(1 - rate), TF.zerosLike(x));
    }
}
