package dev.jtensor;

/**
 * Element types. Names follow TensorFlow and NumPy ({@code float32}, {@code int64}, ...).
 *
 * <p>Java values map to dtypes by their Java type, as NumPy arrays keep theirs: {@code float} is
 * {@link #FLOAT32}, {@code double} is {@link #FLOAT64}, {@code int} is {@link #INT32}, {@code long}
 * is {@link #INT64} and {@code boolean} is {@link #BOOL}.
 */
public enum DType {
    /** 32-bit IEEE float, stored in a {@code float[]}. */
    FLOAT32("float32", 4),
    /** 64-bit IEEE float, stored in a {@code double[]}. */
    FLOAT64("float64", 8),
    /** 32-bit two's complement integer, stored in an {@code int[]}. */
    INT32("int32", 4),
    /** 64-bit two's complement integer, stored in a {@code long[]}. */
    INT64("int64", 8),
    /** Boolean, stored in a {@code boolean[]}. */
    BOOL("bool", 1);

    private final String tfName;
    private final int byteSize;

    DType(String tfName, int byteSize) {
        this.tfName = tfName;
        this.byteSize = byteSize;
    }

    /** Whether this is a floating-point type. */
    public boolean isFloating() {
        return this == FLOAT32 || this == FLOAT64;
    }

    /** Whether this is a (signed) integer type. */
    public boolean isInteger() {
        return this == INT32 || this == INT64;
    }

    /** Whether this is a number type: floating point or integer, not bool. */
    public boolean isNumeric() {
        return this != BOOL;
    }

    /** Bytes per element in NumPy's and TensorFlow's layout. */
    public int byteSize() {
        return byteSize;
    }

    /** The Java element class of this type's arrays: {@code float.class}, ..., {@code boolean.class}. */
    public Class<?> elementClass() {
        return switch (this) {
            case FLOAT32 -> float.class;
            case FLOAT64 -> double.class;
            case INT32 -> int.class;
            case INT64 -> long.class;
            case BOOL -> boolean.class;
        };
    }

    /** A new zero-filled Java array of this type with {@code size} elements. */
    public Object allocate(int size) {
        return switch (this) {
            case FLOAT32 -> new float[size];
            case FLOAT64 -> new double[size];
            case INT32 -> new int[size];
            case INT64 -> new long[size];
            case BOOL -> new boolean[size];
        };
    }

    /** The dtype stored in a Java array of the given element class, e.g. {@code float.class}. */
    public static DType ofElementClass(Class<?> elementClass) {
        if (elementClass == float.class || elementClass == Float.class) return FLOAT32;
        if (elementClass == double.class || elementClass == Double.class) return FLOAT64;
        if (elementClass == int.class || elementClass == Integer.class) return INT32;
        if (elementClass == long.class || elementClass == Long.class) return INT64;
        if (elementClass == boolean.class || elementClass == Boolean.class) return BOOL;
        throw new InvalidArgumentException("DType.ofElementClass: unsupported Java element type "
                + (elementClass == null ? "null" : elementClass.getName())
                + "; use float, double, int, long or boolean");
    }

    /** The TensorFlow/NumPy name, e.g. {@code float32}. */
    @Override
    public String toString() {
        return tfName;
    }
}
