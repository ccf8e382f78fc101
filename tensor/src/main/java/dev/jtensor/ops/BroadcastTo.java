package dev.jtensor.ops;

import dev.jtensor.Shape;
import dev.jtensor.Tensor;
import dev.jtensor.accel.Backend;
import dev.jtensor.accel.Strided;
import dev.jtensor.internal.BroadcastShapes;
import dev.jtensor.internal.TensorAccess;

/**
 * Broadcasts to a larger shape by NumPy's rule (align trailing axes; each input dimension equals
 * the target's or is 1). A view with zero strides on the broadcast axes: nothing is copied.
 *
 * <p>The target may have unknown dimensions when the input is symbolic. TensorFlow computes such a
 * target at run time from {@code tf.shape(other)}; here an optional second input, the <em>shape
 * donor</em>, plays that part: an unknown target dimension becomes the broadcast of the input's and
 * the donor's dimensions there (trailing axes aligned, a missing axis counting as 1). The donor's
 * values are never read, and it gets no gradient. With one input, the target must be fully known
 * when the op runs (its unknown dimensions come from the input's alone, and an input of known
 * shape with an unknown target is an error).
 *
 * {@snippet :
 * // x: (None, 3), b: (3,)  ->  b broadcast to x's run-time batch size
 * Dispatch.apply(new BroadcastTo(Shape.of(-1, 3)), b, x);
 * }
 *
 * @param shape the target shape
 */
public record BroadcastTo(Shape shape) implements Primitive {

    public BroadcastTo {
        Primitives.nonNull("BroadcastTo", "shape", shape);
    }

    @Override
    public String name() {
        return "BroadcastTo";
    }

    @Override
    public TensorSpec infer(TensorSpec... inputs) {
        Primitives.requireSpecs(this, inputs);
        if (inputs.length != 1 && inputs.length != 2) {
            throw Primitives.error(this, "BroadcastTo takes 1 input(s) and an optional shape donor, got "
                    + inputs.length);
        }
        if (inputs.length == 1 && !shape.isFullyDefined() && inputs[0].shape().isFullyDefined()) {
            // only a symbolic input of unknown shape may leave the target unknown: nothing could settle it later
            throw Primitives.error(this, "the target shape " + shape.toBracketString() + " of "
                    + inputs[0].shape().toBracketString() + " has unknown dimensions and no shape donor gives them");
        }
        int[] in = inputs[0].shape().toArray(), out = shape.toArray();
        int[] donor = inputs.length == 2 ? inputs[1].shape().toArray() : new int[0];
        boolean ok = in.length <= out.length;
        for (int i = 1; ok && i <= out.length; i++) {
            int d = i <= in.length ? in[in.length - i] : 1, t = out[out.length - i];
            if (t != Shape.UNKNOWN) {
                ok = Shape.compatible(d, t) || d == 1;
            } else {
                int from = i <= donor.length ? donor[donor.length - i] : 1;
                ok = BroadcastShapes.compatible(d, from);
                out[out.length - i] = BroadcastShapes.dim(d, from);
            }
        }
        if (!ok) {
            throw Primitives.error(this, "Unable to broadcast tensor of shape " + inputs[0].shape().toBracketString()
                    + " to tensor of shape " + shape.toBracketString()
                    + (inputs.length == 2 ? " (unknown dimensions from " + inputs[1].shape().toBracketString() + ")" : ""));
        }
        return new TensorSpec(inputs[0].dtype(), shape.isFullyDefined() ? shape : Shape.of(out));
    }

    @Override
    public Tensor compute(Backend backend, Tensor[] inputs, TensorSpec output) {
        Shape target = output.shape();
        Strided v = Primitives.view(inputs[0]);
        int[] in = inputs[0].shape().toArray(), dims = target.toArray();
        int[] strides = new int[dims.length];
        int lead = dims.length - in.length;
        for (int d = 0; d < in.length; d++) {
            strides[lead + d] = in[d] == dims[lead + d] ? v.strides()[d] : 0;
        }
        return TensorAccess.view(inputs[0], output.dtype(), target, v.offset(), strides);
    }
}
