package dev.jtensor.accel;

/**
 * Elementwise functions of one argument. The math of each is defined in
 * {@link ScalarKernels}; floating-point ones are evaluated in double precision and rounded to
 * the output type, integer ones in 64-bit two's complement arithmetic.
 */
public enum UnaryOp {
    /** {@code -x} */ NEGATIVE(true),
    /** {@code |x|} */ ABS(true),
    /** {@code -1, 0 or 1} (NaN stays NaN) */ SIGN(true),
    /** {@code x * x} */ SQUARE(true),
    /** {@code max(x, 0)} */ RELU(true),
    /** {@code 1 / x} */ RECIPROCAL(false),
    /** square root */ SQRT(false),
    /** {@code 1 / sqrt(x)} */ RSQRT(false),
    /** {@code e^x} */ EXP(false),
    /** natural logarithm */ LOG(false),
    /** {@code log(1 + x)}, accurate near 0 */ LOG1P(false),
    /** {@code e^x - 1}, accurate near 0 */ EXPM1(false),
    /** sine */ SIN(false),
    /** cosine */ COS(false),
    /** hyperbolic tangent */ TANH(false),
    /** {@code 1 / (1 + e^-x)} */ SIGMOID(false),
    /** {@code log(1 + e^x)}, without overflow for large x */ SOFTPLUS(false),
    /** round toward negative infinity */ FLOOR(false),
    /** round toward positive infinity */ CEIL(false),
    /** round half to even, as TensorFlow and NumPy do */ ROUND(false),
    /** boolean negation (on 0/1 values) */ LOGICAL_NOT(true);

    private final boolean integerDefined;

    UnaryOp(boolean integerDefined) {
        this.integerDefined = integerDefined;
    }

    /** Whether the op is defined on integer (and boolean) inputs, not only floating-point ones. */
    public boolean integerDefined() {
        return integerDefined;
    }
}
