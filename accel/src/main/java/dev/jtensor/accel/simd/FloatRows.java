package dev.jtensor.accel.simd;

import static jdk.incubator.vector.VectorOperators.*;

import dev.jtensor.accel.BinaryOp;
import dev.jtensor.accel.ScalarKernels;
import dev.jtensor.accel.UnaryOp;
import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * float32 loops over contiguous rows. Each op has its own loop so that the vector operator is a
 * constant (only then does the JIT turn Vector API calls into SIMD instructions). Transcendental
 * functions come from {@link FloatMath}, never from the Vector API's own operators, so results do
 * not depend on the JIT state; a unary tail after the last full vector runs through the same vector
 * code, and the other tails through the scalar definition.
 */
final class FloatRows {

    static final VectorSpecies<Float> F = Species.FLOAT;
    private static final int L = F.length();
    /** Elements per block of pow's two loops: a block's logarithms stay in the L1 cache. */
    private static final int BLOCK = 512;

    private FloatRows() {
    }

    /** Whether {@link #unary} has a vector loop for {@code op}. */
    static boolean supports(UnaryOp op) {
        return switch (op) {
            case SIGN, FLOOR, CEIL, ROUND, LOGICAL_NOT -> false;
            default -> true;
        };
    }

    /** Whether {@link #binary} has a vector loop for {@code op}. */
    static boolean supports(BinaryOp op) {
        return switch (op) {
            case ADD, SUBTRACT, MULTIPLY, DIVIDE, POW, MAXIMUM, MINIMUM, EQUAL, NOT_EQUAL, LESS, LESS_EQUAL,
                 GREATER, GREATER_EQUAL -> true;
            default -> false;
        };
    }

    /** {@code o[oo + i] = op(x[xo + i])} for {@code i < n}. */
    static void unary(UnaryOp op, float[] x, int xo, float[] o, int oo, int n) {
        int i = 0, bound = F.loopBound(n);
        switch (op) {
            case NEGATIVE -> { for (; i < bound; i += L) FloatVector.fromArray(F, x, xo + i).neg().intoArray(o, oo + i); }
            case ABS -> { for (; i < bound; i += L) FloatVector.fromArray(F, x, xo + i).abs().intoArray(o, oo + i); }
            case SQUARE -> { for (; i < bound; i += L) { var v = FloatVector.fromArray(F, x, xo + i); v.mul(v).intoArray(o, oo + i); } }
            case RELU -> { for (; i < bound; i += L) FloatVector.fromArray(F, x, xo + i).max(0f).intoArray(o, oo + i); }
            case RECIPROCAL -> { for (; i < bound; i += L) FloatVector.broadcast(F, 1f).div(FloatVector.fromArray(F, x, xo + i)).intoArray(o, oo + i); }
            case SQRT -> { for (; i < bound; i += L) FloatVector.fromArray(F, x, xo + i).sqrt().intoArray(o, oo + i); }
            case RSQRT -> { for (; i < bound; i += L) FloatVector.broadcast(F, 1f).div(FloatVector.fromArray(F, x, xo + i).sqrt()).intoArray(o, oo + i); }
            case EXP -> { exp(x, xo, o, oo, n); return; }
            case LOG -> { log(x, xo, o, oo, n); return; }
            case LOG1P -> { log1p(x, xo, o, oo, n); return; }
            case EXPM1 -> { expm1(x, xo, o, oo, n); return; }
            case SIN -> { sin(x, xo, o, oo, n); return; }
            case COS -> { cos(x, xo, o, oo, n); return; }
            case TANH -> { tanh(x, xo, o, oo, n); return; }
            case SIGMOID -> { sigmoid(x, xo, o, oo, n); return; }
            case SOFTPLUS -> { softplus(x, xo, o, oo, n); return; }
            default -> throw new IllegalArgumentException("no vector loop for " + op);
        }
        if (i < n) tail((y, yo, p, po, m) -> unary(op, y, yo, p, po, m), x, xo + i, o, oo + i, n - i, L);
    }

    // Each transcendental function has its own loop, which C2 compiles with the function inlined
    // (inlined all into unary, they would exceed C2's node budget and box the vectors). The tail
    // runs the same loop on a zero-padded copy, so every element gets the same math.

    private static void exp(float[] x, int xo, float[] o, int oo, int n) {
        int i = 0;
        for (; i + L <= n; i += L) FloatMath.exp(FloatVector.fromArray(F, x, xo + i)).intoArray(o, oo + i);
        if (i < n) tail(FloatRows::exp, x, xo + i, o, oo + i, n - i, L);
    }

    private static void log(float[] x, int xo, float[] o, int oo, int n) {
        int i = 0;
        for (; i + L <= n; i += L) FloatMath.log(FloatVector.fromArray(F, x, xo + i)).intoArray(o, oo + i);
        if (i < n) tail(FloatRows::log, x, xo + i, o, oo + i, n - i, L);
    }

    private static void log1p(float[] x, int xo, float[] o, int oo, int n) {
        int i = 0;
        for (; i + L <= n; i += L) FloatMath.log1p(FloatVector.fromArray(F, x, xo + i)).intoArray(o, oo + i);
        if (i < n) tail(FloatRows::log1p, x, xo + i, o, oo + i, n - i, L);
    }

    private static void expm1(float[] x, int xo, float[] o, int oo, int n) {
        int i = 0;
        for (; i + L <= n; i += L) FloatMath.expm1(FloatVector.fromArray(F, x, xo + i)).intoArray(o, oo + i);
        if (i < n) tail(FloatRows::expm1, x, xo + i, o, oo + i, n - i, L);
    }

    private static void sin(float[] x, int xo, float[] o, int oo, int n) {
        int i = 0;
        for (; i + L <= n; i += L) FloatMath.sin(FloatVector.fromArray(F, x, xo + i)).intoArray(o, oo + i);
        if (i < n) tail(FloatRows::sin, x, xo + i, o, oo + i, n - i, L);
    }

    private static void cos(float[] x, int xo, float[] o, int oo, int n) {
        int i = 0;
        for (; i + L <= n; i += L) FloatMath.cos(FloatVector.fromArray(F, x, xo + i)).intoArray(o, oo + i);
        if (i < n) tail(FloatRows::cos, x, xo + i, o, oo + i, n - i, L);
    }

    private static void tanh(float[] x, int xo, float[] o, int oo, int n) {
        int i = 0;
        for (; i + L <= n; i += L) FloatMath.tanh(FloatVector.fromArray(F, x, xo + i)).intoArray(o, oo + i);
        if (i < n) tail(FloatRows::tanh, x, xo + i, o, oo + i, n - i, L);
    }

    private static void sigmoid(float[] x, int xo, float[] o, int oo, int n) {
        int i = 0;
        for (; i + L <= n; i += L) FloatMath.sigmoid(FloatVector.fromArray(F, x, xo + i)).intoArray(o, oo + i);
        if (i < n) tail(FloatRows::sigmoid, x, xo + i, o, oo + i, n - i, L);
    }

    private static void softplus(float[] x, int xo, float[] o, int oo, int n) {
        int i = 0;
        for (; i + L <= n; i += L) FloatMath.softplus(FloatVector.fromArray(F, x, xo + i)).intoArray(o, oo + i);
        if (i < n) tail(FloatRows::softplus, x, xo + i, o, oo + i, n - i, L);
    }

    /** A row loop over float arrays. */
    private interface Row {
        void run(float[] x, int xo, float[] o, int oo, int n);
    }

    /** Runs {@code row} on the last {@code n < width} elements, zero-padded to {@code width}. */
    private static void tail(Row row, float[] x, int xo, float[] o, int oo, int n, int width) {
        float[] padded = new float[width];
        System.arraycopy(x, xo, padded, 0, n);
        row.run(padded, 0, padded, 0, width);
        System.arraycopy(padded, 0, o, oo, n);
    }

    /** {@code o[i] = y[i] + alpha * x[i]} for {@code from <= i < to}: a multiply, then an add (not an FMA). */
    static void axpy(float alpha, float[] x, float[] y, float[] o, int from, int to) {
        int i = from, bound = from + F.loopBound(to - from);
        for (; i < bound; i += L) {
            FloatVector.fromArray(F, x, i).mul(alpha).add(FloatVector.fromArray(F, y, i)).intoArray(o, i);
        }
        ScalarKernels.axpy(alpha, x, y, o, i, to);
    }

    /** {@code o[oo + i] = op(a[ao + i], b[bo + i])} for arithmetic ops. */
    static void binary(BinaryOp op, float[] a, int ao, float[] b, int bo, float[] o, int oo, int n) {
        int i = 0, bound = F.loopBound(n);
        switch (op) {
            case ADD -> { for (; i < bound; i += L) FloatVector.fromArray(F, a, ao + i).add(FloatVector.fromArray(F, b, bo + i)).intoArray(o, oo + i); }
            case SUBTRACT -> { for (; i < bound; i += L) FloatVector.fromArray(F, a, ao + i).sub(FloatVector.fromArray(F, b, bo + i)).intoArray(o, oo + i); }
            case MULTIPLY -> { for (; i < bound; i += L) FloatVector.fromArray(F, a, ao + i).mul(FloatVector.fromArray(F, b, bo + i)).intoArray(o, oo + i); }
            case DIVIDE -> { for (; i < bound; i += L) FloatVector.fromArray(F, a, ao + i).div(FloatVector.fromArray(F, b, bo + i)).intoArray(o, oo + i); }
            case MAXIMUM -> { for (; i < bound; i += L) FloatVector.fromArray(F, a, ao + i).max(FloatVector.fromArray(F, b, bo + i)).intoArray(o, oo + i); }
            case MINIMUM -> { for (; i < bound; i += L) FloatVector.fromArray(F, a, ao + i).min(FloatVector.fromArray(F, b, bo + i)).intoArray(o, oo + i); }
            case POW -> { pow(a, ao, b, bo, o, oo, n); return; }
            default -> throw new IllegalArgumentException("no vector loop for " + op);
        }
        for (; i < n; i++) {
            float x = a[ao + i], y = b[bo + i];
            o[oo + i] = switch (op) {
                case ADD -> x + y;
                case SUBTRACT -> x - y;
                case MULTIPLY -> x * y;
                case DIVIDE -> x / y;
                case MAXIMUM -> Math.max(x, y);
                default -> Math.min(x, y);
            };
        }
    }

    /**
     * {@code o = a ^ b} as float64 {@link DoubleMath} pow rounded once, whose error (1 ulp of
     * float64) leaves the float result correctly rounded but for near-ties; blocks and loops as in
     * {@code DoubleRows.pow}.
     */
    private static void pow(float[] a, int ao, float[] b, int bo, float[] o, int oo, int n) {
        int full = n - n % H, block = Math.min(BLOCK, Math.max(full, H));
        double[] hi = new double[block], lo = new double[block];
        for (int start = 0; start < full; start += block) {
            powBlock(a, ao + start, b, bo + start, o, oo + start, Math.min(block, full - start), hi, lo);
        }
        if (full < n) {
            float[] pa = new float[H], pb = new float[H], po = new float[H];
            Arrays.fill(pa, 1);
            System.arraycopy(a, ao + full, pa, 0, n - full);
            System.arraycopy(b, bo + full, pb, 0, n - full);
            powBlock(pa, 0, pb, 0, po, 0, H, hi, lo);
            System.arraycopy(po, 0, o, oo + full, n - full);
        }
    }

    private static void powBlock(float[] a, int ao, float[] b, int bo, float[] o, int oo, int m, double[] hi, double[] lo) {
        logQuotients(a, ao, hi, lo, m);
        logs(a, ao, hi, lo, m);
        powExponents(b, bo, hi, lo, m);
        powResults(hi, lo, o, oo, m);
        for (int i = 0; i < m; i++) {
            if (DoubleMath.powIsSpecial(a[ao + i], b[bo + i])) o[oo + i] = (float) ScalarKernels.pow(a[ao + i], b[bo + i]);
        }
    }

    private static void logQuotients(float[] a, int ao, double[] hi, double[] lo, int m) {
        for (int i = 0; i < m; i += H) DoubleMath.logQuotient(widen(a, ao + i), hi, lo, i);
    }

    private static void logs(float[] a, int ao, double[] hi, double[] lo, int m) {
        for (int i = 0; i < m; i += H) DoubleMath.logHiLo(widen(a, ao + i), hi, lo, i);
    }

    private static void powExponents(float[] b, int bo, double[] hi, double[] lo, int m) {
        for (int i = 0; i < m; i += H) DoubleMath.powExponent(widen(b, bo + i), hi, lo, i);
    }

    private static void powResults(double[] hi, double[] lo, float[] o, int oo, int m) {
        for (int i = 0; i < m; i += H) {
            var v = DoubleMath.powResult(DoubleVector.fromArray(Species.DOUBLE, hi, i), DoubleVector.fromArray(Species.DOUBLE, lo, i));
            ((FloatVector) v.convertShape(D2F, HALF, 0)).intoArray(o, oo + i);
        }
    }

    /** Float lanes that widen to exactly one {@link Species#DOUBLE} vector. */
    private static final VectorSpecies<Float> HALF =
            VectorSpecies.of(float.class, VectorShape.forBitSize(F.vectorBitSize() / 2));
    private static final int H = HALF.length();

    /** {@code x[xo ..]} widened exactly to a float64 vector. */
    private static DoubleVector widen(float[] x, int xo) {
        return (DoubleVector) FloatVector.fromArray(HALF, x, xo).convertShape(F2D, Species.DOUBLE, 0);
    }

    /** {@code o[oo + i] = a[ao + i] <op> b[bo + i]} for comparisons. */
    static void compare(BinaryOp op, float[] a, int ao, float[] b, int bo, boolean[] o, int oo, int n) {
        int i = 0, bound = F.loopBound(n);
        switch (op) {
            case EQUAL -> { for (; i < bound; i += L) FloatVector.fromArray(F, a, ao + i).compare(EQ, FloatVector.fromArray(F, b, bo + i)).intoArray(o, oo + i); }
            case NOT_EQUAL -> { for (; i < bound; i += L) FloatVector.fromArray(F, a, ao + i).compare(NE, FloatVector.fromArray(F, b, bo + i)).intoArray(o, oo + i); }
            case LESS -> { for (; i < bound; i += L) FloatVector.fromArray(F, a, ao + i).compare(LT, FloatVector.fromArray(F, b, bo + i)).intoArray(o, oo + i); }
            case LESS_EQUAL -> { for (; i < bound; i += L) FloatVector.fromArray(F, a, ao + i).compare(LE, FloatVector.fromArray(F, b, bo + i)).intoArray(o, oo + i); }
            case GREATER -> { for (; i < bound; i += L) FloatVector.fromArray(F, a, ao + i).compare(GT, FloatVector.fromArray(F, b, bo + i)).intoArray(o, oo + i); }
            case GREATER_EQUAL -> { for (; i < bound; i += L) FloatVector.fromArray(F, a, ao + i).compare(GE, FloatVector.fromArray(F, b, bo + i)).intoArray(o, oo + i); }
            default -> throw new IllegalArgumentException("no vector loop for " + op);
        }
        for (; i < n; i++) {
            float x = a[ao + i], y = b[bo + i];
            o[oo + i] = switch (op) {
                case EQUAL -> x == y;
                case NOT_EQUAL -> x != y;
                case LESS -> x < y;
                case LESS_EQUAL -> x <= y;
                case GREATER -> x > y;
                default -> x >= y;
            };
        }
    }

    /** Largest ({@code max}) or smallest element of a contiguous row; NaN if any is NaN. */
    static float extreme(boolean max, float[] x, int off, int n) {
        int i = 0, bound = F.loopBound(n);
        var acc = FloatVector.broadcast(F, max ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY);
        if (max) {
            for (; i < bound; i += L) acc = acc.max(FloatVector.fromArray(F, x, off + i));
        } else {
            for (; i < bound; i += L) acc = acc.min(FloatVector.fromArray(F, x, off + i));
        }
        float r = acc.reduceLanes(max ? MAX : MIN);
        for (; i < n; i++) r = max ? Math.max(r, x[off + i]) : Math.min(r, x[off + i]);
        return r;
    }

    /** {@code acc[i] = op(acc[i], x[off + i])} for SUM (as add), MAX and MIN. */
    static void accumulate(dev.jtensor.accel.ReduceOp op, float[] x, int off, float[] acc, int n) {
        int i = 0, bound = F.loopBound(n);
        switch (op) {
            case SUM -> { for (; i < bound; i += L) FloatVector.fromArray(F, acc, i).add(FloatVector.fromArray(F, x, off + i)).intoArray(acc, i); }
            case MAX -> { for (; i < bound; i += L) FloatVector.fromArray(F, acc, i).max(FloatVector.fromArray(F, x, off + i)).intoArray(acc, i); }
            case MIN -> { for (; i < bound; i += L) FloatVector.fromArray(F, acc, i).min(FloatVector.fromArray(F, x, off + i)).intoArray(acc, i); }
            default -> throw new IllegalArgumentException("no vector loop for " + op);
        }
        for (; i < n; i++) {
            acc[i] = switch (op) {
                case SUM -> acc[i] + x[off + i];
                case MAX -> Math.max(acc[i], x[off + i]);
                default -> Math.min(acc[i], x[off + i]);
            };
        }
    }

    /** {@code o[oo + i] = c[co + i] ? a[ao + i] : b[bo + i]}. */
    static void select(boolean[] c, int co, float[] a, int ao, float[] b, int bo, float[] o, int oo, int n) {
        int i = 0, bound = F.loopBound(n);
        for (; i < bound; i += L) {
            var mask = jdk.incubator.vector.VectorMask.fromArray(F, c, co + i);
            FloatVector.fromArray(F, b, bo + i).blend(FloatVector.fromArray(F, a, ao + i), mask).intoArray(o, oo + i);
        }
        for (; i < n; i++) o[oo + i] = c[co + i] ? a[ao + i] : b[bo + i];
    }
}
