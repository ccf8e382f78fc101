package dev.jtensor.ops;

import dev.jtensor.Shape;
import dev.jtensor.Tensor;
import dev.jtensor.accel.Backend;
import dev.jtensor.accel.PatchGeometry;

/**
 * The adjoint of {@link ImagePatches} (col2im): from patches {@code [N, OH, OW, KH * KW * C]} of
 * {@code height x width} images, the {@code [N, height, width, C]} images whose every pixel is the
 * sum of the patch entries taken from it; entries over padding are dropped. Each is the other's
 * gradient, so convolution and pooling gradients of every order need no rule of their own.
 * TensorFlow has no such op (its gradients of {@code ExtractImagePatches} and {@code Conv2D} are
 * other kernels); the name is ours.
 *
 * @param windows the windows the patches were taken with
 * @param height  the images' height, positive
 * @param width   the images' width, positive
 */
public record ImagePatchesAdjoint(SlidingWindows windows, int height, int width) implements Primitive {

    public ImagePatchesAdjoint {
        Primitives.nonNull("ImagePatchesAdjoint", "windows", windows);
        if (height < 1 || width < 1) {
            throw dev.jtensor.InvalidArgumentException.of("ImagePatchesAdjoint", "the image height and width must "
                    + "be positive, got " + height + "x" + width);
        }
    }

    @Override
    public String name() {
        return "ImagePatchesAdjoint";
    }

    @Override
    public TensorSpec infer(TensorSpec... inputs) {
        Primitives.arity(this, inputs, 1);
        TensorSpec in = inputs[0];
        Primitives.requireFloating(this, in, 0);
        Shape s = in.shape();
        int[] out = windows.outputSize(name(), height, width);
        int depth = s.rank() == 4 ? s.get(3) : Shape.UNKNOWN;
        if (s.rank() != 4 || !Shape.compatible(s.get(1), out[0]) || !Shape.compatible(s.get(2), out[1])
                || (depth != Shape.UNKNOWN && depth % windows.taps() != 0)) {
            throw Primitives.error(this, "patches of shape " + s.toBracketString() + " do not come from "
                    + height + "x" + width + " images with " + windows.describe() + ": expected [?," + out[0] + ","
                    + out[1] + "," + windows.taps() + "*C]");
        }
        return new TensorSpec(in.dtype(), Shape.of(s.get(0), height, width,
                depth == Shape.UNKNOWN ? Shape.UNKNOWN : depth / windows.taps()));
    }

    @Override
    public Tensor compute(Backend backend, Tensor[] inputs, TensorSpec output) {
        PatchGeometry g = windows.geometry(this, output.shape().toArray());
        Object image = Primitives.allocate(backend, output);
        if (output.shape().size() > 0) {
            backend.kernels().imagePatchesAdjoint(g, Primitives.denseData(backend, inputs[0]), image);
        }
        return Primitives.wrap(backend, output, image);
    }
}
