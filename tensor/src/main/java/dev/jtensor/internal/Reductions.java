package dev.jtensor.internal;

import dev.jtensor.DType;
import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Shape;
import dev.jtensor.Tensor;
import dev.jtensor.accel.BinaryOp;
import dev.jtensor.accel.ReduceOp;
import dev.jtensor.accel.UnaryOp;
import dev.jtensor.ops.ArgReduce;
import dev.jtensor.ops.Cumulative;
import dev.jtensor.ops.Dispatch;
import dev.jtensor.ops.Gather;
import dev.jtensor.ops.Reduce;
import dev.jtensor.ops.ShapeOf;

/** Reductions over axes, arg-max/min, running sums, and the mean/variance composites. */
public final class Reductions {

    private Reductions() {
    }

    /**
     * Reduces {@code axes} ({@code null} for all; negative axes count from the end). In NumPy mode a
     * bool sum or product counts in int64 as NumPy does.
     */
    public static Tensor reduce(ReduceOp op, Tensor x, int[] axes, boolean keepDims) {
        Reduce probe = new Reduce(op, new int[0], keepDims);
        Inputs.require(probe.name(), 0, x);
        int[] normalized = Axes.normalizeAll(probe.name(), axes, x.rank());
        if (x.dtype() == DType.BOOL && (op == ReduceOp.SUM || op == ReduceOp.PROD) && DTypeRules.numpyBehavior()) {
            x = Elementwise.cast(x, DType.INT64);
        }
        return Dispatch.apply(new Reduce(op, normalized, keepDims), x);
    }

    /**
     * Mean over {@code axes}. Integer tensors divide with truncation, as TensorFlow does: the mean
     * of int32 {@code [1, 2, 3, 4]} is 2.
     */
    public static Tensor mean(Tensor x, int[] axes, boolean keepDims) {
        Inputs.require("Mean", 0, x);
        long count = count(x, axes); // checks the axes first, so that errors name Mean rather than Sum
        Tensor sum = reduce(ReduceOp.SUM, x, axes, keepDims);
        if (count < 0) {
            Tensor n = Elementwise.cast(runtimeCount(x, Axes.normalizeAll("Mean", axes, x.rank())), sum.dtype());
            return Elementwise.binary(sum.dtype().isInteger() ? BinaryOp.TRUNCATE_DIV : BinaryOp.DIVIDE, sum, n);
        }
        if (sum.dtype().isInteger()) {
            if (count == 0) {
                throw InvalidArgumentException.of("Mean", "Mean of an empty integer tensor (shape " + x.shape() + ")");
            }
            return Elementwise.binary(BinaryOp.TRUNCATE_DIV, sum, Elementwise.scalarLike(count, sum));
        }
        return Elementwise.binary(BinaryOp.DIVIDE, sum, Elementwise.scalarLike((double) count, sum));
    }

    /** Population variance (divides by N) over {@code axes}; needs floating point. */
    public static Tensor variance(Tensor x, int[] axes, boolean keepDims) {
        requireFloating("reduceVariance", x);
        Tensor centered = Elementwise.binary(BinaryOp.SUBTRACT, x, mean(x, axes, true));
        return mean(Elementwise.unary(UnaryOp.SQUARE, centered), axes, keepDims);
    }

    /**
     * Population standard deviation over {@code axes}. Over groups of one element it is the
     * variance itself (exactly 0): {@code sqrt} at 0 would give an infinite derivative times a zero
     * one, a NaN gradient for a function that is constant.
     */
    public static Tensor std(Tensor x, int[] axes, boolean keepDims) {
        Tensor variance = variance(x, axes, keepDims);
        return count(x, axes) == 1 ? variance : Elementwise.unary(UnaryOp.SQRT, variance);
    }

    /** Index of the largest ({@code max}) or smallest element along {@code axis}, as int64. */
    public static Tensor argReduce(boolean max, Tensor x, int axis) {
        String name = max ? "ArgMax" : "ArgMin";
        Inputs.require(name, 0, x);
        if (x.rank() == 0) {
            throw InvalidArgumentException.of(name, "Expected a tensor of rank >= 1, got a scalar");
        }
        return Dispatch.apply(new ArgReduce(max, Axes.normalize(name, axis, x.rank())), x);
    }

    /** Running sum ({@code product} false) or product along {@code axis}. */
    public static Tensor cumulative(boolean product, Tensor x, int axis, boolean exclusive, boolean reverse) {
        String name = product ? "Cumprod" : "Cumsum";
        Inputs.require(name, 0, x);
        if (x.rank() == 0) {
            throw InvalidArgumentException.of(name, "Expected a tensor of rank >= 1, got a scalar");
        }
        return Dispatch.apply(new Cumulative(product, Axes.normalize(name, axis, x.rank()), exclusive, reverse), x);
    }

    /** The number of elements over {@code axes}, or -1 when one of them is unknown until the op runs. */
    private static long count(Tensor x, int[] axes) {
        int[] normalized = Axes.normalizeAll("Mean", axes, x.rank());
        long n = 1;
        for (int a : normalized) {
            int d = x.shape().get(a);
            if (d == Shape.UNKNOWN) return -1;
            n *= d;
        }
        return n;
    }

    /**
     * The product of {@code x}'s run-time dimensions over {@code axes}, an int32 scalar computed
     * from {@code Shape(x)} (it fits: it is at most {@code x}'s size).
     */
    private static Tensor runtimeCount(Tensor x, int[] axes) {
        Tensor dims = Dispatch.apply(new ShapeOf(), x);
        Tensor picks = Creation.placed(TensorAccess.wrap(DType.INT32, Shape.of(axes.length), axes.clone()),
                TensorAccess.backend(x));
        return Dispatch.apply(new Reduce(ReduceOp.PROD, new int[] {0}, false), Dispatch.apply(new Gather(0), dims, picks));
    }

    private static void requireFloating(String op, Tensor x) {
        Inputs.require(op, 0, x);
        if (!x.dtype().isFloating()) {
            throw InvalidArgumentException.of(op, op + " needs a floating-point tensor, got " + x.dtype());
        }
    }
}
