package dev.jtensor.ops;

import dev.jtensor.accel.Backend;
import dev.jtensor.Shape;
import dev.jtensor.Tensor;
import dev.jtensor.accel.Strided;
import dev.jtensor.internal.TensorAccess;

/**
 * The same elements, row-major, in a new shape of equal size. A view of contiguous input; a copy
 * otherwise. (The frontend resolves a {@code -1} dimension before this primitive sees the shape.)
 *
 * @param shape the new shape
 */
public record Reshape(Shape shape) implements Primitive {

    @Override
    public String name() {
        return "Reshape";
    }

    @Override
    public TensorSpec infer(TensorSpec... inputs) {
        Primitives.arity(this, inputs, 1);
        int size = inputs[0].shape().size();
        if (size != shape.size()) {
            throw Primitives.error(this, "Input to reshape is a tensor with " + size
                    + " values, but the requested shape has " + shape.size() + " (requested "
                    + shape.toBracketString() + " from " + inputs[0].shape().toBracketString() + ")");
        }
        return new TensorSpec(inputs[0].dtype(), shape);
    }

    @Override
    public Tensor compute(Backend backend, Tensor[] inputs, TensorSpec output) {
        Tensor in = inputs[0];
        Strided v = Primitives.view(in);
        if (Primitives.isContiguous(in)) {
            return TensorAccess.view(inputs[0], output.dtype(), shape, v.offset(),
                    Strided.rowMajorStrides(shape.toArray()));
        }
        int[] strides = stridesWhenOnlyUnitAxesChange(in.shape().toArray(), v.strides(), shape.toArray());
        if (strides != null) {
            return TensorAccess.view(inputs[0], output.dtype(), shape, v.offset(), strides);
        }
        return Primitives.wrap(backend, output, Primitives.denseData(backend, in));
    }

    /**
     * Strides for {@code to} when it differs from {@code from} only by size-1 axes (as indexing and
     * expandDims/squeeze produce), so that even a strided view reshapes without a copy; else null.
     */
    private static int[] stridesWhenOnlyUnitAxesChange(int[] from, int[] fromStrides, int[] to) {
        int[] strides = new int[to.length];
        int f = 0;
        for (int t = 0; t < to.length; t++) {
            if (to[t] == 1) {
                continue;
            }
            while (f < from.length && from[f] == 1) f++;
            if (f == from.length || from[f] != to[t]) {
                return null;
            }
            strides[t] = fromStrides[f++];
        }
        while (f < from.length && from[f] == 1) f++;
        return f == from.length ? strides : null;
    }
}
