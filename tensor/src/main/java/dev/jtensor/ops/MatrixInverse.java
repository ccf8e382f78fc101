package dev.jtensor.ops;

import dev.jtensor.Tensor;
import dev.jtensor.accel.Backend;

/**
 * Inverse of each square matrix in the last two axes (LU with partial pivoting, in double
 * precision). A singular matrix is an error.
 */
public record MatrixInverse() implements Primitive {

    @Override
    public String name() {
        return "MatrixInverse";
    }

    @Override
    public TensorSpec infer(TensorSpec... inputs) {
        Primitives.arity(this, inputs, 1);
        return SquareMatrices.check(this, inputs[0], SquareMatrices.squared(inputs[0].shape()));
    }

    @Override
    public Tensor compute(Backend backend, Tensor[] inputs, TensorSpec output) {
        int n = output.shape().get(-1);
        Object out = Primitives.allocate(backend, output);
        if (n > 0) {
            backend.kernels().matrixInverse(output.shape().size() / (n * n), n, Primitives.denseData(backend, inputs[0]), out);
        }
        return Primitives.wrap(backend, output, out);
    }
}
