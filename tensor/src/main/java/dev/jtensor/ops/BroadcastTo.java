package dev.jtensor.ops;

import dev.jtensor.accel.Backend;
import dev.jtensor.Shape;
import dev.jtensor.Tensor;
import dev.jtensor.accel.Strided;
import dev.jtensor.internal.TensorAccess;

/**
 * Broadcasts to a larger shape by NumPy's rule (align trailing axes; each input dimension equals
 * the target's or is 1). A view with zero strides on the broadcast axes: nothing is copied.
 *
 * @param shape the target shape
 */
public record BroadcastTo(Shape shape) implements Primitive {

    @Override
    public String name() {
        return "BroadcastTo";
    }

    @Override
    public TensorSpec infer(TensorSpec... inputs) {
        Primitives.arity(this, inputs, 1);
        int[] in = inputs[0].shape().toArray(), target = shape.toArray();
        boolean ok = in.length <= target.length;
        for (int i = 1; ok && i <= in.length; i++) {
            int d = in[in.length - i], t = target[target.length - i];
            ok = d == t || d == 1;
        }
        if (!ok) {
            throw Primitives.error(this, "Unable to broadcast tensor of shape " + inputs[0].shape().toBracketString()
                    + " to tensor of shape " + shape.toBracketString());
        }
        return new TensorSpec(inputs[0].dtype(), shape);
    }

    @Override
    public Tensor compute(Backend backend, Tensor[] inputs, TensorSpec output) {
        Strided v = Primitives.view(inputs[0]);
        int[] in = inputs[0].shape().toArray(), target = shape.toArray();
        int[] strides = new int[target.length];
        int lead = target.length - in.length;
        for (int d = 0; d < in.length; d++) {
            strides[lead + d] = in[d] == target[lead + d] ? v.strides()[d] : 0;
        }
        return TensorAccess.view(inputs[0], output.dtype(), shape, v.offset(), strides);
    }
}
