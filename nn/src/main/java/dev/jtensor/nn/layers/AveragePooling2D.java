package dev.jtensor.nn.layers;

import dev.jtensor.Shape;
import dev.jtensor.TF;
import dev.jtensor.Tensor;

/**
 * Keras's {@code AveragePooling2D} on NHWC images: the mean of each {@code poolSize} window, stepping
 * by {@code strides} (the pool size by default), {@code "valid"} or {@code "same"} padding (a window
 * at the edge averages only the elements inside, as TensorFlow). It runs {@code TF.nn.avgPool2d}.
 *
 * {@snippet :
 * Tensor pooled = new AveragePooling2D(2).call(TF.zeros(64, 28, 28, 32));   // (64, 14, 14, 32)
 * }
 */
public final class AveragePooling2D extends Layer {

    private final int[] pool;
    private int[] strides;
    private String padding = "VALID";

    /** A square window of side {@code poolSize}, stepping by it. */
    public AveragePooling2D(int poolSize) {
        this.pool = Pooling.pair(name(), "poolSize", poolSize, poolSize);
        this.strides = pool.clone();
    }

    /** Steps of {@code stride} in both directions. */
    public AveragePooling2D strides(int stride) {
        requireNotBuilt("strides");
        this.strides = Pooling.pair(name(), "strides", stride, stride);
        return this;
    }

    /** {@code "valid"} or {@code "same"}. */
    public AveragePooling2D padding(String mode) {
        requireNotBuilt("padding");
        this.padding = Pooling.padding(name(), mode);
        return this;
    }

    @Override
    protected void checkBuildShape(Shape inputShape) {
        requireRank(inputShape, 4, true);
    }

    @Override
    protected void checkInput(Shape inputShape) {
        requireRank(inputShape, 4, true);
    }

    @Override
    protected Tensor forward(Tensor x, boolean training) {
        return TF.nn.avgPool2d(x, pool, strides, padding);
    }
}
