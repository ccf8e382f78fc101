package dev.jtensor.internal.io;

import java.util.Arrays;
import java.util.Objects;

/**
 * An n-dimensional array as stored in a {@code .npy} file: a dtype name, a shape and a flat row-major
 * (C-order) Java array holding the elements.
 *
 * <table class="striped">
 *   <caption>dtype names and the Java array each one uses</caption>
 *   <thead><tr><th>dtype</th><th>data</th></tr></thead>
 *   <tbody>
 *     <tr><td>{@code "float32"}</td><td>{@code float[]}</td></tr>
 *     <tr><td>{@code "float64"}</td><td>{@code double[]}</td></tr>
 *     <tr><td>{@code "int32"}</td><td>{@code int[]}</td></tr>
 *     <tr><td>{@code "int64"}</td><td>{@code long[]}</td></tr>
 *     <tr><td>{@code "bool"}</td><td>{@code boolean[]}</td></tr>
 *   </tbody>
 * </table>
 *
 * <p>A rank-0 array has shape {@code []} and exactly one element; an array with a zero dimension has
 * no elements. The shape is copied on the way in and out, but the data array is shared, not copied,
 * because it may be large. {@link #equals}, {@link #hashCode} and {@link #toString} look at the
 * contents, not at array identity.
 *
 * {@snippet :
 * NpyArray a = new NpyArray("float32", new int[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6});
 * NpyArray b = NpyArray.of(new long[] {7, 8}, 2);   // dtype "int64", shape [2]
 * }
 *
 * @param dtype one of {@code "float32"}, {@code "float64"}, {@code "int32"}, {@code "int64"},
 *              {@code "bool"}
 * @param shape the size of each dimension, none negative; empty for a scalar
 * @param data  the elements in row-major order; its length is the product of {@code shape}
 */
public record NpyArray(String dtype, int[] shape, Object data) {

    /**
     * Checks that the parts fit together.
     *
     * @throws NpyFormatException if the dtype is unknown, a dimension is negative, the element count
     *                            does not fit in a Java array, or {@code data} is not the Java array
     *                            type of {@code dtype} or has the wrong length
     */
    public NpyArray {
        if (dtype == null) {
            throw new NpyFormatException("npy: array dtype is null");
        }
        if (shape == null) {
            throw new NpyFormatException("npy: array shape is null");
        }
        shape = shape.clone();
        long count = elementCount(shape, "array shape " + Arrays.toString(shape));
        int length = switch (data) {
            case float[] f when dtype.equals("float32") -> f.length;
            case double[] d when dtype.equals("float64") -> d.length;
            case int[] i when dtype.equals("int32") -> i.length;
            case long[] l when dtype.equals("int64") -> l.length;
            case boolean[] b when dtype.equals("bool") -> b.length;
            case null -> throw new NpyFormatException("npy: array data is null");
            default -> throw new NpyFormatException(isKnownDtype(dtype)
                    ? "npy: dtype '" + dtype + "' needs " + javaType(dtype) + " data, got "
                            + data.getClass().getSimpleName()
                    : "npy: unknown dtype '" + dtype + "' (expected float32, float64, int32, int64 or bool)");
        };
        if (length != count) {
            throw new NpyFormatException("npy: shape " + Arrays.toString(shape) + " needs " + count
                    + " elements but data has " + length);
        }
    }

    /**
     * Wraps a Java array, taking the dtype from its element type.
     *
     * {@snippet :
     * NpyArray scalar = NpyArray.of(new double[] {2.5});          // rank 0
     * NpyArray matrix = NpyArray.of(new int[] {1, 2, 3, 4}, 2, 2);
     * }
     *
     * @param data  a {@code float[]}, {@code double[]}, {@code int[]}, {@code long[]} or
     *              {@code boolean[]}
     * @param shape the shape; none for a scalar
     * @return the array
     * @throws NpyFormatException if {@code data} is not one of those types or does not fit the shape
     */
    public static NpyArray of(Object data, int... shape) {
        String dtype = dtypeOf(data);
        if (dtype == null) {
            throw new NpyFormatException("npy: cannot store "
                    + (data == null ? "null" : data.getClass().getSimpleName())
                    + " (expected float[], double[], int[], long[] or boolean[])");
        }
        return new NpyArray(dtype, shape, data);
    }

    /** {@return a copy of the shape} */
    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** {@return the number of dimensions, 0 for a scalar} */
    public int rank() {
        return shape.length;
    }

    /** {@return the number of elements: the product of the shape, 1 for a scalar} */
    public int size() {
        return (int) elementCount(shape, "array shape " + Arrays.toString(shape));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NpyArray(String d, int[] s, Object x)
                && dtype.equals(d) && Arrays.equals(shape, s)
                && Objects.deepEquals(data, x);
    }

    @Override
    public int hashCode() {
        int h = 31 * dtype.hashCode() + Arrays.hashCode(shape);
        return 31 * h + Arrays.deepHashCode(new Object[] {data});
    }

    /** {@return the dtype, the shape and up to the first eight elements} */
    @Override
    public String toString() {
        int n = Math.min(size(), 8);
        StringBuilder sb = new StringBuilder("NpyArray[").append(dtype).append(' ')
                .append(Arrays.toString(shape)).append(" {");
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ", ").append(java.lang.reflect.Array.get(data, i));
        }
        return sb.append(size() > n ? ", ...}]" : "}]").toString();
    }

    /** The largest element count a Java array can safely hold on common JVMs. */
    static final int MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    /**
     * Product of {@code shape}, checking for negative dimensions and overflow before any allocation.
     *
     * @param described names and shows the shape in messages, e.g. {@code "array shape [2, 3]"}
     */
    static long elementCount(int[] shape, String described) {
        for (int d : shape) {
            if (d < 0) {
                throw new NpyFormatException("npy: " + described + " has a negative dimension " + d);
            }
        }
        for (int d : shape) {
            if (d == 0) {
                return 0;  // empty however large the other dimensions are, as in NumPy
            }
        }
        long count = 1;
        for (int d : shape) {
            count *= d;  // each factor < 2^31 and count <= MAX_ELEMENTS before, so no long overflow
            if (count > MAX_ELEMENTS) {
                throw new NpyFormatException("npy: " + described + " has more elements than a Java array can hold (" + MAX_ELEMENTS + ")");
            }
        }
        return count;
    }

    static String dtypeOf(Object data) {
        return switch (data) {
            case float[] _ -> "float32";
            case double[] _ -> "float64";
            case int[] _ -> "int32";
            case long[] _ -> "int64";
            case boolean[] _ -> "bool";
            case null, default -> null;
        };
    }

    private static boolean isKnownDtype(String dtype) {
        return javaType(dtype) != null;
    }

    private static String javaType(String dtype) {
        return switch (dtype) {
            case "float32" -> "float[]";
            case "float64" -> "double[]";
            case "int32" -> "int[]";
            case "int64" -> "long[]";
            case "bool" -> "boolean[]";
            default -> null;
        };
    }
}
