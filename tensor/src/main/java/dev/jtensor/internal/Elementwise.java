package dev.jtensor.internal;

import dev.jtensor.DType;
import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Shape;
import dev.jtensor.Tensor;
import dev.jtensor.accel.BinaryOp;
import dev.jtensor.accel.UnaryOp;
import dev.jtensor.ops.Binary;
import dev.jtensor.ops.BroadcastTo;
import dev.jtensor.ops.Cast;
import dev.jtensor.ops.Dispatch;
import dev.jtensor.ops.Select;
import dev.jtensor.ops.Unary;

/**
 * The frontend of elementwise ops: settles dtypes (strict or NumPy promotion), broadcasts operands
 * with zero-stride {@link BroadcastTo} views, then dispatches one primitive. Java scalars become
 * tensors of the other operand's dtype, as TensorFlow converts Python scalars.
 */
public final class Elementwise {

    // primitives are immutable values: one instance per op saves an allocation on every call
    private static final Unary[] UNARY = java.util.Arrays.stream(UnaryOp.values()).map(Unary::new).toArray(Unary[]::new);
    private static final Binary[] BINARY = java.util.Arrays.stream(BinaryOp.values()).map(Binary::new).toArray(Binary[]::new);

    private Elementwise() {
    }

    /** {@code op(x)}; in NumPy mode integer input to a floating-point function is cast to float64 first. */
    public static Tensor unary(UnaryOp op, Tensor x) {
        Inputs.require(UNARY[op.ordinal()].name(), 0, x);
        if (!op.integerDefined() && !x.dtype().isFloating() && DTypeRules.numpyBehavior()) {
            x = cast(x, DType.FLOAT64);
        }
        return Dispatch.apply(UNARY[op.ordinal()], x);
    }

    /** {@code op(a, b)} with broadcasting; {@code DIVIDE} of integers is true division in float64. */
    public static Tensor binary(BinaryOp op, Tensor a, Tensor b) {
        return binary(BINARY[op.ordinal()].name(), op, a, b);
    }

    /** {@code op(a, b)} with dtype and shape errors reported under the name of the composite {@code name}. */
    private static Tensor binary(String name, BinaryOp op, Tensor a, Tensor b) {
        Inputs.require(name, 0, a);
        Inputs.require(name, 1, b);
        if (a.dtype() != b.dtype()) {
            if (!DTypeRules.numpyBehavior()) {
                throw DTypeRules.mismatch(name, a.dtype(), b.dtype(), 1);
            }
            DType common = DTypeRules.promote(a.dtype(), b.dtype());
            a = cast(a, common);
            b = cast(b, common);
        }
        if (op == BinaryOp.DIVIDE && a.dtype().isInteger()) {
            a = cast(a, DType.FLOAT64);
            b = cast(b, DType.FLOAT64);
        }
        Shape shape = BroadcastShapes.broadcast(name, a.shape(), b.shape());
        if (!shape.isFullyDefined()) {
            // each operand is the other's shape donor: unknown dimensions are settled when the op runs
            return Dispatch.apply(BINARY[op.ordinal()], broadcastTo(a, shape, b), broadcastTo(b, shape, a));
        }
        return Dispatch.apply(BINARY[op.ordinal()], broadcastTo(a, shape), broadcastTo(b, shape));
    }

    /** {@code op(a, value)}, the Java scalar converted by {@link #scalarLike(double, Tensor)}. */
    public static Tensor binary(BinaryOp op, Tensor a, double value) {
        String name = BINARY[op.ordinal()].name();
        return binary(name, op, a, scalarLike(value, Inputs.require(name, 0, a)));
    }

    /** {@code op(a, value)}, the Java scalar converted by {@link #scalarLike(long, Tensor)}. */
    public static Tensor binary(BinaryOp op, Tensor a, long value) {
        String name = BINARY[op.ordinal()].name();
        return binary(name, op, a, scalarLike(value, Inputs.require(name, 0, a)));
    }

    /** {@code cond ? x : y} elementwise, broadcasting all three. */
    public static Tensor where(Tensor cond, Tensor x, Tensor y) {
        Inputs.require("SelectV2", 0, cond);
        Inputs.require("SelectV2", 1, x);
        Inputs.require("SelectV2", 2, y);
        if (cond.dtype() != DType.BOOL) {
            throw InvalidArgumentException.of("SelectV2", "condition must be a bool tensor, got " + cond.dtype());
        }
        if (x.dtype() != y.dtype()) {
            if (!DTypeRules.numpyBehavior()) {
                throw DTypeRules.mismatch("SelectV2", x.dtype(), y.dtype(), 2);
            }
            DType common = DTypeRules.promote(x.dtype(), y.dtype());
            x = cast(x, common);
            y = cast(y, common);
        }
        Shape condX = BroadcastShapes.broadcast("SelectV2", cond.shape(), x.shape());
        Shape shape = BroadcastShapes.broadcast("SelectV2", condX, y.shape());
        if (!shape.isFullyDefined()) {
            // the condition broadcast against x, then y, has the run-time shape of the result: the donor of all three
            Tensor full = broadcastTo(broadcastTo(cond, condX, x), shape, y);
            return Dispatch.apply(new Select(), full, broadcastTo(x, shape, full), broadcastTo(y, shape, full));
        }
        return Dispatch.apply(new Select(), broadcastTo(cond, shape), broadcastTo(x, shape), broadcastTo(y, shape));
    }

    /** A view of {@code x} broadcast to {@code shape}, or {@code x} itself when it already has that shape. */
    public static Tensor broadcastTo(Tensor x, Shape shape) {
        Inputs.require("BroadcastTo", 0, x);
        return x.shape().equals(shape) ? x : Dispatch.apply(new BroadcastTo(shape), x);
    }

    /**
     * {@code x} broadcast to {@code shape}, whose unknown dimensions are those of {@code x} broadcast
     * with {@code donor} when the op runs (see {@link BroadcastTo}); {@code x} itself when it already
     * has that shape (an unknown dimension of both is assumed equal).
     */
    public static Tensor broadcastTo(Tensor x, Shape shape, Tensor donor) {
        Inputs.require("BroadcastTo", 0, x);
        return x.shape().equals(shape) ? x : Dispatch.apply(new BroadcastTo(shape), x, donor);
    }

    /** {@code x} as {@code dtype} ({@code x} itself when it has that dtype already). */
    public static Tensor cast(Tensor x, DType dtype) {
        Inputs.require("Cast", 0, x);
        return x.dtype() == dtype ? x : Dispatch.apply(new Cast(dtype), x);
    }

    /**
     * A Java {@code double} as a scalar tensor to combine with {@code like}: of {@code like}'s dtype,
     * or float64 in NumPy mode when {@code like} is integral and the value is not.
     *
     * @throws InvalidArgumentException when the value does not fit {@code like}'s dtype in strict mode
     */
    public static Tensor scalarLike(double value, Tensor like) {
        DType t = like.dtype();
        if (!DTypeRules.fits(value, t)) {
            if (DTypeRules.numpyBehavior()) {
                return scalarOn(like, value, DType.FLOAT64);
            }
            throw new InvalidArgumentException("Cannot convert " + value + " to EagerTensor of dtype " + t);
        }
        return scalarOn(like, value, t);
    }

    /** A Java {@code long} as a scalar tensor to combine with {@code like} (exact for int64). */
    public static Tensor scalarLike(long value, Tensor like) {
        DType t = like.dtype();
        if (t == DType.INT64) {
            return scalarOn(like, value);
        }
        boolean fits = switch (t) {
            case FLOAT32, FLOAT64, INT64 -> true;
            case INT32 -> value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE;
            case BOOL -> value == 0 || value == 1;
        };
        if (!fits) {
            if (DTypeRules.numpyBehavior()) {
                return scalarOn(like, value);
            }
            throw new InvalidArgumentException("Cannot convert " + value + " to EagerTensor of dtype " + t);
        }
        return scalarOn(like, (double) value, t);
    }

    /** A scalar on {@code like}'s device: Java numbers join the device of the tensor they meet. */
    private static Tensor scalarOn(Tensor like, double value, DType dtype) {
        return Creation.placed(Creation.hostScalar(value, dtype), TensorAccess.backend(like));
    }

    private static Tensor scalarOn(Tensor like, long value) {
        return Creation.placed(Creation.hostScalar(value), TensorAccess.backend(like));
    }

    /** {@code (a - b)^2}. */
    public static Tensor squaredDifference(Tensor a, Tensor b) {
        return unary(UnaryOp.SQUARE, binary("SquaredDifference", BinaryOp.SUBTRACT, a, b));
    }

    /** {@code min(max(x, lo), hi)}. */
    public static Tensor clipByValue(Tensor x, Tensor lo, Tensor hi) {
        Inputs.require("ClipByValue", 0, x);
        Inputs.require("ClipByValue", 1, lo);
        Inputs.require("ClipByValue", 2, hi);
        return binary(BinaryOp.MINIMUM, binary(BinaryOp.MAXIMUM, x, lo), hi);
    }

    /** {@code min(max(x, lo), hi)} with Java scalar bounds converted to {@code x}'s dtype. */
    public static Tensor clipByValue(Tensor x, double lo, double hi) {
        Inputs.require("ClipByValue", 0, x);
        return clipByValue(x, scalarLike(lo, x), scalarLike(hi, x));
    }

    /** Whether each element is finite (neither infinite nor NaN). */
    public static Tensor isFinite(Tensor x) {
        Inputs.require("IsFinite", 0, x);
        if (!x.dtype().isFloating()) {
            return Creation.fillLike(x, 1, DType.BOOL);
        }
        // x - x is 0 for finite x and NaN for inf and NaN
        return binary(BinaryOp.EQUAL, binary(BinaryOp.SUBTRACT, x, x), scalarLike(0.0, x));
    }
}
