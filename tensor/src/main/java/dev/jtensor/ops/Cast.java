package dev.jtensor.ops;

import dev.jtensor.DType;
import dev.jtensor.Tensor;
import dev.jtensor.accel.Backend;

/**
 * Converts to another dtype: floats to integers truncate toward zero, numbers to bool test for
 * non-zero, bool to numbers gives 0 and 1, wider to narrower integers wrap. Casting to the same
 * dtype returns the input itself.
 *
 * @param dtype the target dtype
 */
public record Cast(DType dtype) implements Primitive {

    public Cast {
        Primitives.nonNull("Cast", "dtype", dtype);
    }

    @Override
    public String name() {
        return "Cast";
    }

    @Override
    public TensorSpec infer(TensorSpec... inputs) {
        Primitives.arity(this, inputs, 1);
        if (dtype == null) {
            throw Primitives.error(this, "dtype is null");
        }
        return new TensorSpec(dtype, inputs[0].shape());
    }

    @Override
    public Tensor compute(Backend backend, Tensor[] inputs, TensorSpec output) {
        if (inputs[0].dtype() == dtype) {
            return inputs[0];
        }
        Object out = Primitives.allocate(backend, output);
        backend.kernels().copy(output.shape().toArray(), Primitives.view(inputs[0]), Primitives.dense(out, output.shape()));
        return Primitives.wrap(backend, output, out);
    }
}
