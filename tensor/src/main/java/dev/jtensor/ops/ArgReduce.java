package dev.jtensor.ops;

import dev.jtensor.DType;
import dev.jtensor.Shape;
import dev.jtensor.Tensor;
import dev.jtensor.accel.Backend;

/**
 * The int64 index of the largest ({@code max}) or smallest element along one axis; the first one
 * wins ties, and NaN counts as the extreme, as in NumPy.
 *
 * @param max  argmax if true, argmin otherwise
 * @param axis a non-negative axis whose length is at least 1
 */
public record ArgReduce(boolean max, int axis) implements Primitive {

    @Override
    public String name() {
        return max ? "ArgMax" : "ArgMin";
    }

    @Override
    public TensorSpec infer(TensorSpec... inputs) {
        Primitives.arity(this, inputs, 1);
        TensorSpec in = inputs[0];
        Primitives.requireNumeric(this, in, 0);
        Primitives.requireAxis(this, axis, in.shape().rank());
        if (in.shape().get(axis) == 0) {
            throw Primitives.error(this, "Reduction axis " + axis + " is empty in shape " + in.shape().toBracketString());
        }
        int[] dims = in.shape().toArray();
        int[] out = new int[dims.length - 1];
        for (int d = 0, o = 0; d < dims.length; d++) {
            if (d != axis) out[o++] = dims[d];
        }
        return new TensorSpec(DType.INT64, Shape.of(out));
    }

    @Override
    public Tensor compute(Backend backend, Tensor[] inputs, TensorSpec output) {
        long[] out = new long[output.shape().size()];
        backend.kernels().argReduce(max, inputs[0].shape().toArray(), axis, Primitives.view(inputs[0]), out);
        return Primitives.wrap(backend, output, backend.upload(out));
    }
}
