package dev.jtensor.internal;

import dev.jtensor.Index;
import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Shape;
import dev.jtensor.Tensor;
import dev.jtensor.ops.Dispatch;
import dev.jtensor.ops.Reshape;
import dev.jtensor.ops.StridedSlice;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * NumPy basic indexing as two primitives: one {@link StridedSlice} for the ranges and integers,
 * then a {@link Reshape} that drops integer-indexed axes and inserts new ones. Both are views.
 */
public final class Indexing {

    private Indexing() {
    }

    /** {@code x[items...]} with NumPy's rules for basic indexing. */
    public static Tensor get(Tensor x, Index... items) {
        Inputs.require("StridedSlice", 0, x);
        if (items == null) {
            throw InvalidArgumentException.of("StridedSlice", "the index is null");
        }
        int consumed = 0, ellipses = 0;
        for (Index item : items) {
            if (item == null) {
                throw InvalidArgumentException.of("StridedSlice", "index item is null");
            }
            if (item instanceof Index.At || item instanceof Index.Range) consumed++;
            if (item instanceof Index.Ellipsis) ellipses++;
        }
        int rank = x.rank();
        if (ellipses > 1) {
            throw InvalidArgumentException.of("StridedSlice", "an index can only have a single ellipsis ('...')");
        }
        if (consumed > rank) {
            throw InvalidArgumentException.of("StridedSlice", "too many indices for a tensor of shape "
                    + x.shape().toBracketString() + ": " + consumed + " were indexed");
        }
        int[] dims = x.shape().toArray();
        int[] start = new int[rank], count = dims.clone(), step = new int[rank];
        Arrays.fill(step, 1);
        List<Integer> outShape = new ArrayList<>();
        int axis = 0;
        List<Index> expanded = new ArrayList<>(Arrays.asList(items));
        if (ellipses == 0) {
            expanded.add(new Index.Ellipsis());
        }
        for (Index item : expanded) {
            switch (item) {
                case Index.At at -> {
                    if (dims[axis] == Shape.UNKNOWN && at.index() < 0) {
                        throw unknownAxis(x, axis, "index " + at.index());
                    }
                    int i = at.index() < 0 ? at.index() + dims[axis] : at.index();
                    if (i < 0 || dims[axis] != Shape.UNKNOWN && i >= dims[axis]) {
                        throw InvalidArgumentException.of("StridedSlice", "index " + at.index()
                                + " is out of bounds for axis " + axis + " with size " + dims[axis]);
                    }
                    start[axis] = i;
                    count[axis] = 1;
                    axis++;
                }
                case Index.Range r -> {
                    int[] s = dims[axis] == Shape.UNKNOWN ? sliceOfUnknownAxis(x, axis, r) : pythonSlice(r, dims[axis]);
                    start[axis] = s[0];
                    count[axis] = s[1];
                    step[axis] = r.step();
                    outShape.add(s[1]);
                    axis++;
                }
                case Index.NewAxis n -> outShape.add(1);
                case Index.Ellipsis e -> {
                    int whole = rank - consumed;
                    for (int k = 0; k < whole; k++, axis++) outShape.add(dims[axis]);
                }
            }
        }
        Tensor sliced = Dispatch.apply(new StridedSlice(start, count, step), x);
        Shape target = Shape.of(outShape.stream().mapToInt(Integer::intValue).toArray());
        return target.equals(sliced.shape()) ? sliced : ShapeOps.reshapeUnitAxes("StridedSlice", sliced, target);
    }

    /**
     * {@code {start, count}} of {@code x[start::step]} on an axis of unknown size: the count is
     * {@link Shape#UNKNOWN}, "to the end", which {@link StridedSlice} settles when it runs. Bounds
     * that count from the end need the size, so they must wait for a known shape.
     */
    private static int[] sliceOfUnknownAxis(Tensor x, int axis, Index.Range r) {
        boolean fromStart = r.start() == null || r.start() >= 0;
        if (r.step() <= 0 || !fromStart || r.stop() != null) {
            throw unknownAxis(x, axis, "slice " + r);
        }
        return new int[] {r.start() == null ? 0 : r.start(), Shape.UNKNOWN};
    }

    private static InvalidArgumentException unknownAxis(Tensor x, int axis, String what) {
        return InvalidArgumentException.of("StridedSlice", what + " on axis " + axis + " of unknown size (shape "
                + x.shape().toBracketString() + ") is not supported: only non-negative indices and slices start::step "
                + "with step > 0 work before the size is known");
    }

    /** {@code {start, count}} of a Python slice over an axis of {@code length}, as CPython computes it. */
    static int[] pythonSlice(Index.Range r, int length) {
        long step = r.step(); // long: stop - start + step - 1 and -step overflow an int for steps near 2^31
        int start, stop;
        if (step > 0) {
            start = r.start() == null ? 0 : clamp(r.start(), length, 0, length);
            stop = r.stop() == null ? length : clamp(r.stop(), length, 0, length);
            return new int[] {start, stop > start ? (int) ((stop - start + step - 1) / step) : 0};
        }
        start = r.start() == null ? length - 1 : clamp(r.start(), length, -1, length - 1);
        stop = r.stop() == null ? -1 : clamp(r.stop(), length, -1, length - 1);
        int count = start > stop ? (int) ((start - stop - step - 1) / -step) : 0;
        return new int[] {count > 0 ? start : 0, count};
    }

    private static int clamp(int index, int length, int lo, int hi) {
        int i = index < 0 ? index + length : index;
        return Math.max(lo, Math.min(hi, i));
    }
}
