package dev.jtensor.accel;

/**
 * Elementwise functions of two arguments. The math of each is defined in {@link ScalarKernels}.
 * Comparisons and logical ops produce 0/1, stored as booleans.
 */
public enum BinaryOp {
    /** {@code a + b} */ ADD(Kind.ARITHMETIC),
    /** {@code a - b} */ SUBTRACT(Kind.ARITHMETIC),
    /** {@code a * b} */ MULTIPLY(Kind.ARITHMETIC),
    /** {@code a / b} (floating point only) */ DIVIDE(Kind.ARITHMETIC),
    /** {@code floor(a / b)} */ FLOOR_DIV(Kind.ARITHMETIC),
    /** {@code a - floor(a / b) * b}: the result takes the sign of {@code b} */ FLOOR_MOD(Kind.ARITHMETIC),
    /** {@code a / b} rounded toward zero (C integer division) */ TRUNCATE_DIV(Kind.ARITHMETIC),
    /** {@code a ^ b} */ POW(Kind.ARITHMETIC),
    /** larger of the two; NaN if either is NaN */ MAXIMUM(Kind.ARITHMETIC),
    /** smaller of the two; NaN if either is NaN */ MINIMUM(Kind.ARITHMETIC),
    /** {@code a == b} */ EQUAL(Kind.COMPARISON),
    /** {@code a != b} */ NOT_EQUAL(Kind.COMPARISON),
    /** {@code a < b} */ LESS(Kind.COMPARISON),
    /** {@code a <= b} */ LESS_EQUAL(Kind.COMPARISON),
    /** {@code a > b} */ GREATER(Kind.COMPARISON),
    /** {@code a >= b} */ GREATER_EQUAL(Kind.COMPARISON),
    /** {@code a && b} */ LOGICAL_AND(Kind.LOGICAL),
    /** {@code a || b} */ LOGICAL_OR(Kind.LOGICAL);

    /** What an op takes and gives. */
    public enum Kind {
        /** numbers in, numbers of the same type out */ ARITHMETIC,
        /** numbers (or booleans) in, booleans out */ COMPARISON,
        /** booleans in, booleans out */ LOGICAL
    }

    private final Kind kind;

    BinaryOp(Kind kind) {
        this.kind = kind;
    }

    /** Whether this op is arithmetic, a comparison or logical. */
    public Kind kind() {
        return kind;
    }
}
