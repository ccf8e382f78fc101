package dev.jtensor.ops;

import dev.jtensor.Tensor;
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
        Storage.arity(this, inputs, 1);
        return inputs[0];
    }

    @Override
    public Tensor compute(Tensor[] inputs, TensorSpec output) {
        Strided v = Storage.view(inputs[0]);
        return TensorAccess.create(output.dtype(), output.shape(), v.data(), v.offset(), v.strides());
    }
}
