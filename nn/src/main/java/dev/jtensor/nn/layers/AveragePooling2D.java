package dev.jtensor.nn.layers;

import dev.jtensor.TF;
import dev.jtensor.Tensor;

/**
 * Keras's {@code AveragePooling2D} on NHWC images: the mean of each window ({@link Pooling2D}); with
 * {@code "same"} padding a window at the edge averages only the elements inside, as TensorFlow. It
 * runs {@code TF.nn.avgPool2d}.
 *
 * {@snippet :
 * Tensor pooled = new AveragePooling2D(2).call(TF.zeros(64, 28, 28, 32));   // (64, 14, 14, 32)
 * }
 */
public final class AveragePooling2D extends Pooling2D<AveragePooling2D> {

    /** A square window of side {@code poolSize}, stepping by it. */
    public AveragePooling2D(int poolSize) {
        super(poolSize);
    }

    @Override
    protected Tensor pool(Tensor x, int[] window, int[] strides, String padding) {
        return TF.nn.avgPool2d(x, window, strides, padding);
    }
}
