package dev.jtensor.accel;

/** Java arrays by element type: the CPU's buffers. */
public final class HostArrays {

    private HostArrays() {
    }

    /**
     * A zero-filled array of {@code size} elements.
     *
     * @param elementType {@code float.class}, {@code double.class}, {@code int.class}, {@code long.class} or {@code boolean.class}
     */
    public static Object allocate(Class<?> elementType, int size) {
        if (elementType == float.class) return new float[size];
        if (elementType == double.class) return new double[size];
        if (elementType == int.class) return new int[size];
        if (elementType == long.class) return new long[size];
        if (elementType == boolean.class) return new boolean[size];
        throw new IllegalArgumentException("not a tensor element type: " + elementType);
    }
}
