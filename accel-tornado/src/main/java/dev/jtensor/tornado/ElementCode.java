package dev.jtensor.tornado;

/**
 * The element types a device buffer can hold, as the small integers the kernels read from their
 * argument arrays. Booleans live in the int32 arena as 0 and 1.
 */
final class ElementCode {

    static final int F32 = 0, F64 = 1, I32 = 2, I64 = 3, BOOL = 4;

    private ElementCode() {
    }

    static int of(Class<?> elementType) {
        if (elementType == float.class) return F32;
        if (elementType == double.class) return F64;
        if (elementType == int.class) return I32;
        if (elementType == long.class) return I64;
        if (elementType == boolean.class) return BOOL;
        throw new IllegalArgumentException("TornadoVM backend: no device buffers of " + elementType);
    }

    static Class<?> type(int code) {
        return switch (code) {
            case F32 -> float.class;
            case F64 -> double.class;
            case I32 -> int.class;
            case I64 -> long.class;
            case BOOL -> boolean.class;
            default -> throw new AssertionError(code);
        };
    }

    /** The arena a code's elements live in: booleans share the int32 one. */
    static int arena(int code) {
        return code == BOOL ? I32 : code;
    }

    static boolean floating(int code) {
        return code == F32 || code == F64;
    }

    static int bytes(int code) {
        return code == F64 || code == I64 ? 8 : 4;
    }
}
