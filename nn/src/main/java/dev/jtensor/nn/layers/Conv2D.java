package dev.jtensor.nn.layers;

import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Shape;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import dev.jtensor.Variable;
import dev.jtensor.nn.Activations;
import dev.jtensor.nn.initializers.Initializer;
import dev.jtensor.nn.initializers.Initializers;
import dev.jtensor.nn.regularizers.Regularizer;
import java.util.Locale;
import java.util.function.UnaryOperator;

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
public final class Conv2D extends Layer {

    private final int filters;
    private final int[] kernelSize;
    private int[] strides = {1, 1};
    private String padding = "VALID";
    private UnaryOperator<Tensor> activation = Activations.get(null);
    private boolean useBias = true;
    private Initializer kernelInitializer = Initializers.glorotUniform();
    private Regularizer kernelRegularizer;
    private Variable kernel;
    private Variable bias;

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
        this.padding = Pooling.padding(name(), mode);
        return this;
    }

    /** The activation by Keras's name. */
    public Conv2D activation(String name) {
        requireNotBuilt("activation");
        this.activation = Activations.get(name);
        return this;
    }

    /** Whether to add a bias (default true). */
    public Conv2D useBias(boolean use) {
        requireNotBuilt("useBias");
        this.useBias = use;
        return this;
    }

    /** The kernel's initializer. */
    public Conv2D kernelInitializer(Initializer init) {
        requireNotBuilt("kernelInitializer");
        this.kernelInitializer = nonNull(init, "kernelInitializer");
        return this;
    }

    /** A penalty on the kernel (null for none). */
    public Conv2D kernelRegularizer(Regularizer r) {
        requireNotBuilt("kernelRegularizer");
        this.kernelRegularizer = r;
        return this;
    }

    /** The kernel, {@code (kh, kw, inChannels, filters)}; null before the layer is built. */
    public Variable kernel() {
        return kernel;
    }

    /** The bias; null before the layer is built or without a bias. */
    public Variable bias() {
        return bias;
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
        Shape k = Shape.of(kernelSize[0], kernelSize[1], inputShape.get(3), filters);
        kernel = addWeight("kernel", k, kernelInitializer, true, kernelRegularizer);
        if (useBias) bias = addWeight("bias", Shape.of(filters), Initializers.zeros(), true, null);
    }

    @Override
    protected void checkInput(Shape inputShape) {
        requireRank(inputShape, 4, true);
        requireDim(inputShape, 3, kernel.shape().get(2));
    }

    @Override
    protected Tensor forward(Tensor x, boolean training) {
        Tensor y = TF.nn.conv2d(x, kernel, strides, padding);
        return activation.apply(useBias ? y.add(bias) : y);
    }

    @Override
    public String toString() {
        return "Conv2D(" + filters + ", " + kernelSize[0] + "x" + kernelSize[1] + ", " + padding.toLowerCase(Locale.ROOT) + ")";
    }
}
