package dev.jtensor.internal;

import dev.jtensor.DType;
import dev.jtensor.InvalidArgumentException;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;

/** Converts between (nested) Java arrays or boxed scalars and flat row-major buffers. */
public final class JavaArrays {

    private JavaArrays() {
    }

    /**
     * A flat buffer with its dtype and shape.
     *
     * @param dtype the element type
     * @param shape the dimensions
     * @param data  a flat primitive array in row-major order
     */
    public record Flat(DType dtype, int[] shape, Object data) {
    }

    /**
     * Flattens a boxed scalar ({@code Float}, {@code Double}, {@code Integer}, {@code Long},
     * {@code Boolean}) or a rectangular nested array of {@code float}, {@code double}, {@code int},
     * {@code long} or {@code boolean}.
     *
     * @throws InvalidArgumentException for other types and for ragged arrays
     */
    public static Flat flatten(Object value) {
        switch (value) {
            case null -> throw new InvalidArgumentException("constant: value is null");
            case Float f -> { return new Flat(DType.FLOAT32, new int[0], new float[] {f}); }
            case Double d -> { return new Flat(DType.FLOAT64, new int[0], new double[] {d}); }
            case Integer i -> { return new Flat(DType.INT32, new int[0], new int[] {i}); }
            case Long l -> { return new Flat(DType.INT64, new int[0], new long[] {l}); }
            case Boolean b -> { return new Flat(DType.BOOL, new int[0], new boolean[] {b}); }
            default -> { }
        }
        if (!value.getClass().isArray()) {
            throw new InvalidArgumentException("constant: cannot convert a " + value.getClass().getName()
                    + " to a tensor; use a Java scalar or a (nested) array of float, double, int, long or boolean");
        }
        List<Integer> dims = new ArrayList<>();
        Class<?> c = value.getClass();
        Object probe = value;
        while (c.isArray()) {
            int length = probe == null ? 0 : Array.getLength(probe);
            dims.add(length);
            c = c.getComponentType();
            probe = length > 0 ? Array.get(probe, 0) : null;
        }
        DType dtype = DType.ofElementClass(c);
        int[] shape = dims.stream().mapToInt(Integer::intValue).toArray();
        int size = dev.jtensor.Shape.of(shape).size();
        Object flat = dtype.allocate(size);
        int[] position = {0};
        copyInto(value, 0, shape, flat, position);
        return new Flat(dtype, shape, flat);
    }

    private static void copyInto(Object array, int depth, int[] shape, Object flat, int[] position) {
        if (array == null) {
            throw new InvalidArgumentException("constant: ragged nested array: a row at depth " + depth
                    + " is null, expected length " + shape[depth]);
        }
        int length = Array.getLength(array);
        if (length != shape[depth]) {
            throw new InvalidArgumentException("constant: ragged nested array: a row at depth " + depth
                    + " has length " + length + ", expected " + shape[depth] + " (all rows must match)");
        }
        if (depth == shape.length - 1) {
            if (array.getClass().getComponentType().isPrimitive()) {
                System.arraycopy(array, 0, flat, position[0], length);
            } else {
                // boxed elements (Integer[], Float[][], ...): unbox one by one; arraycopy would throw ArrayStoreException
                for (int i = 0; i < length; i++) {
                    Object element = Array.get(array, i);
                    if (element == null) {
                        throw new InvalidArgumentException("constant: element at index " + i + " of a row at depth "
                                + depth + " is null");
                    }
                    Array.set(flat, position[0] + i, element);
                }
            }
            position[0] += length;
            return;
        }
        for (int i = 0; i < length; i++) {
            copyInto(Array.get(array, i), depth + 1, shape, flat, position);
        }
    }

    /** A nested Java array of {@code shape} (a boxed scalar for rank 0) from a flat row-major buffer. */
    public static Object nest(DType dtype, int[] shape, Object flat) {
        if (shape.length == 0) {
            return Array.get(flat, 0);
        }
        return nestLevel(elementClass(dtype), shape, 0, flat, new int[] {0});
    }

    private static Object nestLevel(Class<?> element, int[] shape, int depth, Object flat, int[] position) {
        int[] rest = java.util.Arrays.copyOfRange(shape, depth, shape.length);
        Object out = Array.newInstance(element, rest);
        if (depth == shape.length - 1) {
            System.arraycopy(flat, position[0], out, 0, shape[depth]);
            position[0] += shape[depth];
            return out;
        }
        for (int i = 0; i < shape[depth]; i++) {
            Array.set(out, i, nestLevel(element, shape, depth + 1, flat, position));
        }
        return out;
    }

    private static Class<?> elementClass(DType dtype) {
        return switch (dtype) {
            case FLOAT32 -> float.class;
            case FLOAT64 -> double.class;
            case INT32 -> int.class;
            case INT64 -> long.class;
            case BOOL -> boolean.class;
        };
    }
}
