package dev.jtensor.ops;

import dev.jtensor.Shape;
import dev.jtensor.Tensor;
import java.util.Arrays;

/** Determinant of each square matrix in the last two axes; the output drops those two axes. */
public record MatrixDeterminant() implements Primitive {

    @Override
    public String name() {
        return "MatrixDeterminant";
    }

    @Override
    public TensorSpec infer(TensorSpec... inputs) {
        Storage.arity(this, inputs, 1);
        int[] dims = inputs[0].shape().toArray();
        return SquareMatrices.check(this, inputs[0], Shape.of(Arrays.copyOf(dims, Math.max(dims.length - 2, 0))));
    }

    @Override
    public Tensor compute(Tensor[] inputs, TensorSpec output) {
        int n = inputs[0].shape().get(-1);
        Object out = Storage.allocate(output);
        if (n == 0) {
            Storage.fill(out, 1); // the determinant of a 0x0 matrix is 1
        } else {
            Storage.kernels().matrixDeterminant(output.shape().size(), n, Storage.denseData(inputs[0]), out);
        }
        return Storage.wrap(output, out);
    }
}
