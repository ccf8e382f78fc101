package dev.jtensor.nn.layers;

import dev.jtensor.TF;
import dev.jtensor.Tensor;

/**
 * Keras's {@code MaxPooling2D} on NHWC images: the maximum of each window ({@link Pooling2D});
 * padding never wins a maximum. It runs {@code TF.nn.maxPool2d}.
 *
 * {@snippet :
 * Tensor pooled = new MaxPooling2D(2).call(TF.zeros(64, 28, 28, 32));   // (64, 14, 14, 32)
 * }
 */
public final class MaxPooling2D extends Pooling2D<MaxPooling2D> {

    /** A square window of side {@code poolSize}, stepping by it. */
    public MaxPooling2D(int poolSize) {
        super(poolSize);
    }

    @Override
    protected Tensor pool(Tensor x, int[] window, int[] strides, String padding) {
        return TF.nn.maxPool2d(x, window, strides, padding);
    }
}
