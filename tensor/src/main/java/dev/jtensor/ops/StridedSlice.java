package dev.jtensor.ops;

import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Shape;
import dev.jtensor.Tensor;
import dev.jtensor.accel.Backend;
import dev.jtensor.accel.Strided;
import dev.jtensor.internal.TensorAccess;
import java.util.Arrays;

/**
 * Takes {@code count[d]} elements along each axis {@code d}, starting at {@code start[d]} and
 * stepping by {@code step[d]} (negative steps walk backwards). Rank is preserved; the frontend
 * turns integer indices and new axes into reshapes. Always a view.
 *
 * <p>On an axis whose size is unknown until the op runs, the count may be {@link Shape#UNKNOWN}:
 * every {@code step}-th element from {@code start} to the end of the axis (the step must then be
 * positive), as {@code x[start::step]}. Bounds on an unknown axis are checked when the op runs.
 *
 * @param start first index per axis, within the axis
 * @param count number of elements taken per axis, or {@link Shape#UNKNOWN}: to the end of the axis
 * @param step  non-zero step per axis
 */
public record StridedSlice(int[] start, int[] count, int[] step) implements Primitive {

    public StridedSlice {
        Primitives.nonNull("StridedSlice", "start", start);
        Primitives.nonNull("StridedSlice", "count", count);
        Primitives.nonNull("StridedSlice", "step", step);
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
        int[] out = count.clone();
        for (int d = 0; d < dims.length; d++) {
            if (count[d] == Shape.UNKNOWN) {
                if (step[d] <= 0 || start[d] < 0) {
                    throw outOfBounds(d, dims[d]);
                }
                // ceil((size - start) / step), or 0 when start is past the end
                out[d] = dims[d] == Shape.UNKNOWN ? Shape.UNKNOWN
                        : (int) Math.max(0, ((long) dims[d] - start[d] + step[d] - 1) / step[d]);
                continue;
            }
            long last = start[d] + (long) (count[d] - 1) * step[d];
            boolean known = dims[d] != Shape.UNKNOWN;
            if (step[d] == 0 || count[d] < 0
                    || (count[d] > 0 && (start[d] < 0 || last < 0 || known && (start[d] >= dims[d] || last >= dims[d])))) {
                throw outOfBounds(d, dims[d]);
            }
        }
        return new TensorSpec(inputs[0].dtype(), Shape.of(out));
    }

    private InvalidArgumentException outOfBounds(int d, int size) {
        return Primitives.error(this, "slice (start " + start[d] + ", count " + (count[d] == Shape.UNKNOWN ? "to the end"
                : String.valueOf(count[d])) + ", step " + step[d] + ") is out of bounds for axis " + d + " of size "
                + (size == Shape.UNKNOWN ? "?" : String.valueOf(size)));
    }

    @Override
    public Tensor compute(Backend backend, Tensor[] inputs, TensorSpec output) {
        Strided v = Primitives.view(inputs[0]);
        int offset = v.offset();
        int[] strides = new int[start.length];
        for (int d = 0; d < start.length; d++) {
            if (output.shape().get(d) > 0) {
                offset += start[d] * v.strides()[d];
            }
            strides[d] = v.strides()[d] * step[d];
        }
        return TensorAccess.view(inputs[0], output.dtype(), output.shape(), offset, strides);
    }

    // records compare arrays by identity: equal parameters must make equal primitives (graph dedup, caches)
    @Override
    public boolean equals(Object o) {
        return o instanceof StridedSlice s && Arrays.equals(start, s.start) && Arrays.equals(count, s.count)
                && Arrays.equals(step, s.step);
    }

    @Override
    public int hashCode() {
        return (Arrays.hashCode(start) * 31 + Arrays.hashCode(count)) * 31 + Arrays.hashCode(step);
    }

    @Override
    public String toString() {
        return "StridedSlice[start=" + Arrays.toString(start) + ", count=" + Arrays.toString(count) + ", step="
                + Arrays.toString(step) + "]";
    }
}
