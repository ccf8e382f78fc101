package dev.jtensor.ops;

import dev.jtensor.Shape;
import dev.jtensor.Tensor;
import dev.jtensor.accel.Backend;
import dev.jtensor.accel.PatchGeometry;

/**
 * The gradient of {@link Conv2D} for its filter (TensorFlow's {@code Conv2DBackpropFilter}): an
 * image {@code [N, H, W, C]} and an output gradient {@code [N, OH, OW, OC]} give the
 * {@code [KH, KW, C, OC]} filter gradient, the sum over every window of its pixels times its output
 * gradient. Linear in each input: its gradient for the image is {@link Conv2DBackpropInput}, for the
 * output gradient {@link Conv2D}.
 *
 * @param windows the windows of the convolution (their size is the filter's)
 */
public record Conv2DBackpropFilter(SlidingWindows windows) implements Primitive {

    public Conv2DBackpropFilter {
        Primitives.nonNull("Conv2DBackpropFilter", "windows", windows);
    }

    @Override
    public String name() {
        return "Conv2DBackpropFilter";
    }

    @Override
    public TensorSpec infer(TensorSpec... inputs) {
        ConvolutionShapes.requireFloatPair(this, inputs, "input", "out_backprop");
        Shape x = inputs[0].shape(), dy = inputs[1].shape();
        ConvolutionShapes.requireGradOut(this, windows, dy, x.get(0), x.get(1), x.get(2), dy.get(3));
        return new TensorSpec(inputs[0].dtype(),
                Shape.of(windows.kernelHeight(), windows.kernelWidth(), x.get(3), dy.get(3)));
    }

    @Override
    public Tensor compute(Backend backend, Tensor[] inputs, TensorSpec output) {
        PatchGeometry g = windows.geometry(this, inputs[0].shape().toArray());
        Object filter = Primitives.allocate(backend, output);
        if (output.shape().size() > 0) {
            backend.kernels().conv2dBackpropFilter(g, output.shape().get(3), Primitives.denseData(backend, inputs[0]),
                    Primitives.denseData(backend, inputs[1]), filter);
        }
        return Primitives.wrap(backend, output, filter);
    }
}
