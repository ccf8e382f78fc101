package dev.jtensor.accel;

/**
 * Reductions over a set of axes. Over zero elements each gives its identity: 0 for {@code SUM},
 * 1 for {@code PROD}, the type's lowest value ({@code -inf} for floats) for {@code MAX}, its
 * highest for {@code MIN}, true for {@code ALL} and false for {@code ANY}, as TensorFlow does.
 */
public enum ReduceOp {
    /** sum (compensated in floating point) */ SUM,
    /** product */ PROD,
    /** maximum, NaN-propagating */ MAX,
    /** minimum, NaN-propagating */ MIN,
    /** logical and of 0/1 values */ ALL,
    /** logical or of 0/1 values */ ANY
}
