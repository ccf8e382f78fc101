package dev.jtensor.nn.layers;

import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Shape;
import dev.jtensor.TF;
import dev.jtensor.Tensor;

/**
 * Keras's {@code Conv2D} on NHWC images: {@code filters} kernels of {@code kernelSize}, stepping by
 * {@code strides}, with {@code "valid"} (no padding, the default) or {@code "same"} padding
 * (TensorFlow's rule: the output is {@code ceil(input / stride)}, the extra padding after), then the
 * bias and the activation. The kernel is {@code (kh, kw, inChannels, filters)}, Glorot uniform (its
 * fans include the receptive field), the bias zeros. It runs {@code TF.nn.conv2d}.
 *
 * {@snippet :
 * Conv2D conv = new Conv2D(32, 3).padding("same").activation("relu");
 * Tensor features = conv.call(TF.zeros(64, 28, 28, 1));   // (64, 28, 28, 32)
 * }
 */
public final class Conv2D extends KernelLayer<Conv2D> {

    private final int filters;
    private final int[] kernelSize;
    private int[] strides = {1, 1};
    private String padding = "VALID";

    /** {@code filters} square kernels of side {@code kernelSize}. */
    public Conv2D(int filters, int kernelSize) {
        this(filters, kernelSize, kernelSize);
    }

    /** {@code filters} kernels of {@code kernelHeight x kernelWidth}. */
    public Conv2D(int filters, int kernelHeight, int kernelWidth) {
        if (filters <= 0 || kernelHeight <= 0 || kernelWidth <= 0) {
            throw new InvalidArgumentException("Conv2D: filters and kernel size must be positive, got filters=" + filters
                    + ", kernel " + kernelHeight + "x" + kernelWidth);
        }
        this.filters = filters;
        this.kernelSize = new int[] {kernelHeight, kernelWidth};
    }

    /** The step in both directions (default 1). */
    public Conv2D strides(int stride) {
        return strides(stride, stride);
    }

    /** The vertical and horizontal steps. */
    public Conv2D strides(int vertical, int horizontal) {
        requireNotBuilt("strides");
        if (vertical <= 0 || horizontal <= 0) {
            throw new InvalidArgumentException("Layer \"" + name() + "\": strides must be positive, got " + vertical + ", "
                    + horizontal);
        }
        this.strides = new int[] {vertical, horizontal};
        return this;
    }

    /** {@code "valid"} or {@code "same"} (case-insensitive). */
    public Conv2D padding(String mode) {
        requireNotBuilt("padding");
        this.padding = Pooling2D.tfPadding(name(), mode);
        return this;
    }

    @Override
    protected void checkBuildShape(Shape inputShape) {
        requireRank(inputShape, 4, true);
        if (inputShape.get(3) == Shape.UNKNOWN) {
            throw new InvalidArgumentException("Layer \"" + name() + "\": the channel dimension of the inputs should be "
                    + "defined, got input shape " + inputShape);
        }
    }

    @Override
    protected void build(Shape inputShape) {
        buildKernel(Shape.of(kernelSize[0], kernelSize[1], inputShape.get(3), filters));
    }

    @Override
    protected void checkInput(Shape inputShape) {
        requireRank(inputShape, 4, true);
        requireDim(inputShape, 3, kernel().shape().get(2));
    }

    @Override
    protected Tensor forward(Tensor x, boolean training) {
        return biasAndActivate(TF.nn.conv2d(x, kernel(), strides, padding));
    }
}
