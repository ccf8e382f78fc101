package dev.jtensor.ops;

import dev.jtensor.Shape;
import dev.jtensor.Tensor;
import dev.jtensor.accel.Backend;
import java.util.Arrays;

/** Determinant of each square matrix in the last two axes; the output drops those two axes. */
public record MatrixDeterminant() implements Primitive {

    @Override
    public String name() {
        return "MatrixDeterminant";
    }

    @Override
    public TensorSpec infer(TensorSpec... inputs) {
        Primitives.arity(this, inputs, 1);
        int[] dims = inputs[0].shape().toArray();
        return SquareMatrices.check(this, inputs[0], Shape.of(Arrays.copyOf(dims, Math.max(dims.length - 2, 0))));
    }

    @Override
    public Tensor compute(Backend backend, Tensor[] inputs, TensorSpec output) {
        int n = inputs[0].shape().get(-1);
        Object out = Primitives.allocate(backend, output);
        if (n == 0) {
            backend.kernels().fill(output.shape().size(), 1, out); // the determinant of a 0x0 matrix is 1
        } else {
            backend.kernels().matrixDeterminant(output.shape().size(), n, Primitives.denseData(backend, inputs[0]), out);
        }
        return Primitives.wrap(backend, output, out);
    }
}
