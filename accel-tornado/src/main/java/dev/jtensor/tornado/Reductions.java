package dev.jtensor.tornado;

import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.math.TornadoMath;
import uk.ac.manchester.tornado.api.types.arrays.DoubleArray;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;
import uk.ac.manchester.tornado.api.types.arrays.LongArray;

/**
 * Reductions, arg-reductions and running sums: one work item per output (or per line), each
 * visiting its elements in order, so results do not depend on the grid. Arguments: the op, the
 * output count, the kept axes' shape and strides ({@link #KEPT}), the reduced axes' ({@link #REDUCED}),
 * then the input's code and offset and the output's ({@link #IO}).
 */
final class Reductions {

    static final int OP = 0, OUTPUTS = 1, INNER_COUNT = 2, KEPT_RANK = 3, KEPT = 4, REDUCED_RANK = 36, REDUCED = 37,
            IO = 69, MAX_RANK = 16;
    // ops (ReduceOp); ARGMAX and ARGMIN are arg-reductions, CUMSUM and CUMPROD running ones
    static final int SUM = 0, PROD = 1, MAX = 2, MIN = 3, ALL = 4, ANY = 5, ARGMAX = 6, ARGMIN = 7, CUMSUM = 8, CUMPROD = 9;
    // extra arguments of the running ones: exclusive, reverse, and the output's stride along the axis
    static final int EXCLUSIVE = 73, REVERSE = 74, OUT_STRIDE = 75, OUT_KEPT = 76;

    private Reductions() {
    }

    static int offset(IntArray a, int rankAt, int shapeAt, int stridesAt, int index) {
        return Memory.offset(a, a.get(rankAt), shapeAt, stridesAt, index);
    }

    public static void reduce(KernelContext c, IntArray a, DoubleArray s, FloatArray f, DoubleArray d, IntArray i, LongArray l) {
        int outputs = a.get(OUTPUTS), count = a.get(INNER_COUNT), op = a.get(OP);
        int xc = a.get(IO), xo = a.get(IO + 1), oc = a.get(IO + 2), oo = a.get(IO + 3);
        boolean floating = Elementwise.floating(xc);
        for (int o = c.globalIdx; o < outputs; o += c.globalGroupSizeX) {
            int base = xo + offset(a, KEPT_RANK, KEPT, KEPT + MAX_RANK, o);
            if (floating) {
                // Neumaier-compensated sum, as the scalar reference
                double acc = op == PROD ? 1.0 : (op == MAX ? Double.NEGATIVE_INFINITY : (op == MIN ? Double.POSITIVE_INFINITY : 0.0));
                double comp = 0.0;
                for (int j = 0; j < count; j++) {
                    double v = Memory.loadD(xc, base + offset(a, REDUCED_RANK, REDUCED, REDUCED + MAX_RANK, j), f, d, i, l);
                    if (op == SUM) {
                        double t = acc + v;
                        comp += TornadoMath.abs(acc) >= TornadoMath.abs(v) ? (acc - t) + v : (v - t) + acc;
                        acc = t;
                    } else if (op == PROD) {
                        acc = acc * v;
                    } else if (op == MAX) {
                        // a NaN sticks: nothing compares greater than it (the OpenCL backend has no NaN constant)
                        if (v != v || v > acc) acc = v;
                    } else if (op == MIN) {
                        if (v != v || v < acc) acc = v;
                    }
                }
                // an infinite or NaN sum has no meaningful compensation
                double r = op == SUM && acc - acc == 0 ? acc + comp : acc;
                Memory.storeD(oc, oo + o, r, f, d, i, l);
            } else {
                long acc = op == PROD || op == ALL ? 1 : 0;
                if (op == MAX) acc = xc == ElementCode.I32 ? -2147483648L : (xc == ElementCode.BOOL ? 0 : Long.MIN_VALUE);
                if (op == MIN) acc = xc == ElementCode.I32 ? 2147483647L : (xc == ElementCode.BOOL ? 1 : Long.MAX_VALUE);
                for (int j = 0; j < count; j++) {
                    long v = Memory.loadL(xc, base + offset(a, REDUCED_RANK, REDUCED, REDUCED + MAX_RANK, j), f, d, i, l);
                    if (op == SUM) acc += v;
                    else if (op == PROD) acc *= v;
                    else if (op == MAX) acc = v > acc ? v : acc;
                    else if (op == MIN) acc = v < acc ? v : acc;
                    else if (op == ALL) acc = acc != 0 && v != 0 ? 1 : 0;
                    else acc = acc != 0 || v != 0 ? 1 : 0;
                }
                Memory.storeL(oc, oo + o, acc, f, d, i, l);
            }
        }
    }

    /** Index of the first largest (or smallest) element along the one reduced axis; the first NaN wins. */
    public static void argReduce(KernelContext c, IntArray a, DoubleArray s, FloatArray f, DoubleArray d, IntArray i, LongArray l) {
        int outputs = a.get(OUTPUTS), length = a.get(INNER_COUNT), stride = a.get(REDUCED + MAX_RANK);
        boolean max = a.get(OP) == ARGMAX;
        int xc = a.get(IO), xo = a.get(IO + 1), oo = a.get(IO + 3);
        boolean floating = Elementwise.floating(xc);
        for (int o = c.globalIdx; o < outputs; o += c.globalGroupSizeX) {
            int base = xo + offset(a, KEPT_RANK, KEPT, KEPT + MAX_RANK, o);
            // each branch stores its own result: TornadoVM's OpenCL code merges a variable set by two loops wrongly
            if (floating) {
                int best = 0;
                double bv = Memory.loadD(xc, base, f, d, i, l);
                for (int j = 1; j < length && bv == bv; j++) {
                    double v = Memory.loadD(xc, base + j * stride, f, d, i, l);
                    if (v != v || (max ? v > bv : v < bv)) {
                        best = j;
                        bv = v;
                    }
                }
                l.set(oo + o, best);
            } else {
                int best = 0;
                long bv = Memory.loadL(xc, base, f, d, i, l);
                for (int j = 1; j < length; j++) {
                    long v = Memory.loadL(xc, base + j * stride, f, d, i, l);
                    if (max ? v > bv : v < bv) {
                        best = j;
                        bv = v;
                    }
                }
                l.set(oo + o, best);
            }
        }
    }

    /** Running sums or products along the reduced axis, one work item per line, into a row-major output. */
    public static void cumulative(KernelContext c, IntArray a, DoubleArray s, FloatArray f, DoubleArray d, IntArray i, LongArray l) {
        int outputs = a.get(OUTPUTS), length = a.get(INNER_COUNT), stride = a.get(REDUCED + MAX_RANK);
        boolean product = a.get(OP) == CUMPROD, exclusive = a.get(EXCLUSIVE) != 0, reverse = a.get(REVERSE) != 0;
        int outStride = a.get(OUT_STRIDE);
        int xc = a.get(IO), xo = a.get(IO + 1), oc = a.get(IO + 2), oo = a.get(IO + 3);
        boolean floating = Elementwise.floating(xc);
        for (int o = c.globalIdx; o < outputs; o += c.globalGroupSizeX) {
            int base = xo + offset(a, KEPT_RANK, KEPT, KEPT + MAX_RANK, o);
            int outBase = oo + offset(a, KEPT_RANK, KEPT, OUT_KEPT, o);
            double run = product ? 1.0 : 0.0;
            long lrun = product ? 1 : 0;
            for (int q = 0; q < length; q++) {
                int j = reverse ? length - 1 - q : q;
                if (floating) {
                    double v = Memory.loadD(xc, base + j * stride, f, d, i, l);
                    double next = product ? run * v : run + v;
                    Memory.storeD(oc, outBase + j * outStride, exclusive ? run : next, f, d, i, l);
                    run = next;
                } else {
                    long v = Memory.loadL(xc, base + j * stride, f, d, i, l);
                    long next = product ? lrun * v : lrun + v;
                    Memory.storeL(oc, outBase + j * outStride, exclusive ? lrun : next, f, d, i, l);
                    lrun = next;
                }
            }
        }
    }
}
