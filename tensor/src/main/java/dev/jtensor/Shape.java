package dev.jtensor;

import java.util.Arrays;

/**
 * The dimensions of a tensor: an immutable list of sizes. Rank 0 is a scalar. A dimension may be
 * {@link #UNKNOWN} ({@code -1}), TensorFlow's {@code None}: the shape of a symbolic tensor (a graph
 * placeholder fed batches of any size) is known only partly until the graph runs. Tensors with
 * values always have fully defined shapes.
 *
 * {@snippet :
 * Shape s = Shape.of(2, 3);
 * s.rank();            // 2
 * s.size();            // 6
 * s.get(-1);           // 3
 * s.toString();        // "(2, 3)"
 *
 * Shape batch = Shape.of(Shape.UNKNOWN, 784);
 * batch.toString();                          // "(None, 784)"
 * batch.toBracketString();                   // "[?,784]"
 * batch.size();                              // -1: not fully defined
 * Shape.of(32, 784).isCompatibleWith(batch); // true
 * }
 *
 * <p>The rank is always known. TensorFlow also allows an unknown rank, but here every frontend
 * normalises axes ({@code -1} is the last axis) and checks ranks when an op is written, and the
 * primitives carry the normalised axes; with an unknown rank none of that could happen before the
 * graph runs. Placeholders and function signatures in practice declare their rank.
 */
public final class Shape {

    /** An unknown dimension ({@code None} in TensorFlow), as TensorFlow Java writes it. */
    public static final int UNKNOWN = -1;

    private static final Shape SCALAR = new Shape(new int[0], true);

    private final int[] dims;
    private final boolean fullyDefined;

    private Shape(int[] dims, boolean fullyDefined) {
        this.dims = dims;
        this.fullyDefined = fullyDefined;
    }

    /**
     * A shape with the given dimensions, each non-negative or {@link #UNKNOWN}.
     *
     * @throws InvalidArgumentException if the array is null, a dimension is below -1, or the size of
     *     the known dimensions overflows an int
     */
    public static Shape of(int... dims) {
        if (dims == null) {
            throw new InvalidArgumentException("Shape.of: dims is null");
        }
        if (dims.length == 0) {
            return SCALAR;
        }
        long size = 1;
        boolean fullyDefined = true;
        for (int d : dims) {
            if (d == UNKNOWN) {
                fullyDefined = false;
                continue;
            }
            if (d < 0) {
                throw new InvalidArgumentException("Shape: dimension " + d + " is negative in "
                        + Arrays.toString(dims) + " (only -1, an unknown dimension, is allowed)");
            }
            size *= d;
            if (size > Integer.MAX_VALUE - 8) {
                throw new InvalidArgumentException("Shape: " + Arrays.toString(dims)
                        + " has more elements than a Java array can hold");
            }
        }
        return new Shape(dims.clone(), fullyDefined);
    }

    /** The rank-0 shape {@code ()}. */
    public static Shape scalar() {
        return SCALAR;
    }

    /** A shape of {@code rank} unknown dimensions, e.g. {@code (None, None)}. */
    public static Shape unknown(int rank) {
        if (rank < 0) {
            throw new InvalidArgumentException("Shape: rank " + rank + " is negative");
        }
        int[] dims = new int[rank];
        Arrays.fill(dims, UNKNOWN);
        return of(dims);
    }

    /** Number of dimensions. */
    public int rank() {
        return dims.length;
    }

    /**
     * Number of elements: the product of the dimensions (1 for a scalar), or {@code -1} when a
     * dimension is unknown (as TensorFlow Java's {@code Shape.size()}).
     */
    public int size() {
        if (!fullyDefined) {
            return UNKNOWN;
        }
        int size = 1;
        for (int d : dims) {
            size *= d;
        }
        return size;
    }

    /** Dimension {@code axis}, possibly {@link #UNKNOWN}; negative axes count from the end. */
    public int get(int axis) {
        int a = axis < 0 ? axis + dims.length : axis;
        if (a < 0 || a >= dims.length) {
            throw new InvalidArgumentException("Shape: axis " + axis + " is out of range for rank "
                    + dims.length + " shape " + this);
        }
        return dims[a];
    }

    /** A copy of the dimensions, {@link #UNKNOWN} where unknown. */
    public int[] toArray() {
        return dims.clone();
    }

    /** Whether every dimension is known. */
    public boolean isFullyDefined() {
        return fullyDefined;
    }

    /**
     * Whether a tensor could have both shapes: the same rank, and equal dimensions where both are
     * known. {@code (None, 3)} is compatible with {@code (5, 3)} and {@code (None, None)}, not with
     * {@code (5, 4)} or {@code (3,)}; nor with null (false, as {@code equals}).
     */
    public boolean isCompatibleWith(Shape other) {
        if (other == null || other.dims.length != dims.length) {
            return false;
        }
        for (int i = 0; i < dims.length; i++) {
            if (!compatible(dims[i], other.dims[i])) {
                return false;
            }
        }
        return true;
    }

    /** Whether two dimensions could be equal: both known and equal, or one unknown. */
    public static boolean compatible(int a, int b) {
        return a == b || a == UNKNOWN || b == UNKNOWN;
    }

    /**
     * The most specific shape compatible with both (TensorFlow's {@code merge_with}): each
     * dimension known where either is. {@code (None, 3)} merged with {@code (5, None)} is {@code (5, 3)}.
     *
     * @throws InvalidArgumentException if the shapes are not {@link #isCompatibleWith compatible}
     */
    public Shape mergeWith(Shape other) {
        if (other == null) {
            throw new InvalidArgumentException("Shape.mergeWith: other is null");
        }
        if (equals(other)) {
            return this;
        }
        if (!isCompatibleWith(other)) {
            throw new InvalidArgumentException("Shapes " + this + " and " + other + " are not compatible");
        }
        int[] out = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            out[i] = dims[i] == UNKNOWN ? other.dims[i] : dims[i];
        }
        return of(out);
    }

    /** Whether this shape has no elements: some (known) dimension is 0. */
    public boolean isEmpty() {
        for (int d : dims) {
            if (d == 0) return true;
        }
        return false;
    }

    /** Equal dimensions, unknown ones included: {@code (None, 3)} equals {@code (None, 3)}, not {@code (5, 3)}. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    /**
     * Python tuple notation, as TensorFlow prints shapes: {@code ()}, {@code (3,)}, {@code (2, 3)},
     * {@code (None, 784)}.
     */
    @Override
    public String toString() {
        if (fullyDefined) {
            return dev.jtensor.internal.NumpyFormatter.shapeToString(dims);
        }
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < dims.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(dims[i] == UNKNOWN ? "None" : String.valueOf(dims[i]));
        }
        return sb.append(dims.length == 1 ? ",)" : ")").toString();
    }

    /** TensorFlow's error-message notation: {@code [2,3]}, {@code [?,784]}. */
    public String toBracketString() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < dims.length; i++) {
            sb.append(i == 0 ? "" : ",").append(dims[i] == UNKNOWN ? "?" : String.valueOf(dims[i]));
        }
        return sb.append(']').toString();
    }
}
