package dev.jtensor;

import java.util.Arrays;

/**
 * The dimensions of a tensor: an immutable list of non-negative sizes. Rank 0 is a scalar.
 *
 * {@snippet :
 * Shape s = Shape.of(2, 3);
 * s.rank();     // 2
 * s.size();     // 6
 * s.get(-1);    // 3
 * s.toString(); // "(2, 3)"
 * }
 */
public final class Shape {

    private static final Shape SCALAR = new Shape(new int[0]);

    private final int[] dims;

    private Shape(int[] dims) {
        this.dims = dims;
    }

    /**
     * A shape with the given dimensions.
     *
     * @throws InvalidArgumentException if the array is null, a dimension is negative or the size overflows an int
     */
    public static Shape of(int... dims) {
        if (dims == null) {
            throw new InvalidArgumentException("Shape: the dimensions are null");
        }
        if (dims.length == 0) {
            return SCALAR;
        }
        long size = 1;
        for (int d : dims) {
            if (d < 0) {
                throw new InvalidArgumentException("Shape: dimension " + d + " is negative in "
                        + Arrays.toString(dims));
            }
            size *= d;
            if (size > Integer.MAX_VALUE - 8) {
                throw new InvalidArgumentException("Shape: " + Arrays.toString(dims)
                        + " has more elements than a Java array can hold");
            }
        }
        return new Shape(dims.clone());
    }

    /** The rank-0 shape {@code ()}. */
    public static Shape scalar() {
        return SCALAR;
    }

    /** Number of dimensions. */
    public int rank() {
        return dims.length;
    }

    /** Number of elements: the product of the dimensions (1 for a scalar). */
    public int size() {
        int size = 1;
        for (int d : dims) {
            size *= d;
        }
        return size;
    }

    /** Dimension {@code axis}; negative axes count from the end. */
    public int get(int axis) {
        int a = axis < 0 ? axis + dims.length : axis;
        if (a < 0 || a >= dims.length) {
            throw new InvalidArgumentException("Shape: axis " + axis + " is out of range for rank "
                    + dims.length + " shape " + this);
        }
        return dims[a];
    }

    /** A copy of the dimensions. */
    public int[] toArray() {
        return dims.clone();
    }

    /** Whether every dimension is known (always, until shapes may hold unknown dimensions). */
    public boolean isFullyDefined() {
        return true;
    }

    /** Whether a tensor could have both shapes: the same rank, and equal dimensions where both are known. */
    public boolean isCompatibleWith(Shape other) {
        return other != null && Arrays.equals(dims, other.dims);
    }

    /** Whether this shape has no elements (some dimension is 0). */
    public boolean isEmpty() {
        return size() == 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    /** Python tuple notation, as TensorFlow prints shapes: {@code ()}, {@code (3,)}, {@code (2, 3)}. */
    @Override
    public String toString() {
        return dev.jtensor.internal.NumpyFormatter.shapeToString(dims);
    }

    /** TensorFlow's error-message notation: {@code [2,3]}. */
    public String toBracketString() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < dims.length; i++) {
            sb.append(i == 0 ? "" : ",").append(dims[i]);
        }
        return sb.append(']').toString();
    }
}
