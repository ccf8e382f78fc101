package dev.jtensor.tornado;

import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.math.TornadoMath;
import uk.ac.manchester.tornado.api.types.arrays.DoubleArray;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;
import uk.ac.manchester.tornado.api.types.arrays.LongArray;

/**
 * The elementwise device kernels (unary, binary, select, copy, fill) over strided operands, and
 * their math. Arguments ({@link #OP}...): the op, the element count, the rank and shape, then per
 * operand its type code, offset and strides ({@link #operand}). Each work item walks the elements
 * {@code globalIdx, globalIdx + globalSize, ...}, so any grid covers any size.
 */
final class Elementwise {

    static final int OP = 0, N = 1, RANK = 2, SHAPE = 3, MAX_RANK = 16;
    static final int OPERANDS = SHAPE + MAX_RANK, OPERAND_SIZE = 2 + MAX_RANK;

    // unary op codes (TornadoKernels maps UnaryOp onto them)
    static final int NEGATIVE = 0, ABS = 1, SIGN = 2, SQUARE = 3, RELU = 4, RECIPROCAL = 5, SQRT = 6, RSQRT = 7,
            EXP = 8, LOG = 9, LOG1P = 10, EXPM1 = 11, SIN = 12, COS = 13, TANH = 14, SIGMOID = 15, SOFTPLUS = 16,
            FLOOR = 17, CEIL = 18, ROUND = 19, LOGICAL_NOT = 20;
    // binary op codes (BinaryOp)
    static final int ADD = 0, SUBTRACT = 1, MULTIPLY = 2, DIVIDE = 3, FLOOR_DIV = 4, FLOOR_MOD = 5, TRUNCATE_DIV = 6,
            POW = 7, MAXIMUM = 8, MINIMUM = 9, EQUAL = 10, NOT_EQUAL = 11, LESS = 12, LESS_EQUAL = 13, GREATER = 14,
            GREATER_EQUAL = 15, LOGICAL_AND = 16, LOGICAL_OR = 17, FLOOR_DIV_F32 = 18;

    private Elementwise() {
    }

    /** Where operand {@code k}'s element of row-major index {@code linear} lives. */
    static int at(IntArray a, int k, int linear) {
        int base = OPERANDS + k * OPERAND_SIZE;
        return a.get(base + 1) + Memory.offset(a, a.get(RANK), SHAPE, base + 2, linear);
    }

    /**
     * Whether a code is float32 or float64. Kernels test it once, before their loops: a test of the
     * code itself around a load lets the compiler fold {@link Memory}'s per-code branches into
     * constants, which TornadoVM's OpenCL backend cannot compile ("logic node LogicConstantNode").
     */
    static boolean floating(int code) {
        return code == ElementCode.F32 || code == ElementCode.F64;
    }

    static int code(IntArray a, int k) {
        return a.get(OPERANDS + k * OPERAND_SIZE);
    }

    public static void unary(KernelContext c, IntArray a, DoubleArray s, FloatArray f, DoubleArray d, IntArray i, LongArray l) {
        int n = a.get(N), op = a.get(OP), xc = code(a, 0), oc = code(a, 1);
        boolean floating = floating(xc);
        for (int e = c.globalIdx; e < n; e += c.globalGroupSizeX) {
            int xo = at(a, 0, e), oo = at(a, 1, e);
            if (floating) {
                Memory.storeD(oc, oo, unaryD(op, Memory.loadD(xc, xo, f, d, i, l)), f, d, i, l);
            } else {
                Memory.storeL(oc, oo, unaryL(op, Memory.loadL(xc, xo, f, d, i, l)), f, d, i, l);
            }
        }
    }

    public static void binary(KernelContext c, IntArray a, DoubleArray s, FloatArray f, DoubleArray d, IntArray i, LongArray l) {
        int n = a.get(N), op = a.get(OP), ac = code(a, 0), bc = code(a, 1), oc = code(a, 2);
        boolean floating = floating(ac);
        for (int e = c.globalIdx; e < n; e += c.globalGroupSizeX) {
            int ao = at(a, 0, e), bo = at(a, 1, e), oo = at(a, 2, e);
            if (floating) {
                double r = binaryD(op, Memory.loadD(ac, ao, f, d, i, l), Memory.loadD(bc, bo, f, d, i, l));
                Memory.storeD(oc, oo, r, f, d, i, l);
            } else {
                long r = binaryL(op, Memory.loadL(ac, ao, f, d, i, l), Memory.loadL(bc, bo, f, d, i, l));
                Memory.storeL(oc, oo, r, f, d, i, l);
            }
        }
    }

    /** {@code out = cond ? a : b} (named {@code where}: a kernel named {@code select} clashes with OpenCL's builtin); a and b share one dtype (the op checks it). */
    public static void where(KernelContext c, IntArray a, DoubleArray s, FloatArray f, DoubleArray d, IntArray i, LongArray l) {
        int n = a.get(N), vc = code(a, 1), oc = code(a, 3);
        boolean floating = floating(vc);
        for (int e = c.globalIdx; e < n; e += c.globalGroupSizeX) {
            int ao = at(a, 1, e), bo = at(a, 2, e), oo = at(a, 3, e);
            int src = i.get(at(a, 0, e)) != 0 ? ao : bo;
            if (floating) {
                Memory.storeD(oc, oo, Memory.loadD(vc, src, f, d, i, l), f, d, i, l);
            } else {
                Memory.storeL(oc, oo, Memory.loadL(vc, src, f, d, i, l), f, d, i, l);
            }
        }
    }

    /** Copies with conversion: floating to floating or bool through double, everything else through long (truncating). */
    public static void copy(KernelContext c, IntArray a, DoubleArray s, FloatArray f, DoubleArray d, IntArray i, LongArray l) {
        int n = a.get(N), sc = code(a, 0), oc = code(a, 1);
        boolean viaDouble = floating(sc) && (floating(oc) || oc == ElementCode.BOOL);
        for (int e = c.globalIdx; e < n; e += c.globalGroupSizeX) {
            int so = at(a, 0, e), oo = at(a, 1, e);
            if (viaDouble) {
                Memory.storeD(oc, oo, Memory.loadD(sc, so, f, d, i, l), f, d, i, l);
            } else {
                Memory.storeL(oc, oo, Memory.loadL(sc, so, f, d, i, l), f, d, i, l);
            }
        }
    }

    /** {@code out[0, n) = s[0]} converted as a cast would; operand 0 is the (dense) output. */
    public static void fill(KernelContext c, IntArray a, DoubleArray s, FloatArray f, DoubleArray d, IntArray i, LongArray l) {
        int n = a.get(N), oc = code(a, 0), base = a.get(OPERANDS + 1);
        double v = s.get(0);
        for (int e = c.globalIdx; e < n; e += c.globalGroupSizeX) {
            Memory.storeD(oc, base + e, v, f, d, i, l);
        }
    }

    static double unaryD(int op, double v) {
        if (op == NEGATIVE) return -v;
        if (op == ABS) return TornadoMath.abs(v);
        if (op == SIGN) return v > 0 ? 1.0 : (v < 0 ? -1.0 : v);
        if (op == SQUARE) return v * v;
        if (op == RELU) return v > 0 ? v : (v != v ? v : 0.0);
        if (op == RECIPROCAL) return 1.0 / v;
        if (op == SQRT) return TornadoMath.sqrt(v);
        if (op == RSQRT) return 1.0 / TornadoMath.sqrt(v);
        if (op == EXP) return TornadoMath.exp(v);
        if (op == LOG) return TornadoMath.log(v);
        if (op == LOG1P) return log1p(v);
        if (op == EXPM1) return expm1(v);
        if (op == SIN) return TornadoMath.sin(v);
        if (op == COS) return TornadoMath.cos(v);
        if (op == TANH) return TornadoMath.tanh(v);
        if (op == SIGMOID) {
            // the two branches keep exp() from overflowing for large |x|
            if (v >= 0) return 1.0 / (1.0 + TornadoMath.exp(-v));
            double e = TornadoMath.exp(v);
            return e / (1.0 + e);
        }
        if (op == SOFTPLUS) {
            double m = v > 0 ? v : (v != v ? v : 0.0);
            return m + log1p(TornadoMath.exp(-TornadoMath.abs(v)));
        }
        if (op == FLOOR) return TornadoMath.floor(v);
        if (op == CEIL) return TornadoMath.ceil(v);
        if (op == ROUND) return rint(v);
        return v == 0 ? 1.0 : 0.0;
    }

    static long unaryL(int op, long v) {
        if (op == NEGATIVE) return -v;
        if (op == ABS) return v < 0 ? -v : v;
        if (op == SIGN) return v > 0 ? 1 : (v < 0 ? -1 : 0);
        if (op == SQUARE) return v * v;
        if (op == RELU) return v > 0 ? v : 0;
        return v == 0 ? 1 : 0;
    }

    static double binaryD(int op, double x, double y) {
        if (op == ADD) return x + y;
        if (op == SUBTRACT) return x - y;
        if (op == MULTIPLY) return x * y;
        if (op == DIVIDE) return x / y;
        if (op == FLOOR_DIV) return TornadoMath.floor(x / y);
        if (op == FLOOR_DIV_F32) return TornadoMath.floor((float) (x / y));
        if (op == TRUNCATE_DIV) {
            double q = x / y;
            return q < 0 ? TornadoMath.ceil(q) : TornadoMath.floor(q);
        }
        // C's pow: pow(1, y) = 1 for every y, pow(-1, +-inf) = 1 (infinity tested by comparison, see log1p)
        if (op == POW) return x == 1 || (x == -1 && TornadoMath.abs(y) > Double.MAX_VALUE) ? 1.0 : TornadoMath.pow(x, y);
        if (op == MAXIMUM) return x != x || y != y ? x + y : (x > y ? x : (y > x ? y : (x == 0 ? x + y : x)));
        if (op == MINIMUM) return x != x || y != y ? x + y : (x < y ? x : (y < x ? y : (x == 0 ? -(-x - y) : x)));
        if (op == EQUAL) return x == y ? 1 : 0;
        if (op == NOT_EQUAL) return x != y ? 1 : 0;
        if (op == LESS) return x < y ? 1 : 0;
        if (op == LESS_EQUAL) return x <= y ? 1 : 0;
        if (op == GREATER) return x > y ? 1 : 0;
        if (op == GREATER_EQUAL) return x >= y ? 1 : 0;
        if (op == LOGICAL_AND) return x != 0 && y != 0 ? 1 : 0;
        return x != 0 || y != 0 ? 1 : 0;
    }

    /** Integer ops the device runs (division and power stay on the host, which can report a zero divisor). */
    static long binaryL(int op, long x, long y) {
        if (op == ADD) return x + y;
        if (op == SUBTRACT) return x - y;
        if (op == MULTIPLY) return x * y;
        if (op == MAXIMUM) return x > y ? x : y;
        if (op == MINIMUM) return x < y ? x : y;
        if (op == EQUAL) return x == y ? 1 : 0;
        if (op == NOT_EQUAL) return x != y ? 1 : 0;
        if (op == LESS) return x < y ? 1 : 0;
        if (op == LESS_EQUAL) return x <= y ? 1 : 0;
        if (op == GREATER) return x > y ? 1 : 0;
        if (op == GREATER_EQUAL) return x >= y ? 1 : 0;
        if (op == LOGICAL_AND) return x != 0 && y != 0 ? 1 : 0;
        return x != 0 || y != 0 ? 1 : 0;
    }

    /** {@code log(1 + x)} accurate near 0: the rounding of {@code 1 + x} is divided out (Goldberg). */
    static double log1p(double x) {
        double u = 1.0 + x;
        // +inf; written as a comparison, as TornadoVM's OpenCL backend cannot compile this one as an equality
        if (u > Double.MAX_VALUE) return x;
        double rounding = u - 1.0;
        return rounding == 0 ? x : TornadoMath.log(u) * x / rounding;
    }

    /** {@code e^x - 1} accurate near 0 (Kahan's correction). */
    static double expm1(double x) {
        if (x > 709.0) return TornadoMath.exp(x);
        double u = TornadoMath.exp(x);
        if (u == 1.0) return x;
        double um1 = u - 1.0;
        if (um1 == -1.0) return -1.0;
        return um1 * x / TornadoMath.log(u);
    }

    /** Round half to even, keeping the sign of zero. */
    static double rint(double v) {
        if (!(TornadoMath.abs(v) < 4503599627370496.0)) return v;
        double r = TornadoMath.floor(v);
        double diff = v - r;
        if (diff > 0.5 || (diff == 0.5 && r - 2.0 * TornadoMath.floor(r * 0.5) != 0)) r = r + 1.0;
        if (r == 0 && v < 0) return -0.0;
        return r;
    }
}
