package dev.jtensor.ops;

import dev.jtensor.Shape;
import dev.jtensor.Tensor;
import dev.jtensor.accel.Backend;

/**
 * Picks slices of {@code params} along {@code axis} by integer {@code indices}: the output shape is
 * {@code params.shape[:axis] + indices.shape + params.shape[axis+1:]}. Indices must lie in
 * {@code [0, params.shape[axis])}; one that does not is an error naming it.
 *
 * @param axis a non-negative axis of {@code params}
 */
public record Gather(int axis) implements Primitive {

    @Override
    public String name() {
        return "GatherV2";
    }

    @Override
    public TensorSpec infer(TensorSpec... inputs) {
        Primitives.arity(this, inputs, 2);
        TensorSpec params = inputs[0], indices = inputs[1];
        if (!indices.dtype().isInteger()) {
            throw Primitives.error(this, "indices must be int32 or int64, got " + indices.dtype());
        }
        Primitives.requireAxis(this, axis, params.shape().rank());
        int[] p = params.shape().toArray(), ix = indices.shape().toArray();
        int[] out = new int[p.length - 1 + ix.length];
        System.arraycopy(p, 0, out, 0, axis);
        System.arraycopy(ix, 0, out, axis, ix.length);
        System.arraycopy(p, axis + 1, out, axis + ix.length, p.length - axis - 1);
        return new TensorSpec(params.dtype(), Shape.of(out));
    }

    @Override
    public Tensor compute(Backend backend, Tensor[] inputs, TensorSpec output) {
        Tensor params = inputs[0], indices = inputs[1];
        int[] p = params.shape().toArray();
        int axisLength = p[axis];
        long[] wide = Primitives.indexValues(indices);
        int[] ix = new int[wide.length];
        for (int i = 0; i < ix.length; i++) {
            if (wide[i] < 0 || wide[i] >= axisLength) {
                throw Primitives.error(this, "indices[" + i + "] = " + wide[i] + " is not in [0, " + axisLength + ")");
            }
            ix[i] = (int) wide[i];
        }
        int outer = 1, inner = 1;
        for (int d = 0; d < axis; d++) outer *= p[d];
        for (int d = axis + 1; d < p.length; d++) inner *= p[d];
        Object out = Primitives.allocate(backend, output);
        if (output.shape().size() > 0) {
            backend.kernels().gather(Primitives.denseData(backend, params), outer, axisLength, inner, ix, out);
        }
        return Primitives.wrap(backend, output, out);
    }
}
