package dev.jtensor.ops;

import dev.jtensor.Shape;
import dev.jtensor.Tensor;
import dev.jtensor.accel.Backend;

/**
 * Sums the rows (slices along axis 0) of {@code data} into {@code segments} rows chosen by the 1-D
 * integer {@code ids}, one per row: {@code out[s] = sum of data[i] over i with ids[i] == s}. Rows no
 * id names are zero and rows with a negative id are dropped, as in TensorFlow's
 * {@code UnsortedSegmentSum}; an id of {@code segments} or more is an error naming it. It is the
 * adjoint of a {@link Gather} along axis 0, which makes the gradient of a gather linear in its sizes.
 *
 * @param segments the output's length along axis 0
 */
public record SegmentSum(int segments) implements Primitive {

    @Override
    public String name() {
        return "UnsortedSegmentSum";
    }

    @Override
    public TensorSpec infer(TensorSpec... inputs) {
        Primitives.arity(this, inputs, 2);
        TensorSpec data = inputs[0], ids = inputs[1];
        Primitives.requireNumeric(this, data, 0);
        if (!ids.dtype().isInteger()) {
            throw Primitives.error(this, "segment ids must be int32 or int64, got " + ids.dtype());
        }
        if (segments < 0) {
            throw Primitives.error(this, "num_segments must be non-negative, got " + segments);
        }
        if (data.shape().rank() == 0 || ids.shape().rank() != 1
                || !Shape.compatible(ids.shape().get(0), data.shape().get(0))) {
            throw Primitives.error(this, "segment ids of shape " + ids.shape() + " need one id per row of data "
                    + data.shape());
        }
        int[] out = data.shape().toArray();
        out[0] = segments;
        return new TensorSpec(data.dtype(), Shape.of(out));
    }

    @Override
    public Tensor compute(Backend backend, Tensor[] inputs, TensorSpec output) {
        Tensor data = inputs[0], ids = inputs[1];
        long[] wide = Primitives.indexValues(ids);
        int[] rows = new int[wide.length];
        for (int i = 0; i < rows.length; i++) {
            if (wide[i] >= segments) {
                throw Primitives.error(this, "segment_ids[" + i + "] = " + wide[i] + " is not in [0, " + segments + ")");
            }
            rows[i] = (int) Math.max(wide[i], -1);
        }
        Object out = Primitives.allocateZeroed(backend, output);
        int inner = data.shape().get(0) == 0 ? 0 : data.size() / data.shape().get(0);
        if (data.size() > 0) {
            backend.kernels().segmentSum(Primitives.denseData(backend, data), inner, rows, out);
        }
        return Primitives.wrap(backend, output, out);
    }
}
