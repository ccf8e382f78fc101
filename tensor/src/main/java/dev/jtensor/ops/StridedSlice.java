package dev.jtensor.ops;

import dev.jtensor.accel.Backend;
import dev.jtensor.Shape;
import dev.jtensor.Tensor;
import dev.jtensor.accel.Strided;
import dev.jtensor.internal.TensorAccess;
import java.util.Arrays;

/**
 * Takes {@code count[d]} elements along each axis {@code d}, starting at {@code start[d]} and
 * stepping by {@code step[d]} (negative steps walk backwards). Rank is preserved; the frontend
 * turns integer indices and new axes into reshapes. Always a view.
 *
 * @param start first index per axis, within the axis
 * @param count number of elements taken per axis
 * @param step  non-zero step per axis
 */
public record StridedSlice(int[] start, int[] count, int[] step) implements Primitive {

    public StridedSlice {
        start = start.clone();
        count = count.clone();
        step = step.clone();
    }

    @Override
    public int[] start() {
        return start.clone();
    }

    @Override
    public int[] count() {
        return count.clone();
    }

    @Override
    public int[] step() {
        return step.clone();
    }

    @Override
    public String name() {
        return "StridedSlice";
    }

    @Override
    public TensorSpec infer(TensorSpec... inputs) {
        Primitives.arity(this, inputs, 1);
        int[] dims = inputs[0].shape().toArray();
        if (start.length != dims.length || count.length != dims.length || step.length != dims.length) {
            throw Primitives.error(this, "slice of rank " + start.length + " for a tensor of shape "
                    + inputs[0].shape().toBracketString());
        }
        for (int d = 0; d < dims.length; d++) {
            long last = start[d] + (long) (count[d] - 1) * step[d];
            if (step[d] == 0 || count[d] < 0
                    || (count[d] > 0 && (start[d] < 0 || start[d] >= dims[d] || last < 0 || last >= dims[d]))) {
                throw Primitives.error(this, "slice (start " + start[d] + ", count " + count[d] + ", step " + step[d]
                        + ") is out of bounds for axis " + d + " of size " + dims[d]);
            }
        }
        return new TensorSpec(inputs[0].dtype(), Shape.of(count));
    }

    @Override
    public Tensor compute(Backend backend, Tensor[] inputs, TensorSpec output) {
        Strided v = Primitives.view(inputs[0]);
        int offset = v.offset();
        int[] strides = new int[start.length];
        for (int d = 0; d < start.length; d++) {
            if (count[d] > 0) {
                offset += start[d] * v.strides()[d];
            }
            strides[d] = v.strides()[d] * step[d];
        }
        return TensorAccess.view(inputs[0], output.dtype(), output.shape(), offset, strides);
    }

    @Override
    public String toString() {
        return "StridedSlice[start=" + Arrays.toString(start) + ", count=" + Arrays.toString(count) + ", step="
                + Arrays.toString(step) + "]";
    }
}
