package dev.jtensor.ops;

import dev.jtensor.DType;
import dev.jtensor.Shape;
import dev.jtensor.Tensor;
import dev.jtensor.accel.Backend;
import dev.jtensor.accel.ReduceOp;
import java.util.Arrays;

/**
 * Reduces the given axes with sum, product, max, min (numbers) or all, any (bool). Reduced axes
 * are dropped, or kept with size 1 when {@code keepDims}.
 *
 * @param op       the reduction
 * @param axes     distinct non-negative axes in increasing order (the frontend normalises them)
 * @param keepDims whether reduced axes stay as size-1 dimensions
 */
public record Reduce(ReduceOp op, int[] axes, boolean keepDims) implements Primitive {

    public Reduce {
        Primitives.nonNull("Reduce", "op", op);
        Primitives.nonNull("Reduce", "axes", axes);
        axes = axes.clone();
    }

    @Override
    public int[] axes() {
        return axes.clone();
    }

    @Override
    public String name() {
        return switch (op) {
            case SUM -> "Sum";
            case PROD -> "Prod";
            case MAX -> "Max";
            case MIN -> "Min";
            case ALL -> "All";
            case ANY -> "Any";
        };
    }

    @Override
    public TensorSpec infer(TensorSpec... inputs) {
        Primitives.arity(this, inputs, 1);
        TensorSpec in = inputs[0];
        if (op == ReduceOp.ALL || op == ReduceOp.ANY) {
            Primitives.requireDType(this, in, 0, DType.BOOL);
        } else {
            Primitives.requireNumeric(this, in, 0);
        }
        int rank = in.shape().rank();
        int previous = -1;
        for (int axis : axes) {
            if (axis < 0 || axis >= rank || axis <= previous) {
                throw Primitives.error(this, "Invalid reduction dimension " + axis + " for input with " + rank
                        + " dimensions");
            }
            previous = axis;
        }
        return new TensorSpec(in.dtype(), reducedShape(in.shape()));
    }

    /** Which axes of a rank-{@code rank} input are reduced. */
    public boolean[] mask(int rank) {
        boolean[] reduced = new boolean[rank];
        for (int axis : axes) {
            reduced[axis] = true;
        }
        return reduced;
    }

    private Shape reducedShape(Shape in) {
        boolean[] reduced = mask(in.rank());
        int[] dims = in.toArray();
        int[] out = new int[keepDims ? dims.length : dims.length - axes.length];
        for (int d = 0, o = 0; d < dims.length; d++) {
            if (!reduced[d]) {
                out[o++] = dims[d];
            } else if (keepDims) {
                out[o++] = 1;
            }
        }
        return Shape.of(out);
    }

    @Override
    public Tensor compute(Backend backend, Tensor[] inputs, TensorSpec output) {
        Object out = Primitives.allocate(backend, output);
        Tensor in = inputs[0];
        backend.kernels().reduce(op, in.shape().toArray(), mask(in.rank()), Primitives.view(in), out);
        return Primitives.wrap(backend, output, out);
    }

    // records compare arrays by identity: equal parameters must make equal primitives (graph dedup, caches)
    @Override
    public boolean equals(Object o) {
        return o instanceof Reduce r && op == r.op && keepDims == r.keepDims && Arrays.equals(axes, r.axes);
    }

    @Override
    public int hashCode() {
        return (op.hashCode() * 31 + Arrays.hashCode(axes)) * 31 + Boolean.hashCode(keepDims);
    }

    @Override
    public String toString() {
        return "Reduce[op=" + op + ", axes=" + Arrays.toString(axes) + ", keepDims=" + keepDims + "]";
    }
}
