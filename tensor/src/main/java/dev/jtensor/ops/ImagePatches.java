package dev.jtensor.ops;

import dev.jtensor.Shape;
import dev.jtensor.Tensor;
import dev.jtensor.accel.Backend;
import dev.jtensor.accel.PatchGeometry;

/**
 * The sliding windows of a batch of images side by side (TensorFlow's {@code ExtractImagePatches},
 * im2col): an NHWC {@code [N, H, W, C]} float input gives {@code [N, OH, OW, KH * KW * C]}, window
 * {@code (oh, ow)}'s pixels in {@code (kh, kw, c)} order, taps that fall outside the image reading
 * {@code padValue}. Linear up to that constant; its adjoint is {@link ImagePatchesAdjoint}.
 * Convolution is these patches times the filter as a matrix, pooling a reduction over each window.
 * Unknown dimensions stay unknown ({@code OH} from {@code H}, the last from {@code C}).
 *
 * @param windows  the window sizes, strides, dilations and padding rule
 * @param padValue what taps outside the image read: 0 for convolution, -inf for max pooling
 */
public record ImagePatches(SlidingWindows windows, double padValue) implements Primitive {

    public ImagePatches {
        Primitives.nonNull("ExtractImagePatches", "windows", windows);
    }

    @Override
    public String name() {
        return "ExtractImagePatches";
    }

    @Override
    public TensorSpec infer(TensorSpec... inputs) {
        Primitives.arity(this, inputs, 1);
        return new TensorSpec(inputs[0].dtype(), patchesShape(this, windows, inputs[0]));
    }

    /** The patches' shape of an NHWC image spec, checked (rank 4, floating point). */
    static Shape patchesShape(Primitive p, SlidingWindows windows, TensorSpec image) {
        Primitives.requireFloating(p, image, 0);
        Shape s = image.shape();
        if (s.rank() != 4) {
            throw Primitives.error(p, "input must be 4-dimensional (NHWC), got shape " + s.toBracketString());
        }
        int[] out = windows.outputSize(p.name(), s.get(1), s.get(2));
        int c = s.get(3);
        return Shape.of(s.get(0), out[0], out[1], c == Shape.UNKNOWN ? Shape.UNKNOWN : windows.taps() * c);
    }

    @Override
    public Tensor compute(Backend backend, Tensor[] inputs, TensorSpec output) {
        PatchGeometry g = windows.geometry(this, inputs[0].shape().toArray());
        Object out = Primitives.allocate(backend, output);
        if (output.shape().size() > 0) {
            backend.kernels().imagePatches(g, padValue, Primitives.denseData(backend, inputs[0]), out);
        }
        return Primitives.wrap(backend, output, out);
    }
}
