package dev.jtensor.accel.simd;

import static org.junit.jupiter.api.Assertions.*;

import dev.jtensor.accel.BinaryOp;
import dev.jtensor.accel.UnaryOp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

/**
 * Measures the error of {@link FloatMath} and {@link DoubleMath} (through the SIMD rows) against
 * StrictMath and asserts the bounds their Javadoc states. Samples: uniform over the useful range,
 * random mantissas at every binary exponent (both signs), and edge values (zeros, subnormals,
 * the largest finite values, overflow and underflow thresholds, infinities, NaN); special values
 * must match StrictMath exactly. float32 errors are measured against StrictMath's float64 result
 * (not rounded), so a correctly rounded float has error at most 0.5. {@code -Djtensor.mathSweep=N}
 * takes N times as many samples.
 */
@DisabledIfSystemProperty(named = "jtensor.backend", matches = "scalar", disabledReason = "tests the SIMD rows directly")
class VectorMathAccuracyTest {

    private static final int SAMPLES = 100_000 * Integer.getInteger("jtensor.mathSweep", 1);

    /** A function under test: its op, its StrictMath reference, its sampling range and its bounds in ulp. */
    private record Fn(UnaryOp op, DoubleUnaryOperator ref, double lo, double hi, double floatUlp, double doubleUlp) {
    }

    private static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + StrictMath.exp(-x)) : StrictMath.exp(x) / (1 + StrictMath.exp(x));
    }

    private static double softplus(double x) {
        return Math.max(x, 0) + StrictMath.log1p(StrictMath.exp(-Math.abs(x)));
    }

    private static final Fn[] FUNCTIONS = {
        new Fn(UnaryOp.EXP, StrictMath::exp, -750, 712, 1, 1),
        new Fn(UnaryOp.EXPM1, StrictMath::expm1, -60, 712, 1.5, 2),
        new Fn(UnaryOp.LOG, StrictMath::log, 0, 1e6, 1, 1),
        new Fn(UnaryOp.LOG1P, StrictMath::log1p, -1, 10, 1, 1),
        new Fn(UnaryOp.TANH, StrictMath::tanh, -25, 25, 1.5, 3),
        new Fn(UnaryOp.SIGMOID, VectorMathAccuracyTest::sigmoid, -750, 750, 2.5, 2),
        new Fn(UnaryOp.SOFTPLUS, VectorMathAccuracyTest::softplus, -750, 750, 1.75, 2),
        new Fn(UnaryOp.SIN, StrictMath::sin, -1e6, 1e6, 1.25, 2),
        new Fn(UnaryOp.COS, StrictMath::cos, -1e6, 1e6, 1.25, 2),
    };

    private static final double[] EDGES = {
        0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, -Double.MIN_NORMAL, Double.MAX_VALUE,
        -Double.MAX_VALUE, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, Float.MAX_VALUE, -Float.MAX_VALUE,
        Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1, -1, 0.5, -0.5, 2, -2, 0x1p-54, 0x1p-30,
        -0x1p-30, Math.nextDown(1.0), Math.nextUp(1.0), Math.nextUp(-1.0), 22, -22, 1e6, -1e6, 0x1p20, -0x1p20,
        Math.nextUp(0x1p20), 1e7, 1e300, Math.PI, Math.PI / 2, Math.PI / 4, -Math.PI / 4,
        88.72283, 88.72284, 88.8, 89, -87.33654, -87.4, -103.97, -103.98, -104, -110,
        709.782712893384, 709.7827128933841, 709.79, 710, -708.3964185322641, -708.4, -745.1332191019411,
        -745.1332191019412, -745.2, -746, -50, -60, 40, -40, 20, -20, 9, -9, 16, -16,
    };

    @Test
    void float32WithinDocumentedBounds() {
        List<String> failures = new ArrayList<>();
        for (Fn fn : FUNCTIONS) {
            double[] xs = samples(fn, true);
            float[] x = new float[xs.length], y = new float[xs.length];
            for (int i = 0; i < xs.length; i++) x[i] = (float) xs[i];
            FloatRows.unary(fn.op, x, 0, y, 0, x.length);
            double worst = 0;
            float worstAt = 0;
            for (int i = 0; i < x.length; i++) {
                double ref = fn.ref.applyAsDouble(x[i]);
                double err = error(y[i], ref, Math.ulp((float) ref), (float) ref, x[i], fn.op);
                if (err > worst) {
                    worst = err;
                    worstAt = x[i];
                }
            }
            System.out.printf("float32 %-8s max %.3f ulp at %s%n", fn.op, worst, worstAt);
            if (worst > fn.floatUlp) failures.add(fn.op + " float32 error " + worst + " ulp at " + worstAt);
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void float64WithinDocumentedBounds() {
        List<String> failures = new ArrayList<>();
        for (Fn fn : FUNCTIONS) {
            double[] x = samples(fn, false), y = new double[x.length];
            DoubleRows.unary(fn.op, x, 0, y, 0, x.length);
            double worst = 0, worstAt = 0;
            for (int i = 0; i < x.length; i++) {
                double ref = fn.ref.applyAsDouble(x[i]);
                double err = error(y[i], ref, Math.ulp(ref), ref, x[i], fn.op);
                if (err > worst) {
                    worst = err;
                    worstAt = x[i];
                }
            }
            System.out.printf("float64 %-8s max %.3f ulp at %s%n", fn.op, worst, worstAt);
            if (worst > fn.doubleUlp) failures.add(fn.op + " float64 error " + worst + " ulp at " + worstAt);
        }
        assertEquals(List.of(), failures);
    }

    /** pow's bounds in ulp, float32 and float64 (float32 rounds a float64 result within 1 ulp once). */
    private static final double POW_FLOAT_ULP = 0.51, POW_DOUBLE_ULP = 1;

    @Test
    void powWithinDocumentedBounds() {
        double[][] xy = powSamples();
        double[] x = xy[0], y = xy[1], got = new double[x.length];
        DoubleRows.binary(BinaryOp.POW, x, 0, y, 0, got, 0, x.length);
        float[] xf = new float[x.length], yf = new float[x.length], gotF = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            xf[i] = (float) x[i];
            yf[i] = (float) y[i];
        }
        FloatRows.binary(BinaryOp.POW, xf, 0, yf, 0, gotF, 0, x.length);
        double worst = 0, worstF = 0;
        String at = "", atF = "";
        for (int i = 0; i < x.length; i++) {
            double ref = StrictMath.pow(x[i], y[i]);
            double err = error(got[i], ref, Math.ulp(ref), ref, x[i], UnaryOp.EXP);
            if (err > worst) {
                worst = err;
                at = x[i] + "^" + y[i];
            }
            double refF = StrictMath.pow(xf[i], yf[i]);
            double errF = error(gotF[i], refF, Math.ulp((float) refF), (float) refF, xf[i], UnaryOp.EXP);
            if (errF > worstF) {
                worstF = errF;
                atF = xf[i] + "^" + yf[i];
            }
        }
        System.out.printf("float32 POW      max %.3f ulp at %s%nfloat64 POW      max %.3f ulp at %s%n", worstF, atF, worst, at);
        assertTrue(worstF <= POW_FLOAT_ULP, "float32 pow error " + worstF + " ulp at " + atF);
        assertTrue(worst <= POW_DOUBLE_ULP, "float64 pow error " + worst + " ulp at " + at);
    }

    @Test
    void powIsExactWhereTheResultIs() {
        List<String> wrong = new ArrayList<>();
        for (int base = -12; base <= 12; base++) {
            for (int e = -8; e <= 30; e++) {
                double exact = Math.pow(base, e);   // exact here: small integer powers and their reciprocal powers of two
                boolean representable = Math.abs(exact) < 0x1p53 && (e >= 0 || Integer.bitCount(Math.abs(base)) == 1);
                if (!representable || base == 0 && e < 0) continue;
                double[] got = new double[1];
                DoubleRows.binary(BinaryOp.POW, new double[] {base}, 0, new double[] {e}, 0, got, 0, 1);
                if (got[0] != exact) wrong.add(base + "^" + e + " = " + got[0]);
            }
        }
        double[] halves = {4, 0.25, 2.25, 1e10, 0x1p-1000};
        for (double v : halves) {
            double[] got = new double[1];
            DoubleRows.binary(BinaryOp.POW, new double[] {v}, 0, new double[] {0.5}, 0, got, 0, 1);
            if (got[0] != Math.sqrt(v)) wrong.add(v + "^0.5 = " + got[0]);
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void powSpecialValuesFollowC() {
        double[] values = {0.0, -0.0, 1, -1, 2, -2, 0.5, -0.5, 3, -3, Double.MIN_VALUE, Double.MAX_VALUE,
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN};
        int n = values.length * values.length;
        double[] x = new double[n], y = new double[n], got = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = values[i / values.length];
            y[i] = values[i % values.length];
        }
        DoubleRows.binary(BinaryOp.POW, x, 0, y, 0, got, 0, n);
        for (int i = 0; i < n; i++) {
            // C99 Annex F: pow(1, y) = 1 and pow(-1, +-inf) = 1, where Java's pow gives NaN; otherwise StrictMath
            double expected = x[i] == 1 || x[i] == -1 && Double.isInfinite(y[i]) ? 1 : StrictMath.pow(x[i], y[i]);
            String call = "pow(" + x[i] + ", " + y[i] + ")";
            if (Double.isNaN(expected) || Double.isInfinite(expected) || expected == 0) assertEquals(expected, got[i], call);
            else assertEquals(expected, got[i], POW_DOUBLE_ULP * Math.ulp(expected), call);   // StrictMath is within 1 ulp too
        }
    }

    /** Bases over every exponent with exponents that keep x^y in range; the benchmark's ranges; negative bases with integer exponents. */
    private static double[][] powSamples() {
        SplittableRandom random = new SplittableRandom(42);
        int n = 3 * SAMPLES;
        double[] x = new double[n], y = new double[n];
        for (int i = 0; i < SAMPLES; i++) {
            x[i] = Math.scalb(1 + random.nextDouble(), random.nextInt(-1074, 1024));
            double t = -745 + 1455 * random.nextDouble();   // ln of the result
            y[i] = t / Math.log(x[i]);
            x[SAMPLES + i] = 8 * random.nextDouble();
            y[SAMPLES + i] = 8 * random.nextDouble() - 4;
            x[2 * SAMPLES + i] = -20 * random.nextDouble();
            y[2 * SAMPLES + i] = random.nextInt(-30, 30);
        }
        return new double[][] {x, y};
    }

    /**
     * Error of {@code got} in units of {@code ulp}; NaN, infinite and zero references (rounded to
     * the tested type: {@code rounded}) must be matched exactly, signed zeros included.
     */
    private static double error(double got, double ref, double ulp, double rounded, double x, UnaryOp op) {
        if (Double.isNaN(rounded) || Double.isInfinite(rounded) || rounded == 0) {
            assertEquals(rounded, got, () -> op + "(" + x + ")");   // assertEquals(double, double) tells -0.0 from 0.0
            return 0;
        }
        return Math.abs(got - ref) / ulp;
    }

    /** Uniform samples over the range, random mantissas at every exponent with both signs, and the edges. */
    private static double[] samples(Fn fn, boolean float32) {
        SplittableRandom random = new SplittableRandom(fn.op.ordinal());
        int minExp = float32 ? -149 : -1074, maxExp = float32 ? 127 : 1023;
        int perExp = Math.max(1, SAMPLES / (maxExp - minExp + 1) / 2);
        double[] out = new double[SAMPLES + 2 * perExp * (maxExp - minExp + 1) + EDGES.length];
        int n = 0;
        for (int i = 0; i < SAMPLES; i++) out[n++] = fn.lo + (fn.hi - fn.lo) * (i + random.nextDouble()) / SAMPLES;
        for (int e = minExp; e <= maxExp; e++) {
            for (int j = 0; j < perExp; j++) {
                double v = Math.scalb(1 + random.nextDouble(), e);
                out[n++] = v;
                out[n++] = -v;
            }
        }
        for (double edge : EDGES) out[n++] = edge;
        return Arrays.copyOf(out, n);
    }
}
