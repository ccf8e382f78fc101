package dev.jtensor.ops;

import dev.jtensor.Shape;
import dev.jtensor.Tensor;
import dev.jtensor.accel.Backend;
import dev.jtensor.accel.PatchGeometry;

/**
 * A 2-D convolution computed directly (TensorFlow's {@code Conv2D}, NHWC): an image
 * {@code [N, H, W, C]} and a filter {@code [KH, KW, C, OC]} give {@code [N, OH, OW, OC]}, each
 * window's pixels (zeros over padding) times the filter. {@code TF.nn.conv2d} uses it when a window
 * holds few values ({@code KH * KW * C}), where a patches matrix times the filter would cost more
 * to write than the arithmetic. Its gradient is the composition the larger windows use: the
 * {@link ImagePatches} of the image times the output gradient for the filter, and the
 * {@link ImagePatchesAdjoint} of the output gradient times the filter for the image (two GEMMs).
 *
 * @param windows the window sizes (the filter's first two dimensions), strides, dilations and padding
 */
public record Conv2D(SlidingWindows windows) implements Primitive {

    public Conv2D {
        Primitives.nonNull("Conv2D", "windows", windows);
    }

    @Override
    public String name() {
        return "Conv2D";
    }

    @Override
    public TensorSpec infer(TensorSpec... inputs) {
        Primitives.arity(this, inputs, 2);
        Primitives.requireFloating(this, inputs[0], 0);
        Primitives.requireSameDType(this, inputs[0], inputs[1], 1);
        Shape x = inputs[0].shape(), f = inputs[1].shape();
        requireRank4(x, "input");
        requireRank4(f, "filter");
        requireFilter(f, x.get(3));
        int[] out = windows.outputSize(name(), x.get(1), x.get(2));
        return new TensorSpec(inputs[0].dtype(), Shape.of(x.get(0), out[0], out[1], f.get(3)));
    }

    private void requireRank4(Shape s, String what) {
        if (s.rank() != 4) {
            throw Primitives.error(this, what + " must be 4-dimensional, got shape " + s.toBracketString());
        }
    }

    /** A {@code [KH, KW, C, OC]} filter whose window is {@code windows}' and whose depth fits {@code channels}. */
    private void requireFilter(Shape filter, int channels) {
        if (!Shape.compatible(filter.get(0), windows.kernelHeight()) || !Shape.compatible(filter.get(1),
                windows.kernelWidth()) || !Shape.compatible(filter.get(2), channels)) {
            String depth = channels == Shape.UNKNOWN ? "?" : Integer.toString(channels);
            throw Primitives.error(this, "filter of shape " + filter.toBracketString() + " does not fit a "
                    + windows.kernelHeight() + "x" + windows.kernelWidth() + " window over " + depth
                    + " channels: expected [" + windows.kernelHeight() + "," + windows.kernelWidth() + "," + depth
                    + ",OC]");
        }
    }

    @Override
    public Tensor compute(Backend backend, Tensor[] inputs, TensorSpec output) {
        PatchGeometry g = windows.geometry(this, inputs[0].shape().toArray());
        int outChannels = inputs[1].shape().get(3);
        Object out = Primitives.allocate(backend, output);
        if (output.shape().size() > 0) {
            backend.kernels().conv2d(g, outChannels, Primitives.denseData(backend, inputs[0]),
                    Primitives.denseData(backend, inputs[1]), out);
        }
        return Primitives.wrap(backend, output, out);
    }
}
