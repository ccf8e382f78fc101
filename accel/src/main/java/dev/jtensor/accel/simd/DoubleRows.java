package dev.jtensor.accel.simd;

import static jdk.incubator.vector.VectorOperators.*;

import dev.jtensor.accel.BinaryOp;
import dev.jtensor.accel.ScalarKernels;
import dev.jtensor.accel.UnaryOp;
import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * float64 loops over contiguous rows. Each op has its own loop so that the vector operator is a
 * constant (only then does the JIT turn Vector API calls into SIMD instructions). Transcendental
 * functions come from {@link DoubleMath}, never from the Vector API's own operators, so results
 * do not depend on the JIT state; a unary tail after the last full vector runs through the same
 * vector code, and the other tails through the scalar definition.
 */
final class DoubleRows {

    static final VectorSpecies<Double> F = Species.DOUBLE;
    private static final int L = F.length();
    /** Elements per block of the two-loop functions (softplus, pow): a block's intermediates stay in the L1 cache. */
    private static final int BLOCK = 512;

    private DoubleRows() {
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
    static void unary(UnaryOp op, double[] x, int xo, double[] o, int oo, int n) {
        int i = 0, bound = F.loopBound(n);
        switch (op) {
            case NEGATIVE -> { for (; i < bound; i += L) DoubleVector.fromArray(F, x, xo + i).neg().intoArray(o, oo + i); }
            case ABS -> { for (; i < bound; i += L) DoubleVector.fromArray(F, x, xo + i).abs().intoArray(o, oo + i); }
            case SQUARE -> { for (; i < bound; i += L) { var v = DoubleVector.fromArray(F, x, xo + i); v.mul(v).intoArray(o, oo + i); } }
            case RELU -> { for (; i < bound; i += L) DoubleVector.fromArray(F, x, xo + i).max(0.0).intoArray(o, oo + i); }
            case RECIPROCAL -> { for (; i < bound; i += L) DoubleVector.broadcast(F, 1.0).div(DoubleVector.fromArray(F, x, xo + i)).intoArray(o, oo + i); }
            case SQRT -> { for (; i < bound; i += L) DoubleVector.fromArray(F, x, xo + i).sqrt().intoArray(o, oo + i); }
            case RSQRT -> { for (; i < bound; i += L) DoubleVector.broadcast(F, 1.0).div(DoubleVector.fromArray(F, x, xo + i).sqrt()).intoArray(o, oo + i); }
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

    private static void exp(double[] x, int xo, double[] o, int oo, int n) {
        int i = 0;
        for (; i + L <= n; i += L) DoubleMath.exp(DoubleVector.fromArray(F, x, xo + i)).intoArray(o, oo + i);
        if (i < n) tail(DoubleRows::exp, x, xo + i, o, oo + i, n - i, L);
    }

    private static void log(double[] x, int xo, double[] o, int oo, int n) {
        int i = 0;
        for (; i + L <= n; i += L) DoubleMath.log(DoubleVector.fromArray(F, x, xo + i)).intoArray(o, oo + i);
        if (i < n) tail(DoubleRows::log, x, xo + i, o, oo + i, n - i, L);
    }

    private static void log1p(double[] x, int xo, double[] o, int oo, int n) {
        int i = 0;
        for (; i + L <= n; i += L) DoubleMath.log1p(DoubleVector.fromArray(F, x, xo + i)).intoArray(o, oo + i);
        if (i < n) tail(DoubleRows::log1p, x, xo + i, o, oo + i, n - i, L);
    }

    private static void expm1(double[] x, int xo, double[] o, int oo, int n) {
        int i = 0;
        for (; i + L <= n; i += L) DoubleMath.expm1(DoubleVector.fromArray(F, x, xo + i)).intoArray(o, oo + i);
        if (i < n) tail(DoubleRows::expm1, x, xo + i, o, oo + i, n - i, L);
    }

    private static void sin(double[] x, int xo, double[] o, int oo, int n) {
        int i = 0;
        for (; i + L <= n; i += L) DoubleMath.sin(DoubleVector.fromArray(F, x, xo + i)).intoArray(o, oo + i);
        if (i < n) tail(DoubleRows::sin, x, xo + i, o, oo + i, n - i, L);
    }

    private static void cos(double[] x, int xo, double[] o, int oo, int n) {
        int i = 0;
        for (; i + L <= n; i += L) DoubleMath.cos(DoubleVector.fromArray(F, x, xo + i)).intoArray(o, oo + i);
        if (i < n) tail(DoubleRows::cos, x, xo + i, o, oo + i, n - i, L);
    }

    private static void tanh(double[] x, int xo, double[] o, int oo, int n) {
        int i = 0;
        for (; i + L <= n; i += L) DoubleMath.tanh(DoubleVector.fromArray(F, x, xo + i)).intoArray(o, oo + i);
        if (i < n) tail(DoubleRows::tanh, x, xo + i, o, oo + i, n - i, L);
    }

    private static void sigmoid(double[] x, int xo, double[] o, int oo, int n) {
        int i = 0;
        for (; i + L <= n; i += L) DoubleMath.sigmoid(DoubleVector.fromArray(F, x, xo + i)).intoArray(o, oo + i);
        if (i < n) tail(DoubleRows::sigmoid, x, xo + i, o, oo + i, n - i, L);
    }

    /** softplus in blocks of two loops, e^-|x| then the rest (see {@link DoubleMath#softplus}). */
    private static void softplus(double[] x, int xo, double[] o, int oo, int n) {
        int full = n - n % L;
        double[] e = new double[Math.min(BLOCK, Math.max(full, L))];
        for (int start = 0; start < full; start += e.length) {
            int m = Math.min(e.length, full - start);
            expOfMinusAbs(x, xo + start, e, m);
            softplusFromExp(x, xo + start, e, o, oo + start, m);
        }
        if (full < n) tail(DoubleRows::softplus, x, xo + full, o, oo + full, n - full, L);
    }

    private static void expOfMinusAbs(double[] x, int xo, double[] e, int m) {
        for (int i = 0; i < m; i += L) DoubleMath.exp(DoubleVector.fromArray(F, x, xo + i).abs().neg()).intoArray(e, i);
    }

    private static void softplusFromExp(double[] x, int xo, double[] e, double[] o, int oo, int m) {
        for (int i = 0; i < m; i += L) {
            DoubleMath.softplus(DoubleVector.fromArray(F, x, xo + i), DoubleVector.fromArray(F, e, i)).intoArray(o, oo + i);
        }
    }

    /** A row loop over double arrays. */
    private interface Row {
        void run(double[] x, int xo, double[] o, int oo, int n);
    }

    /** Runs {@code row} on the last {@code n < width} elements, zero-padded to {@code width}. */
    private static void tail(Row row, double[] x, int xo, double[] o, int oo, int n, int width) {
        double[] padded = new double[width];
        System.arraycopy(x, xo, padded, 0, n);
        row.run(padded, 0, padded, 0, width);
        System.arraycopy(padded, 0, o, oo, n);
    }

    /** {@code o[i] = y[i] + alpha * x[i]} for {@code from <= i < to}: a multiply, then an add (not an FMA). */
    static void axpy(double alpha, double[] x, double[] y, double[] o, int from, int to) {
        int i = from, bound = from + F.loopBound(to - from);
        for (; i < bound; i += L) {
            DoubleVector.fromArray(F, x, i).mul(alpha).add(DoubleVector.fromArray(F, y, i)).intoArray(o, i);
        }
        ScalarKernels.axpy(alpha, x, y, o, i, to);
    }

    /** {@code o[oo + i] = op(a[ao + i], b[bo + i])} for arithmetic ops. */
    static void binary(BinaryOp op, double[] a, int ao, double[] b, int bo, double[] o, int oo, int n) {
        int i = 0, bound = F.loopBound(n);
        switch (op) {
            case ADD -> { for (; i < bound; i += L) DoubleVector.fromArray(F, a, ao + i).add(DoubleVector.fromArray(F, b, bo + i)).intoArray(o, oo + i); }
            case SUBTRACT -> { for (; i < bound; i += L) DoubleVector.fromArray(F, a, ao + i).sub(DoubleVector.fromArray(F, b, bo + i)).intoArray(o, oo + i); }
            case MULTIPLY -> { for (; i < bound; i += L) DoubleVector.fromArray(F, a, ao + i).mul(DoubleVector.fromArray(F, b, bo + i)).intoArray(o, oo + i); }
            case DIVIDE -> { for (; i < bound; i += L) DoubleVector.fromArray(F, a, ao + i).div(DoubleVector.fromArray(F, b, bo + i)).intoArray(o, oo + i); }
            case MAXIMUM -> { for (; i < bound; i += L) DoubleVector.fromArray(F, a, ao + i).max(DoubleVector.fromArray(F, b, bo + i)).intoArray(o, oo + i); }
            case MINIMUM -> { for (; i < bound; i += L) DoubleVector.fromArray(F, a, ao + i).min(DoubleVector.fromArray(F, b, bo + i)).intoArray(o, oo + i); }
            case POW -> { pow(a, ao, b, bo, o, oo, n); return; }
            default -> throw new IllegalArgumentException("no vector loop for " + op);
        }
        for (; i < n; i++) {
            double x = a[ao + i], y = b[bo + i];
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
     * {@code o = a ^ b} in blocks of five loops, each inlining one {@link DoubleMath} step (together
     * they would exceed C2's node budget, see {@link DoubleMath}): log a as hi + lo in two steps, b
     * log a, e to that power, then C's definition for the special lanes. The tail runs the same
     * loops on copies padded with ones.
     */
    private static void pow(double[] a, int ao, double[] b, int bo, double[] o, int oo, int n) {
        int full = n - n % L, block = Math.min(BLOCK, Math.max(full, L));
        double[] hi = new double[block], lo = new double[block];
        for (int start = 0; start < full; start += block) {
            powBlock(a, ao + start, b, bo + start, o, oo + start, Math.min(block, full - start), hi, lo);
        }
        if (full < n) {
            double[] pa = new double[L], pb = new double[L], po = new double[L];
            Arrays.fill(pa, 1);
            System.arraycopy(a, ao + full, pa, 0, n - full);
            System.arraycopy(b, bo + full, pb, 0, n - full);
            powBlock(pa, 0, pb, 0, po, 0, L, hi, lo);
            System.arraycopy(po, 0, o, oo + full, n - full);
        }
    }

    private static void powBlock(double[] a, int ao, double[] b, int bo, double[] o, int oo, int m, double[] hi, double[] lo) {
        logQuotients(a, ao, hi, lo, m);
        logs(a, ao, hi, lo, m);
        powExponents(b, bo, hi, lo, m);
        powResults(hi, lo, o, oo, m);
        for (int i = 0; i < m; i++) {
            if (DoubleMath.powIsSpecial(a[ao + i], b[bo + i])) o[oo + i] = ScalarKernels.pow(a[ao + i], b[bo + i]);
        }
    }

    private static void logQuotients(double[] a, int ao, double[] hi, double[] lo, int m) {
        for (int i = 0; i < m; i += L) DoubleMath.logQuotient(DoubleVector.fromArray(F, a, ao + i), hi, lo, i);
    }

    private static void logs(double[] a, int ao, double[] hi, double[] lo, int m) {
        for (int i = 0; i < m; i += L) DoubleMath.logHiLo(DoubleVector.fromArray(F, a, ao + i), hi, lo, i);
    }

    private static void powExponents(double[] b, int bo, double[] hi, double[] lo, int m) {
        for (int i = 0; i < m; i += L) DoubleMath.powExponent(DoubleVector.fromArray(F, b, bo + i), hi, lo, i);
    }

    private static void powResults(double[] hi, double[] lo, double[] o, int oo, int m) {
        for (int i = 0; i < m; i += L) {
            DoubleMath.powResult(DoubleVector.fromArray(F, hi, i), DoubleVector.fromArray(F, lo, i)).intoArray(o, oo + i);
        }
    }

    /** {@code o[oo + i] = a[ao + i] <op> b[bo + i]} for comparisons. */
    static void compare(BinaryOp op, double[] a, int ao, double[] b, int bo, boolean[] o, int oo, int n) {
        int i = 0, bound = F.loopBound(n);
        switch (op) {
            case EQUAL -> { for (; i < bound; i += L) DoubleVector.fromArray(F, a, ao + i).compare(EQ, DoubleVector.fromArray(F, b, bo + i)).intoArray(o, oo + i); }
            case NOT_EQUAL -> { for (; i < bound; i += L) DoubleVector.fromArray(F, a, ao + i).compare(NE, DoubleVector.fromArray(F, b, bo + i)).intoArray(o, oo + i); }
            case LESS -> { for (; i < bound; i += L) DoubleVector.fromArray(F, a, ao + i).compare(LT, DoubleVector.fromArray(F, b, bo + i)).intoArray(o, oo + i); }
            case LESS_EQUAL -> { for (; i < bound; i += L) DoubleVector.fromArray(F, a, ao + i).compare(LE, DoubleVector.fromArray(F, b, bo + i)).intoArray(o, oo + i); }
            case GREATER -> { for (; i < bound; i += L) DoubleVector.fromArray(F, a, ao + i).compare(GT, DoubleVector.fromArray(F, b, bo + i)).intoArray(o, oo + i); }
            case GREATER_EQUAL -> { for (; i < bound; i += L) DoubleVector.fromArray(F, a, ao + i).compare(GE, DoubleVector.fromArray(F, b, bo + i)).intoArray(o, oo + i); }
            default -> throw new IllegalArgumentException("no vector loop for " + op);
        }
        for (; i < n; i++) {
            double x = a[ao + i], y = b[bo + i];
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
    static double extreme(boolean max, double[] x, int off, int n) {
        int i = 0, bound = F.loopBound(n);
        var acc = DoubleVector.broadcast(F, max ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
        if (max) {
            for (; i < bound; i += L) acc = acc.max(DoubleVector.fromArray(F, x, off + i));
        } else {
            for (; i < bound; i += L) acc = acc.min(DoubleVector.fromArray(F, x, off + i));
        }
        double r = acc.reduceLanes(max ? MAX : MIN);
        for (; i < n; i++) r = max ? Math.max(r, x[off + i]) : Math.min(r, x[off + i]);
        return r;
    }

    /** {@code acc[i] = op(acc[i], x[off + i])} for SUM (as add), MAX and MIN. */
    static void accumulate(dev.jtensor.accel.ReduceOp op, double[] x, int off, double[] acc, int n) {
        int i = 0, bound = F.loopBound(n);
        switch (op) {
            case SUM -> { for (; i < bound; i += L) DoubleVector.fromArray(F, acc, i).add(DoubleVector.fromArray(F, x, off + i)).intoArray(acc, i); }
            case MAX -> { for (; i < bound; i += L) DoubleVector.fromArray(F, acc, i).max(DoubleVector.fromArray(F, x, off + i)).intoArray(acc, i); }
            case MIN -> { for (; i < bound; i += L) DoubleVector.fromArray(F, acc, i).min(DoubleVector.fromArray(F, x, off + i)).intoArray(acc, i); }
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
    static void select(boolean[] c, int co, double[] a, int ao, double[] b, int bo, double[] o, int oo, int n) {
        int i = 0, bound = F.loopBound(n);
        for (; i < bound; i += L) {
            var mask = jdk.incubator.vector.VectorMask.fromArray(F, c, co + i);
            DoubleVector.fromArray(F, b, bo + i).blend(DoubleVector.fromArray(F, a, ao + i), mask).intoArray(o, oo + i);
        }
        for (; i < n; i++) o[oo + i] = c[co + i] ? a[ao + i] : b[bo + i];
    }
}
