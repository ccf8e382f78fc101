package dev.jtensor.tornado;

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
        if (code == ElementCode.F32) return (long) f.get(k);
        if (code == ElementCode.F64) return (long) d.get(k);
        if (code == ElementCode.I64) return l.get(k);
        return i.get(k);
    }

    static void storeD(int code, int k, double v, FloatArray f, DoubleArray d, IntArray i, LongArray l) {
        if (code == ElementCode.F32) {
            f.set(k, (float) v);
        } else if (code == ElementCode.F64) {
            d.set(k, v);
        } else if (code == ElementCode.I64) {
            l.set(k, (long) v);
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
