package dev.jtensor.proptests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jtensor.DType;
import dev.jtensor.Tensor;
import java.util.Arrays;

/**
 * Bit-for-bit equality of tensors: the same dtype, the same shape, and every element the same
 * bits. Zeros of different signs differ; every NaN equals every other NaN, since Java leaves NaN
 * payloads unspecified (JLS 4.2.3) and no op of ours promises one.
 */
final class Bitwise {

    private Bitwise() {
    }

    /** The elements' bits, float32 as {@link Float#floatToIntBits}, everything else via float64. */
    static long[] bits(Tensor t) {
        if (t.dtype() == DType.FLOAT32) {
            float[] v = t.toFloatArray();
            long[] out = new long[v.length];
            for (int i = 0; i < v.length; i++) out[i] = Float.floatToIntBits(v[i]);
            return out;
        }
        return Arrays.stream(t.toDoubleArray()).mapToLong(Double::doubleToLongBits).toArray();
    }

    /** Fails unless {@code actual} is {@code expected} bit for bit, naming the first element that differs. */
    static void assertSameBits(String what, Tensor expected, Tensor actual) {
        assertEquals(expected.dtype(), actual.dtype(), what + ": dtype");
        assertEquals(expected.shape(), actual.shape(), what + ": shape");
        assertSameBits(what, bits(expected), actual);
    }

    /** Fails unless {@code actual}'s elements have the bits {@code expected} (from {@link #bits}). */
    static void assertSameBits(String what, long[] expected, Tensor actual) {
        long[] got = bits(actual);
        assertEquals(expected.length, got.length, what + ": element count");
        for (int i = 0; i < got.length; i++) {
            if (expected[i] != got[i]) {
                throw new AssertionError(what + " differs at flat index " + i + ": expected " + show(expected[i], actual)
                        + ", got " + show(got[i], actual) + "\n      got      " + Case.show(actual));
            }
        }
    }

    private static String show(long bits, Tensor like) {
        return like.dtype() == DType.FLOAT32 ? Float.toString(Float.intBitsToFloat((int) bits))
                : Double.toString(Double.longBitsToDouble(bits));
    }
}
