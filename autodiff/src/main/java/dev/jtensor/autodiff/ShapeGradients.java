package dev.jtensor.autodiff;

import static dev.jtensor.TF.*;

import dev.jtensor.Index;
import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Shape;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import dev.jtensor.ops.Concat;
import dev.jtensor.ops.Dispatch;
import dev.jtensor.ops.Gather;
import dev.jtensor.ops.ImagePatches;
import dev.jtensor.ops.ImagePatchesAdjoint;
import dev.jtensor.ops.Pad;
import dev.jtensor.ops.StridedSlice;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Gradient rules of the primitives that move elements around. */
final class ShapeGradients {

    private ShapeGradients() {
    }

    /**
     * Undoes a broadcast: sums {@code g} over the axes that {@code shape} gained or stretched from
     * size 1. This is the one place where broadcasting is reduced.
     */
    static Tensor sumToShape(Tensor g, Shape shape) {
        int[] from = g.shape().toArray(), to = shape.toArray();
        int lead = from.length - to.length;
        List<Integer> axes = new ArrayList<>();
        for (int d = 0; d < from.length; d++) {
            if (d < lead || (to[d - lead] == 1 && from[d] != 1)) axes.add(d);
        }
        Tensor summed = axes.isEmpty() ? g : reduceSum(g, axes.stream().mapToInt(Integer::intValue).toArray(), true);
        return summed.shape().equals(shape) ? summed : reshape(summed, to);
    }

    /** Scatters {@code g} back into zeros of the input's shape, axis by axis (with pads and interleaving). */
    static Tensor stridedSlice(StridedSlice s, Tensor x, Tensor g) {
        int[] dims = x.shape().toArray(), start = s.start(), count = s.count(), step = s.step();
        for (int c : count) {
            if (c == 0) return zerosLike(x);
        }
        Tensor out = g;
        for (int d = 0; d < dims.length; d++) {
            int first = start[d], stride = step[d];
            if (stride < 0) {
                out = out.get(alongAxis(d, dims.length, Index.step(-1)));
                first = start[d] + (count[d] - 1) * stride;
                stride = -stride;
            }
            if (stride > 1) {
                out = interleaveZeros(out, d, stride);
            }
            int length = out.shape().get(d);
            if (first != 0 || length != dims[d]) {
                if (dims[d] == Shape.UNKNOWN) {
                    // the padding back to the input's size would need that size at run time
                    throw InvalidArgumentException.of("StridedSlice", "Cannot compute the gradient of a slice of "
                            + "part of axis " + d + ", whose size is unknown in shape " + x.shape() + "; give that "
                            + "dimension a known size (a placeholder's shape) to differentiate through the slice");
                }
                int[][] paddings = new int[dims.length][2];
                paddings[d][0] = first;
                paddings[d][1] = dims[d] - first - length;
                out = pad(out, paddings);
            }
        }
        return out;
    }

    /** Along axis {@code d}: {@code [a, b, c]} with stride 3 becomes {@code [a, 0, 0, b, 0, 0, c]}. */
    private static Tensor interleaveZeros(Tensor t, int d, int stride) {
        int[] dims = t.shape().toArray();
        int n = dims[d];
        Tensor spaced = expandDims(t, d + 1);
        int[][] paddings = new int[dims.length + 1][2];
        paddings[d + 1][1] = stride - 1;
        int[] merged = dims.clone();
        merged[d] = n * stride;
        Tensor flat = reshape(pad(spaced, paddings), merged);
        return flat.get(alongAxis(d, dims.length, Index.to((n - 1) * stride + 1)));
    }

    private static Index[] alongAxis(int d, int rank, Index item) {
        Index[] items = new Index[rank];
        Arrays.fill(items, Index.all());
        items[d] = item;
        return items;
    }

    static Tensor[] concat(Concat c, Tensor[] x, Tensor g) {
        int[] sizes = new int[x.length];
        for (int i = 0; i < x.length; i++) sizes[i] = x[i].shape().get(c.axis());
        return split(g, sizes, c.axis()).toArray(Tensor[]::new);
    }

    static Tensor unpad(Pad p, Tensor x, Tensor g) {
        int[] before = p.before(), dims = x.shape().toArray();
        Index[] items = new Index[dims.length];
        for (int d = 0; d < dims.length; d++) items[d] = Index.range(before[d], before[d] + dims[d]);
        return g.get(items);
    }

    /**
     * Adds {@code g}'s slices into the gathered ones (repeated indices add up): a segment sum over
     * the index axis, moved to the front of an {@code (n, outer, inner)} view (no copy when the
     * gather axis is the first). Linear in the sizes, unlike {@code oneHot(indices)^T @ g}.
     */
    static Tensor gather(Gather gather, Tensor params, Tensor indices, Tensor g) {
        int axis = gather.axis();
        int[] p = params.shape().toArray();
        int outer = 1, inner = 1;
        for (int d = 0; d < axis; d++) outer *= p[d];
        for (int d = axis + 1; d < p.length; d++) inner *= p[d];
        int n = indices.size();
        Tensor perIndex = transpose(reshape(g, outer, n, inner), 1, 0, 2);
        return reshape(transpose(unsortedSegmentSum(perIndex, reshape(indices, n), p[axis]), 1, 0, 2), p);
    }

    /**
     * The data gradient of a segment sum: each row takes its segment's gradient, a gather; rows
     * with a negative id were dropped and get zero.
     */
    static Tensor segmentSum(Tensor data, Tensor ids, Tensor g) {
        Tensor picked = TF.gather(g, maximum(ids, 0), 0);
        int[] column = new int[data.rank()];
        Arrays.fill(column, 1);
        column[0] = ids.size();
        return where(reshape(ids.greater(-1), column), picked, zeros(g.dtype()));
    }

    /**
     * The gradient of image patches: the patches' gradient summed back into the image
     * ({@link ImagePatchesAdjoint}), which needs the image's height and width.
     */
    static Tensor imagePatches(ImagePatches p, Tensor image, Tensor g) {
        int h = image.shape().get(1), w = image.shape().get(2);
        if (h == Shape.UNKNOWN || w == Shape.UNKNOWN) {
            throw InvalidArgumentException.of(p.name(), "the gradient of image patches needs the image's height "
                    + "and width, got shape " + image.shape());
        }
        return Dispatch.apply(new ImagePatchesAdjoint(p.windows(), h, w), g);
    }
}
