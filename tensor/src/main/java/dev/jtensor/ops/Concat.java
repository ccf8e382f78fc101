package dev.jtensor.ops;

import dev.jtensor.Shape;
import dev.jtensor.Tensor;
import dev.jtensor.accel.Backend;
import dev.jtensor.accel.Strided;

/**
 * Joins tensors of one dtype and rank along an existing axis; every other dimension must agree
 * (where known). The joined dimension is unknown if any part's is.
 *
 * @param axis a non-negative axis
 */
public record Concat(int axis) implements Primitive {

    @Override
    public String name() {
        return "ConcatV2";
    }

    @Override
    public TensorSpec infer(TensorSpec... inputs) {
        Primitives.requireSpecs(this, inputs);
        if (inputs.length == 0) {
            throw Primitives.error(this, "ConcatOp : Expected a list of at least one tensor");
        }
        TensorSpec first = inputs[0];
        int rank = first.shape().rank();
        if (rank == 0) {
            throw Primitives.error(this, "ConcatOp : Can't concatenate scalars (use tf.stack instead)");
        }
        Primitives.requireAxis(this, axis, rank);
        int[] out = first.shape().toArray();
        long joined = out[axis]; // a long: inputs that are broadcast views can be large enough to wrap an int
        for (int i = 1; i < inputs.length; i++) {
            TensorSpec in = inputs[i];
            Primitives.requireSameDType(this, first, in, i);
            if (in.shape().rank() != rank) {
                throw Primitives.error(this, "ConcatOp : Ranks of all input tensors should match: shape[0] = "
                        + first.shape().toBracketString() + " vs. shape[" + i + "] = " + in.shape().toBracketString());
            }
            for (int d = 0; d < rank; d++) {
                if (d == axis) continue;
                int dim = in.shape().get(d);
                if (!Shape.compatible(dim, out[d])) {
                    throw Primitives.error(this, "ConcatOp : Dimension " + d + " in both shapes must be equal: shape[0] = "
                            + first.shape().toBracketString() + " vs. shape[" + i + "] = "
                            + in.shape().toBracketString());
                }
                out[d] = out[d] == Shape.UNKNOWN ? dim : out[d];
            }
            joined = joined < 0 || in.shape().get(axis) == Shape.UNKNOWN ? Shape.UNKNOWN : joined + in.shape().get(axis);
        }
        if (joined > Integer.MAX_VALUE) {
            throw Primitives.error(this, "ConcatOp : the concatenated dimension " + axis + " would have " + joined
                    + " elements, more than a Java array can hold");
        }
        out[axis] = (int) joined;
        return new TensorSpec(first.dtype(), Shape.of(out));
    }

    @Override
    public Tensor compute(Backend backend, Tensor[] inputs, TensorSpec output) {
        Object out = Primitives.allocate(backend, output);
        int[] outStrides = Strided.rowMajorStrides(output.shape().toArray());
        int position = 0;
        for (Tensor in : inputs) {
            backend.kernels().copy(in.shape().toArray(), Primitives.view(in),
                    new Strided(out, position * outStrides[axis], outStrides));
            position += in.shape().get(axis);
        }
        return Primitives.wrap(backend, output, out);
    }
}
