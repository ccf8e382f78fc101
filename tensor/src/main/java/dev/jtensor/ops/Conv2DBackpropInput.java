package dev.jtensor.ops;

import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Shape;
import dev.jtensor.Tensor;
import dev.jtensor.accel.Backend;
import dev.jtensor.accel.PatchGeometry;

/**
 * The gradient of {@link Conv2D} for its image (TensorFlow's {@code Conv2DBackpropInput}): a filter
 * {@code [KH, KW, C, OC]} and an output gradient {@code [N, OH, OW, OC]} give the
 * {@code [N, height, width, C]} image gradient, each pixel's channel the sum over the windows and
 * taps that read it of the output gradient times the filter. Linear in each input: its gradient
 * for the filter is {@link Conv2DBackpropFilter}, for the output gradient {@link Conv2D}.
 *
 * @param windows the windows of the convolution
 * @param height  the images' height, positive
 * @param width   the images' width, positive
 */
public record Conv2DBackpropInput(SlidingWindows windows, int height, int width) implements Primitive {

    public Conv2DBackpropInput {
        Primitives.nonNull("Conv2DBackpropInput", "windows", windows);
        if (height < 1 || width < 1) {
            throw InvalidArgumentException.of("Conv2DBackpropInput", "the image height and width must be positive, got "
                    + height + "x" + width);
        }
    }

    @Override
    public String name() {
        return "Conv2DBackpropInput";
    }

    @Override
    public TensorSpec infer(TensorSpec... inputs) {
        ConvolutionShapes.requireFloatPair(this, inputs, "filter", "out_backprop");
        Shape f = inputs[0].shape(), dy = inputs[1].shape();
        ConvolutionShapes.requireFilter(this, windows, f, f.get(2));
        ConvolutionShapes.requireGradOut(this, windows, dy, dy.get(0), height, width, f.get(3));
        return new TensorSpec(inputs[0].dtype(), Shape.of(dy.get(0), height, width, f.get(2)));
    }

    @Override
    public Tensor compute(Backend backend, Tensor[] inputs, TensorSpec output) {
        PatchGeometry g = windows.geometry(this, output.shape().toArray());
        int outChannels = inputs[0].shape().get(3);
        Object image = Primitives.allocate(backend, output);
        if (output.shape().size() > 0) {
            backend.kernels().conv2dBackpropInput(g, outChannels, Primitives.denseData(backend, inputs[1]),
                    Primitives.denseData(backend, inputs[0]), image);
        }
        return Primitives.wrap(backend, output, image);
    }
}
