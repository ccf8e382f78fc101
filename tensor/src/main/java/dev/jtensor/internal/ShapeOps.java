package dev.jtensor.internal;

import dev.jtensor.DType;
import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Shape;
import dev.jtensor.Tensor;
import dev.jtensor.accel.BinaryOp;
import dev.jtensor.ops.Concat;
import dev.jtensor.ops.Dispatch;
import dev.jtensor.ops.Gather;
import dev.jtensor.ops.Pad;
import dev.jtensor.ops.Reshape;
import dev.jtensor.ops.SegmentSum;
import dev.jtensor.ops.StridedSlice;
import dev.jtensor.ops.Transpose;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Shape manipulation: reshape, transpose, stack, concat, split, tile, pad, gather, one-hot. */
public final class ShapeOps {

    private ShapeOps() {
    }

    /**
     * Reshape with at most one {@code -1}, which takes whatever size is left. For a tensor of
     * partly unknown shape the {@code -1} stays unknown until the op runs.
     */
    public static Tensor reshape(Tensor x, int... shape) {
        Inputs.require("Reshape", 0, x);
        if (shape == null) {
            throw InvalidArgumentException.of("Reshape", "shape is null");
        }
        Shape target = Shape.of(Reshape.resolve(x.shape(), shape));
        return target.equals(x.shape()) ? x : Dispatch.apply(new Reshape(target), x);
    }

    /** Permutes axes; negative entries count from the end; no permutation (empty or null) reverses the axes. */
    public static Tensor transpose(Tensor x, int... perm) {
        Inputs.require("Transpose", 0, x);
        int rank = x.rank();
        int[] p = new int[rank];
        if ((perm == null || perm.length == 0) && rank > 0) {
            for (int i = 0; i < rank; i++) p[i] = rank - 1 - i;
        } else {
            p = perm.clone();
            for (int i = 0; i < p.length; i++) {
                if (p[i] < 0 && p[i] >= -rank) p[i] += rank;
            }
        }
        return Dispatch.apply(new Transpose(p), x);
    }

    /** Swaps the last two axes. */
    public static Tensor matrixTranspose(Tensor x) {
        Inputs.require("Transpose", 0, x);
        int rank = x.rank();
        if (rank < 2) {
            throw InvalidArgumentException.of("Transpose", "matrixTranspose needs rank >= 2, got shape "
                    + x.shape().toBracketString());
        }
        int[] perm = new int[rank];
        for (int i = 0; i < rank; i++) perm[i] = i;
        perm[rank - 2] = rank - 1;
        perm[rank - 1] = rank - 2;
        return Dispatch.apply(new Transpose(perm), x);
    }

    /** Inserts a size-1 axis at {@code axis}, which may be {@code -rank-1 .. rank}. */
    public static Tensor expandDims(Tensor x, int axis) {
        Inputs.require("ExpandDims", 0, x);
        if (axis < -x.rank() - 1 || axis > x.rank()) {
            throw InvalidArgumentException.of("ExpandDims", "Tried to expand dim index " + axis + " for tensor with "
                    + x.rank() + " dimensions (shape " + x.shape().toBracketString() + ")");
        }
        int a = Axes.normalizeNew("ExpandDims", axis, x.rank());
        int[] dims = x.shape().toArray();
        int[] out = new int[dims.length + 1];
        System.arraycopy(dims, 0, out, 0, a);
        out[a] = 1;
        System.arraycopy(dims, a, out, a + 1, dims.length - a);
        return reshapeUnitAxes("ExpandDims", x, Shape.of(out));
    }

    /**
     * {@code x} reshaped to {@code target}, which differs from its shape only by size-1 axes
     * (expandDims, squeeze, indexing). An unknown dimension of {@code x} carries over as the
     * reshape's {@code -1}, resolved when it runs; with two unknown dimensions it would be
     * ambiguous, which needs TensorFlow's {@code ExpandDims}/{@code Squeeze} ops (not here yet).
     */
    static Tensor reshapeUnitAxes(String op, Tensor x, Shape target) {
        int unknown = 0;
        for (int d : target.toArray()) {
            if (d == Shape.UNKNOWN) unknown++;
        }
        if (unknown > 1) {
            throw InvalidArgumentException.of(op, "adding or removing size-1 axes of a tensor with more than one "
                    + "unknown dimension (shape " + x.shape().toBracketString() + " to " + target.toBracketString()
                    + ") is not supported yet");
        }
        return Dispatch.apply(new Reshape(target), x);
    }

    /** Removes the given size-1 axes, or every size-1 axis when none (or null) are given. */
    public static Tensor squeeze(Tensor x, int... axes) {
        Inputs.require("Squeeze", 0, x);
        int[] dims = x.shape().toArray();
        boolean[] drop = new boolean[dims.length];
        if (axes == null || axes.length == 0) {
            for (int d = 0; d < dims.length; d++) drop[d] = dims[d] == 1;
        } else {
            for (int axis : axes) {
                int a = Axes.normalize("Squeeze", axis, dims.length);
                if (dims[a] != 1) {
                    // an unknown one could be 1, but a reshape could not check it when the op runs
                    throw InvalidArgumentException.of("Squeeze", "Can not squeeze dim[" + a
                            + "], expected a dimension of 1, got " + (dims[a] == Shape.UNKNOWN ? "?" : dims[a])
                            + " in shape " + x.shape().toBracketString());
                }
                drop[a] = true;
            }
        }
        int[] out = new int[dims.length];
        int rank = 0;
        for (int d = 0; d < dims.length; d++) {
            if (!drop[d]) out[rank++] = dims[d];
        }
        Shape target = Shape.of(Arrays.copyOf(out, rank));
        return target.equals(x.shape()) ? x : reshapeUnitAxes("Squeeze", x, target);
    }

    /** Joins tensors along an existing axis. */
    public static Tensor concat(List<Tensor> values, int axis) {
        Tensor[] inputs = Inputs.requireAll("ConcatV2", values);
        if (inputs.length == 0) {
            throw InvalidArgumentException.of("ConcatV2", "ConcatOp : Expected a list of at least one tensor");
        }
        inputs = unifyDTypes("ConcatV2", inputs);
        int rank = inputs[0].rank();
        int a = rank == 0 ? axis : Axes.normalize("ConcatV2", axis, rank);
        return Dispatch.apply(new Concat(a), inputs);
    }

    /** Joins equally shaped tensors along a new axis, which may be {@code -rank-1 .. rank}. */
    public static Tensor stack(List<Tensor> values, int axis) {
        Tensor[] inputs = Inputs.requireAll("Pack", values);
        if (inputs.length == 0) {
            throw InvalidArgumentException.of("Pack", "stack needs at least one tensor");
        }
        Shape first = inputs[0].shape();
        for (int i = 1; i < inputs.length; i++) {
            if (!inputs[i].shape().isCompatibleWith(first)) {
                throw InvalidArgumentException.of("Pack", "Shapes of all inputs must match: values[0].shape = "
                        + first.toBracketString() + " != values[" + i + "].shape = "
                        + inputs[i].shape().toBracketString());
            }
        }
        int a = Axes.normalizeNew("Pack", axis, first.rank());
        List<Tensor> expanded = new ArrayList<>();
        for (Tensor t : unifyDTypes("Pack", inputs)) {
            expanded.add(expandDims(t, a));
        }
        return Dispatch.apply(new Concat(a), expanded.toArray(Tensor[]::new));
    }

    /** Splits along {@code axis} into its slices, each without that axis. */
    public static List<Tensor> unstack(Tensor x, int axis) {
        Inputs.require("Unpack", 0, x);
        if (x.rank() == 0) {
            throw InvalidArgumentException.of("Unpack", "Cannot unstack a scalar");
        }
        int a = Axes.normalize("Unpack", axis, x.rank());
        requireKnown("Unpack", x, a, "Cannot infer argument `num` from shape " + x.shape());
        List<Tensor> out = new ArrayList<>();
        for (int i = 0; i < x.shape().get(a); i++) {
            out.add(squeeze(sliceAxis(x, a, i, 1), a));
        }
        return out;
    }

    /** Splits along {@code axis} into {@code parts} equal pieces. */
    public static List<Tensor> split(Tensor x, int parts, int axis) {
        Inputs.require("Split", 0, x);
        int a = Axes.normalize("Split", axis, x.rank());
        requireKnown("Split", x, a, "Cannot split along axis " + a + " of unknown size in shape " + x.shape());
        int size = x.shape().get(a);
        if (parts <= 0 || size % parts != 0) {
            throw InvalidArgumentException.of("Split", "Number of ways to split should evenly divide the split "
                    + "dimension, but got split_dim " + a + " (size = " + size + ") and num_split " + parts);
        }
        int[] sizes = new int[parts];
        Arrays.fill(sizes, size / parts);
        return split(x, sizes, a);
    }

    /** Splits along {@code axis} into pieces of the given sizes (one may be {@code -1}). */
    public static List<Tensor> split(Tensor x, int[] sizes, int axis) {
        Inputs.require("SplitV", 0, x);
        if (sizes == null) {
            throw InvalidArgumentException.of("SplitV", "sizes is null");
        }
        int a = Axes.normalize("SplitV", axis, x.rank());
        requireKnown("SplitV", x, a, "Cannot split along axis " + a + " of unknown size in shape " + x.shape());
        int total = x.shape().get(a);
        int[] s = sizes.clone();
        int unknown = -1;
        long known = 0; // a long: an int sum of sizes such as 2^31-1 wraps and could even match the dimension
        for (int i = 0; i < s.length; i++) {
            if (s[i] == -1 && unknown < 0) {
                unknown = i;
            } else if (s[i] < 0) {
                throw InvalidArgumentException.of("SplitV", "Split sizes must be non-negative (one may be -1), got "
                        + Arrays.toString(sizes));
            } else {
                known += s[i];
            }
        }
        if (unknown >= 0 && known <= total) {
            s[unknown] = (int) (total - known);
            known = total;
        }
        if (known != total) {
            throw InvalidArgumentException.of("SplitV", "Determined shape must either match input shape along split_dim "
                    + "exactly if fully specified, or be less than the size of the input along split_dim if not "
                    + "fully specified. Got: " + known + " vs. " + total + " (sizes " + Arrays.toString(sizes) + ")");
        }
        List<Tensor> out = new ArrayList<>();
        int start = 0;
        for (int size : s) {
            out.add(sliceAxis(x, a, start, size));
            start += size;
        }
        return out;
    }

    /** {@code count} elements of axis {@code axis} from {@code start}, other axes whole. */
    static Tensor sliceAxis(Tensor x, int axis, int start, int count) {
        int rank = x.rank();
        int[] starts = new int[rank], counts = x.shape().toArray(), steps = new int[rank];
        Arrays.fill(steps, 1);
        starts[axis] = start;
        counts[axis] = count;
        return Dispatch.apply(new StridedSlice(starts, counts, steps), x);
    }

    /** Ops whose number of outputs is the size of an axis need it known when they are written. */
    private static void requireKnown(String op, Tensor x, int axis, String message) {
        if (x.shape().get(axis) == Shape.UNKNOWN) {
            throw InvalidArgumentException.of(op, message);
        }
    }

    /** Repeats the whole tensor {@code multiples[d]} times along each axis. */
    public static Tensor tile(Tensor x, int... multiples) {
        Inputs.require("Tile", 0, x);
        int rank = x.rank();
        if (multiples == null) {
            throw InvalidArgumentException.of("Tile", "multiples is null");
        }
        if (multiples.length != rank) {
            throw InvalidArgumentException.of("Tile", "Expected multiples argument to be a vector of length " + rank
                    + " but got length " + multiples.length);
        }
        if (!x.shape().isFullyDefined()) {
            throw InvalidArgumentException.of("Tile", "tiling a tensor of partly unknown shape "
                    + x.shape().toBracketString() + " is not supported yet");
        }
        int[] dims = x.shape().toArray();
        int[] interleaved = new int[2 * rank], expanded = new int[2 * rank], out = new int[rank];
        double outSize = 1; // cannot overflow, and is exact enough to compare with 2^31
        boolean tooLarge = false;
        for (int d = 0; d < rank; d++) {
            if (multiples[d] < 0) {
                throw InvalidArgumentException.of("Tile", "Expected multiples[" + d + "] >= 0, but got " + multiples[d]);
            }
            interleaved[2 * d] = 1;
            interleaved[2 * d + 1] = dims[d];
            expanded[2 * d] = multiples[d];
            expanded[2 * d + 1] = dims[d];
            long tiled = (long) multiples[d] * dims[d];
            out[d] = (int) tiled;
            outSize *= tiled;
            tooLarge |= tiled > Integer.MAX_VALUE;
        }
        if (tooLarge || outSize > Integer.MAX_VALUE - 8) {
            throw InvalidArgumentException.of("Tile", "Tiling " + x.shape().toBracketString() + " by "
                    + Arrays.toString(multiples) + " gives a shape too large for a Java array");
        }
        // (d0, d1) -> (1, d0, 1, d1) -> broadcast (m0, d0, m1, d1) -> (m0*d0, m1*d1)
        Tensor spread = Elementwise.broadcastTo(reshape(x, interleaved), Shape.of(expanded));
        return reshape(spread, out);
    }

    /** Pads with a constant; {@code paddings[d] = {before, after}}. */
    public static Tensor pad(Tensor x, int[][] paddings, double value) {
        Inputs.require("PadV2", 0, x);
        int rank = x.rank();
        if (paddings == null) {
            throw InvalidArgumentException.of("PadV2", "paddings is null");
        }
        if (paddings.length != rank) {
            throw InvalidArgumentException.of("PadV2", "The first dimension of paddings must be the rank of inputs ["
                    + paddings.length + ",2] " + x.shape().toBracketString());
        }
        int[] before = new int[rank], after = new int[rank];
        for (int d = 0; d < rank; d++) {
            if (paddings[d] == null || paddings[d].length != 2) {
                throw InvalidArgumentException.of("PadV2", "paddings must have shape [" + rank + ",2]; row " + d
                        + " is " + Arrays.toString(paddings[d]));
            }
            before[d] = paddings[d][0];
            after[d] = paddings[d][1];
        }
        if (!DTypeRules.fits(value, x.dtype())) {
            throw InvalidArgumentException.of("PadV2", "constant " + value + " does not fit dtype " + x.dtype());
        }
        return Dispatch.apply(new Pad(before, after, value), x);
    }

    /** Slices of {@code params} along {@code axis} picked by integer {@code indices}. */
    public static Tensor gather(Tensor params, Tensor indices, int axis) {
        Inputs.require("GatherV2", 0, params);
        Inputs.require("GatherV2", 1, indices);
        int a = Axes.normalize("GatherV2", axis, params.rank());
        return Dispatch.apply(new Gather(a), params, indices);
    }

    /**
     * TensorFlow's {@code unsorted_segment_sum}: {@code ids}' shape is a prefix of {@code data}'s,
     * and each slice {@code data[i...]} is added to {@code out[ids[i...]]}, so the result has shape
     * {@code (numSegments,) + data.shape[ids.rank:]}. Segments no id names are zero; slices with a
     * negative id are dropped.
     */
    public static Tensor unsortedSegmentSum(Tensor data, Tensor ids, int numSegments) {
        Inputs.require("UnsortedSegmentSum", 0, data);
        Inputs.require("UnsortedSegmentSum", 1, ids);
        int[] d = data.shape().toArray(), prefix = ids.shape().toArray();
        if (prefix.length > d.length || !Shape.of(Arrays.copyOf(d, prefix.length)).isCompatibleWith(ids.shape())) {
            throw InvalidArgumentException.of("UnsortedSegmentSum", "segment_ids.shape = " + ids.shape()
                    + " must be a prefix of data.shape = " + data.shape());
        }
        if (prefix.length == 1) {
            // already rows and a list of ids: no reshape, which unknown dimensions could not express
            return Dispatch.apply(new SegmentSum(numSegments), data, ids);
        }
        int[] rows = new int[d.length - prefix.length + 1];
        rows[0] = ids.size();
        System.arraycopy(d, prefix.length, rows, 1, d.length - prefix.length);
        return Dispatch.apply(new SegmentSum(numSegments), reshape(data, rows), reshape(ids, ids.size()));
    }

    /**
     * One-hot encoding: a new axis of length {@code depth} at {@code axis} holding {@code on} at the
     * index and {@code off} elsewhere; indices outside {@code [0, depth)} give all {@code off}.
     */
    public static Tensor oneHot(Tensor indices, int depth, double on, double off, int axis, DType dtype) {
        DTypeRules.require("OneHot", dtype);
        Inputs.require("OneHot", 0, indices);
        for (double v : new double[] {on, off}) {
            if (!DTypeRules.fits(v, dtype)) {
                throw InvalidArgumentException.of("OneHot", "Cannot convert " + v + " to EagerTensor of dtype " + dtype
                        + " (on_value " + on + ", off_value " + off + ")");
            }
        }
        if (!indices.dtype().isInteger()) {
            throw InvalidArgumentException.of("OneHot", "indices must be int32 or int64, got " + indices.dtype());
        }
        if (depth < 0) {
            throw InvalidArgumentException.of("OneHot", "depth must be non-negative, got: " + depth);
        }
        if ((long) depth * Math.max(indices.size(), 1) > Integer.MAX_VALUE - 8) {
            throw InvalidArgumentException.of("OneHot", "depth " + depth + " for indices of shape "
                    + indices.shape().toBracketString() + " gives more elements than a Java array can hold");
        }
        int a = Axes.normalizeNew("OneHot", axis, indices.rank());
        int[] positionsShape = new int[indices.rank() + 1];
        Arrays.fill(positionsShape, 1);
        positionsShape[a] = depth;
        Tensor positions = reshape(Creation.range(0, depth, 1, indices.dtype()), positionsShape);
        Tensor hot = Elementwise.binary(BinaryOp.EQUAL, expandDims(indices, a), positions);
        return Elementwise.where(hot, Creation.scalar(on, dtype), Creation.scalar(off, dtype));
    }

    private static Tensor[] unifyDTypes(String op, Tensor[] values) {
        Tensor[] inputs = values.clone();
        DType common = inputs[0].dtype();
        for (int i = 1; i < inputs.length; i++) {
            if (inputs[i].dtype() != common) {
                if (!DTypeRules.numpyBehavior()) {
                    throw DTypeRules.mismatch(op, inputs[0].dtype(), inputs[i].dtype(), i);
                }
                common = DTypeRules.promote(common, inputs[i].dtype());
            }
        }
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = Elementwise.cast(inputs[i], common);
        }
        return inputs;
    }
}
