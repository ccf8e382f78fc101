package dev.jtensor.internal;

import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Tensor;
import dev.jtensor.accel.BinaryOp;
import dev.jtensor.accel.ReduceOp;
import dev.jtensor.accel.UnaryOp;
import dev.jtensor.ops.Dispatch;
import dev.jtensor.ops.StopGradient;

/** Numerically stable composites: log-sum-exp, softmax, log-softmax. */
public final class SoftmaxOps {

    private SoftmaxOps() {
    }

    /**
     * {@code log(sum(exp(x)))} over {@code axes}, computed as {@code m + log(sum(exp(x - m)))} with
     * {@code m} the finite maximum, so large inputs do not overflow.
     */
    public static Tensor logSumExp(Tensor x, int[] axes, boolean keepDims) {
        requireFloating("ReduceLogSumExp", x);
        Axes.normalizeAll("ReduceLogSumExp", axes, x.rank());
        Tensor max = finiteMax(x, axes);
        Tensor log = logSumExpShifted(Elementwise.binary(BinaryOp.SUBTRACT, x, max), axes, keepDims);
        // the reduced axes of max have size 1, known even where x's dimensions are not
        // (axes null: all of them, whose size-1 dimensions squeeze leaves none of; empty: none)
        boolean none = axes != null && axes.length == 0;
        return Elementwise.binary(BinaryOp.ADD, log, keepDims || none ? max : ShapeOps.squeeze(max, axes));
    }

    /** The maximum over {@code axes} (kept as size 1), with 0 where it is infinite or NaN. */
    private static Tensor finiteMax(Tensor x, int[] axes) {
        Tensor rawMax = Reductions.reduce(ReduceOp.MAX, x, axes, true);
        // an all -inf (or empty) slice has an infinite max; shifting by it would give NaN
        Tensor max = Elementwise.where(Elementwise.isFinite(rawMax), rawMax, Elementwise.scalarLike(0.0, rawMax));
        // the shift only keeps exp() in range: the result does not depend on it, so no gradient flows
        // through it (as TensorFlow's stop_gradient there), which spares the backward pass ~8 ops
        return Dispatch.apply(new StopGradient(), max);
    }

    /** {@code log(sum(exp(shifted)))} over {@code axes}. */
    private static Tensor logSumExpShifted(Tensor shifted, int[] axes, boolean keepDims) {
        Tensor sum = Reductions.reduce(ReduceOp.SUM, Elementwise.unary(UnaryOp.EXP, shifted), axes, keepDims);
        return Elementwise.unary(UnaryOp.LOG, sum);
    }

    /** {@code exp(x) / sum(exp(x))} along {@code axis}, shifted by the maximum for stability. */
    public static Tensor softmax(Tensor x, int axis) {
        requireFloating("Softmax", x);
        int[] axes = {Axes.normalize("Softmax", axis, x.rank())};
        Tensor max = Dispatch.apply(new StopGradient(), Reductions.reduce(ReduceOp.MAX, x, axes, true));
        Tensor shifted = Elementwise.binary(BinaryOp.SUBTRACT, x, max);
        Tensor e = Elementwise.unary(UnaryOp.EXP, shifted);
        return Elementwise.binary(BinaryOp.DIVIDE, e, Reductions.reduce(ReduceOp.SUM, e, axes, true));
    }

    /**
     * {@code x - logSumExp(x)} along {@code axis}, computed as TensorFlow does as
     * {@code (x - m) - log(sum(exp(x - m)))} with {@code m} the maximum: subtracting the rounded
     * log-sum-exp from {@code x} directly would lose the low digits of large inputs.
     */
    public static Tensor logSoftmax(Tensor x, int axis) {
        requireFloating("LogSoftmax", x);
        int[] axes = {Axes.normalize("LogSoftmax", axis, x.rank())};
        Tensor shifted = Elementwise.binary(BinaryOp.SUBTRACT, x, finiteMax(x, axes));
        return Elementwise.binary(BinaryOp.SUBTRACT, shifted, logSumExpShifted(shifted, axes, true));
    }

    private static void requireFloating(String op, Tensor x) {
        Inputs.require(op, 0, x);
        if (!x.dtype().isFloating()) {
            throw InvalidArgumentException.of(op, op + " needs a floating-point tensor, got " + x.dtype());
        }
    }
}
