package dev.jtensor.tornado;

import uk.ac.manchester.tornado.api.math.TornadoMath;
import uk.ac.manchester.tornado.api.types.arrays.DoubleArray;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;
import uk.ac.manchester.tornado.api.types.arrays.LongArray;

/**
 * Element access by type code for the device kernels: every kernel receives the four arenas and
 * reads an operand's type code from its arguments. Floating values travel as doubles (float32 math
 * is done in double and rounded at the store, as the scalar reference kernels do), integers as longs.
 * These methods are compiled into the kernels by TornadoVM, so they use only what device code can.
 */
final class Memory {

    private Memory() {
    }

    /**
     * The offset of row-major position {@code index} over the {@code rank} axes whose sizes start at
     * argument {@code shapeAt} and strides at {@code stridesAt}.
     */
    static int offset(IntArray a, int rank, int shapeAt, int stridesAt, int index) {
        int off = 0;
        int rem = index;
        for (int q = rank - 1; q >= 0; q--) {
            int n = a.get(shapeAt + q);
            off += (rem % n) * a.get(stridesAt + q);
            rem = rem / n;
        }
        return off;
    }

    static double loadD(int code, int k, FloatArray f, DoubleArray d, IntArray i, LongArray l) {
        if (code == ElementCode.F32) return f.get(k);
        if (code == ElementCode.F64) return d.get(k);
        if (code == ElementCode.I64) return l.get(k);
        return i.get(k);
    }

    static long loadL(int code, int k, FloatArray f, DoubleArray d, IntArray i, LongArray l) {
        if (code == ElementCode.F32) return toLong(f.get(k));
        if (code == ElementCode.F64) return toLong(d.get(k));
        if (code == ElementCode.I64) return l.get(k);
        return i.get(k);
    }

    /**
     * Java's {@code (long) v} (truncating, NaN to 0, saturating) built from int conversions, which
     * TornadoVM's OpenCL code emits correctly; it emits {@code (long)} of a double as {@code (int)}.
     */
    static long toLong(double v) {
        if (v != v) return 0;
        double t = v < 0 ? -v : v;
        if (t >= 9.223372036854775807E18) return v < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        double hi = TornadoMath.floor(t / 4294967296.0);
        // below 2^32, exact; shifted into int's range for the conversion
        double lo = TornadoMath.floor(t - hi * 4294967296.0) - 2147483648.0;
        long r = ((long) (int) hi << 32) + ((long) (int) lo + 2147483648L);
        return v < 0 ? -r : r;
    }

    static void storeD(int code, int k, double v, FloatArray f, DoubleArray d, IntArray i, LongArray l) {
        if (code == ElementCode.F32) {
            f.set(k, (float) v);
        } else if (code == ElementCode.F64) {
            d.set(k, v);
        } else if (code == ElementCode.I64) {
            l.set(k, toLong(v));
        } else if (code == ElementCode.I32) {
            i.set(k, (int) v);
        } else {
            i.set(k, v != 0 ? 1 : 0);
        }
    }

    static void storeL(int code, int k, long v, FloatArray f, DoubleArray d, IntArray i, LongArray l) {
        if (code == ElementCode.F32) {
            f.set(k, (float) v);
        } else if (code == ElementCode.F64) {
            d.set(k, (double) v);
        } else if (code == ElementCode.I64) {
            l.set(k, v);
        } else if (code == ElementCode.I32) {
            i.set(k, (int) v);
        } else {
            i.set(k, v != 0 ? 1 : 0);
        }
    }
}
