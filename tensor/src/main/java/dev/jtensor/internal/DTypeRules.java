package dev.jtensor.internal;

import dev.jtensor.DType;
import dev.jtensor.InvalidArgumentException;

/**
 * Which dtypes may meet in one op. By default TensorFlow's strict rule: both operands have one
 * dtype, and {@code int32 + float32} is an error naming both. In NumPy-behaviour mode (TensorFlow's
 * {@code tnp.experimental_enable_numpy_behavior()}) operands are promoted by NumPy's table
 * instead: {@code bool < int32 < int64}, {@code float32 < float64}, and an integer meeting a float
 * gives {@code float64} unless the float is float64 already.
 */
public final class DTypeRules {

    private DTypeRules() {
    }

    /** Whether NumPy-style type promotion is on for this thread ({@link dev.jtensor.Settings}). */
    public static boolean numpyBehavior() {
        return ThreadSettings.numpyBehavior();
    }

    /** NumPy's result type for two of jtensor's dtypes. */
    public static DType promote(DType a, DType b) {
        if (a == b) return a;
        if (a == DType.BOOL) return b;
        if (b == DType.BOOL) return a;
        if (a.isFloating() && b.isFloating()) return DType.FLOAT64;
        if (a.isInteger() && b.isInteger()) return DType.INT64;
        // an integer meets a float: float32 cannot hold every int32, so NumPy widens to float64
        return DType.FLOAT64;
    }

    /**
     * Whether {@code dtype} holds {@code value} exactly, as TensorFlow decides whether a Python
     * number converts: any value for floating point, whole numbers in range for integers, 0 and 1
     * for bool.
     */
    public static boolean fits(double value, DType dtype) {
        return switch (dtype) {
            case FLOAT32, FLOAT64 -> true;
            case INT32 -> value == Math.rint(value) && value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE;
            case INT64 -> value == Math.rint(value) && value >= -0x1p63 && value < 0x1p63;
            case BOOL -> value == 0 || value == 1;
        };
    }

    /**
     * {@code dtype} itself, checked for null.
     *
     * @throws InvalidArgumentException "dtype is null [Op:op]"
     */
    public static DType require(String op, DType dtype) {
        if (dtype == null) {
            throw InvalidArgumentException.of(op, "dtype is null");
        }
        return dtype;
    }

    /** TensorFlow's wording for an input whose dtype differs from the first input's. */
    public static InvalidArgumentException mismatch(String op, DType expected, DType actual, int index) {
        return InvalidArgumentException.of(op, "cannot compute " + op + " as input #" + index
                + "(zero-based) was expected to be a " + expected + " tensor but is a " + actual + " tensor");
    }
}
