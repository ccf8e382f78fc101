package dev.jtensor.ops;

import dev.jtensor.Tensor;
import dev.jtensor.accel.Backend;
import dev.jtensor.accel.Strided;
import dev.jtensor.internal.TensorAccess;

/**
 * The identity in the forward pass and a wall for gradients: nothing flows back through it. The
 * output is a new tensor object sharing the input's storage, so tapes see it as a separate value.
 */
public record StopGradient() implements Primitive {

    @Override
    public String name() {
        return "StopGradient";
    }

    @Override
    public TensorSpec infer(TensorSpec... inputs) {
        Primitives.arity(this, inputs, 1);
        return inputs[0];
    }

    @Override
    public Tensor compute(Backend backend, Tensor[] inputs, TensorSpec output) {
        Strided v = Primitives.view(inputs[0]);
        return TensorAccess.view(inputs[0], output.dtype(), output.shape(), v.offset(), v.strides());
    }
}
