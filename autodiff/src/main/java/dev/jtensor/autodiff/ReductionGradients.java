package dev.jtensor.autodiff;

import static dev.jtensor.TF.*;

import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Shape;
import dev.jtensor.Tensor;
import dev.jtensor.internal.Elementwise;
import dev.jtensor.ops.Cumulative;
import dev.jtensor.ops.Reduce;

/** Gradient rules of the reductions. */
final class ReductionGradients {

    private ReductionGradients() {
    }

    static Tensor reduce(Reduce r, Tensor x, Tensor y, Tensor g) {
        int[] axes = r.axes();
        int[] kept = keptShape(x.shape(), axes);
        Tensor gk = reshape(g, kept);
        return switch (r.op()) {
            // an unknown dimension takes its run-time size from x (the shape donor), as TF's Shape(x)
            case SUM -> x.shape().isFullyDefined() ? broadcastTo(gk, x.shape().toArray())
                    : Elementwise.broadcastTo(gk, x.shape(), x);
            // the gradient is shared equally among the elements that attain the extreme, as TensorFlow does
            case MAX, MIN -> {
                Tensor hits = cast(equal(x, reshape(y, kept)), g.dtype());
                yield hits.div(reduceSum(hits, axes, true)).mul(gk);
            }
            case PROD -> productOfOthers(x, axes).mul(gk);
            case ALL, ANY -> null;
        };
    }

    /** {@code x.shape} with the reduced axes set to 1. */
    static int[] keptShape(Shape shape, int[] axes) {
        int[] kept = shape.toArray();
        for (int a : axes) kept[a] = 1;
        return kept;
    }

    /**
     * For each element, the product of the other elements of its reduction group, computed with
     * exclusive cumulative products from both ends (TensorFlow's approach), so zeros need no division.
     */
    private static Tensor productOfOthers(Tensor x, int[] axes) {
        int rank = x.rank();
        boolean[] reduced = new boolean[rank];
        for (int a : axes) reduced[a] = true;
        int[] perm = new int[rank];
        int k = 0, keptSize = 1, reducedSize = 1;
        for (int d = 0; d < rank; d++) if (!reduced[d]) { perm[k++] = d; keptSize *= x.shape().get(d); }
        for (int d = 0; d < rank; d++) if (reduced[d]) { perm[k++] = d; reducedSize *= x.shape().get(d); }
        Tensor moved = transpose(x, perm);
        Tensor flat = reshape(moved, keptSize, reducedSize);
        Tensor others = cumprod(flat, 1, true, false).mul(cumprod(flat, 1, true, true));
        int[] inverse = new int[rank];
        for (int i = 0; i < rank; i++) inverse[perm[i]] = i;
        return transpose(reshape(others, moved.shape().toArray()), inverse);
    }

    /**
     * The running product's gradient: {@code d x_j = sum over the outputs i whose product contains x_j
     * of g_i y_i / x_j}, a reversed cumulative sum divided by {@code x} (TensorFlow's formula). That
     * divides 0 by 0 where {@code x_j = 0}; there the same sum is taken over products with {@code x_j}
     * replaced by 1, one zero per row at a time (the m-th zero of every row together). Those products
     * keep the other zeros, so the result is also right to differentiate again. On symbolic tensors
     * (a graph's gradient) the zeros are not known yet, so the general form runs with as many rounds
     * as the axis is long (a round without zeros changes nothing).
     */
    static Tensor cumprodGradient(Cumulative c, Tensor x, Tensor y, Tensor g) {
        int axis = c.axis();
        boolean exclusive = c.exclusive(), reverse = c.reverse();
        Tensor isZero = x.equal(0.0);
        boolean symbolic = x.isSymbolic();
        if (symbolic && x.shape().get(axis) == Shape.UNKNOWN) {
            throw InvalidArgumentException.of("Cumprod", "Cannot build the gradient of cumprod along axis " + axis
                    + ", whose size is unknown in shape " + x.shape() + "; give that dimension a known size");
        }
        if (!symbolic && !reduceAny(isZero).booleanValue()) {
            return cumsum(y.mul(g), axis, exclusive, !reverse).div(x);
        }
        Tensor ones = onesLike(x), zeroCount = cast(isZero, x.dtype());
        Tensor result = where(isZero, zerosLike(x), cumsum(y.mul(g), axis, exclusive, !reverse).div(where(isZero, ones, x)));
        Tensor zerosBefore = cumsum(zeroCount, axis, true, reverse);
        int mostZeros = symbolic ? x.shape().get(axis) : (int) reduceMax(reduceSum(zeroCount, axis)).doubleValue();
        for (int m = 0; m < mostZeros; m++) {
            Tensor at = logicalAnd(isZero, zerosBefore.equal(m));
            Tensor others = cumprod(where(at, ones, x), axis, exclusive, reverse);
            result = where(at, cumsum(others.mul(g), axis, exclusive, !reverse), result);
        }
        return result;
    }
}
