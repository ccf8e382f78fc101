package dev.jtensor.tornado;

import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.types.arrays.DoubleArray;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;
import uk.ac.manchester.tornado.api.types.arrays.LongArray;

/**
 * Gather and its adjoint, segment sum, over dense operands, and the copies between the arenas and
 * the upload staging arrays. The indices live in the int32 arena (uploaded for the call).
 */
final class Indexing {

    static final int COUNT = 0, CODE = 1, SOURCE = 2, AXIS_LENGTH = 3, INNER = 4, INDICES = 5, INDEX_OFF = 6, TARGET = 7;

    private Indexing() {
    }

    /** {@code out[o, q, j] = params[o, indices[q], j]}, one work item per output element. */
    public static void gather(KernelContext c, IntArray a, DoubleArray s, FloatArray f, DoubleArray d, IntArray i, LongArray l) {
        int total = a.get(COUNT), code = a.get(CODE), src = a.get(SOURCE), axisLength = a.get(AXIS_LENGTH);
        int inner = a.get(INNER), count = a.get(INDICES), idx = a.get(INDEX_OFF), out = a.get(TARGET);
        boolean floating = Elementwise.floating(code);
        for (int e = c.globalIdx; e < total; e += c.globalGroupSizeX) {
            int o = e / (count * inner), r = e % (count * inner), q = r / inner, j = r % inner;
            int from = src + (o * axisLength + i.get(idx + q)) * inner + j;
            if (floating) {
                Memory.storeD(code, out + e, Memory.loadD(code, from, f, d, i, l), f, d, i, l);
            } else {
                Memory.storeL(code, out + e, Memory.loadL(code, from, f, d, i, l), f, d, i, l);
            }
        }
    }

    /** {@code out[ids[q], j] += data[q, j]} in order of q, one work item per column j (no races, no atomics). */
    public static void segmentSum(KernelContext c, IntArray a, DoubleArray s, FloatArray f, DoubleArray d, IntArray i, LongArray l) {
        int inner = a.get(INNER), code = a.get(CODE), src = a.get(SOURCE), count = a.get(INDICES);
        int ids = a.get(INDEX_OFF), out = a.get(TARGET);
        boolean floating = Elementwise.floating(code);
        for (int j = c.globalIdx; j < inner; j += c.globalGroupSizeX) {
            for (int q = 0; q < count; q++) {
                int id = i.get(ids + q);
                if (id >= 0) {
                    int to = out + id * inner + j, from = src + q * inner + j;
                    if (floating) {
                        Memory.storeD(code, to, Memory.loadD(code, to, f, d, i, l) + Memory.loadD(code, from, f, d, i, l), f, d, i, l);
                    } else {
                        Memory.storeL(code, to, Memory.loadL(code, to, f, d, i, l) + Memory.loadL(code, from, f, d, i, l), f, d, i, l);
                    }
                }
            }
        }
    }

    /** Arguments of the staging copies: the element count and the arena offset. */
    static final int STAGED = 0, ARENA_OFFSET = 1;

    public static void uploadFloat(KernelContext c, IntArray a, FloatArray staging, DoubleArray s, FloatArray f, DoubleArray d, IntArray i, LongArray l) {
        int n = a.get(STAGED), off = a.get(ARENA_OFFSET);
        for (int e = c.globalIdx; e < n; e += c.globalGroupSizeX) f.set(off + e, staging.get(e));
    }

    public static void uploadDouble(KernelContext c, IntArray a, DoubleArray staging, DoubleArray s, FloatArray f, DoubleArray d, IntArray i, LongArray l) {
        int n = a.get(STAGED), off = a.get(ARENA_OFFSET);
        for (int e = c.globalIdx; e < n; e += c.globalGroupSizeX) d.set(off + e, staging.get(e));
    }

    public static void uploadInt(KernelContext c, IntArray a, IntArray staging, DoubleArray s, FloatArray f, DoubleArray d, IntArray i, LongArray l) {
        int n = a.get(STAGED), off = a.get(ARENA_OFFSET);
        for (int e = c.globalIdx; e < n; e += c.globalGroupSizeX) i.set(off + e, staging.get(e));
    }

    public static void uploadLong(KernelContext c, IntArray a, LongArray staging, DoubleArray s, FloatArray f, DoubleArray d, IntArray i, LongArray l) {
        int n = a.get(STAGED), off = a.get(ARENA_OFFSET);
        for (int e = c.globalIdx; e < n; e += c.globalGroupSizeX) l.set(off + e, staging.get(e));
    }
}
