package dev.jtensor.accel.simd;

import static org.junit.jupiter.api.Assertions.*;

import dev.jtensor.accel.BinaryOp;
import dev.jtensor.accel.ReduceOp;
import dev.jtensor.accel.ScalarKernels;
import dev.jtensor.accel.Strided;
import dev.jtensor.accel.UnaryOp;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The SIMD kernels against the scalar reference on awkward sizes and on strided, reversed and
 * broadcast layouts. Bounds: exact for IEEE-exact ops (+, -, *, /, sqrt, max, min, comparisons,
 * copies); within 4 ulp of the larger magnitude for float32 transcendentals and 2 ulp for float64
 * (the JDK's vector math library is within 1 ulp of the exact result, the reference rounds a
 * double-precision evaluation); sums within {@code n * eps * sum|x|}.
 */
class SimdKernelsPropertyTest {

    private final SimdKernels simd = new SimdKernels();
    private final ScalarKernels scalar = new ScalarKernels();

    @Provide
    Arbitrary<Integer> sizes() {
        return Arbitraries.oneOf(Arbitraries.of(1, 7, 13, 15, 16, 17, 31, 33, 207, 1023, 1024, 1025, 5000),
                Arbitraries.integers().between(0, 3000));
    }

    @Provide
    Arbitrary<UnaryOp> vectorUnary() {
        return Arbitraries.of(UnaryOp.values()).filter(FloatRows::supports);
    }

    @Provide
    Arbitrary<BinaryOp> vectorBinary() {
        return Arbitraries.of(BinaryOp.values()).filter(FloatRows::supports);
    }

    /** Layout of an operand: 0 contiguous, 1 every second element, 2 reversed. */
    @Provide
    Arbitrary<Integer> layouts() {
        return Arbitraries.integers().between(0, 2);
    }

    @Property(tries = 150)
    void unaryAgrees(@ForAll("vectorUnary") UnaryOp op, @ForAll("sizes") int n, @ForAll("layouts") int layout,
                     @ForAll boolean doubles, @ForAll long seed) {
        Random r = new Random(seed);
        double[] values = new double[2 * n + 1];
        boolean positive = op == UnaryOp.LOG || op == UnaryOp.SQRT || op == UnaryOp.RSQRT || op == UnaryOp.LOG1P;
        for (int i = 0; i < values.length; i++) values[i] = positive ? r.nextDouble() * 50 : (r.nextDouble() - 0.5) * 40;
        Strided x = view(doubles ? values : toFloats(values), n, layout);
        Object expected = doubles ? new double[n] : new float[n], actual = doubles ? new double[n] : new float[n];
        scalar.unary(op, new int[] {n}, x, Strided.contiguous(expected, new int[] {n}));
        simd.unary(op, new int[] {n}, x, Strided.contiguous(actual, new int[] {n}));
        boolean exact = switch (op) {
            case NEGATIVE, ABS, SQUARE, RELU, SQRT, RECIPROCAL -> true;
            default -> false;
        };
        // two approximations, each within its bound of the exact value (float64 sigmoid: 2 ulp, and the
        // scalar definition's own rounding), may lie on either side of it
        assertClose(expected, actual, exact ? 0 : 4, op.toString());
    }

    @Property(tries = 150)
    void binaryAgreesWithBroadcasting(@ForAll("vectorBinary") BinaryOp op, @ForAll("sizes") int n,
                                      @ForAll("layouts") int layout, @ForAll boolean broadcastRight,
                                      @ForAll boolean doubles, @ForAll long seed) {
        Random r = new Random(seed);
        double[] left = new double[2 * n + 1], right = new double[2 * n + 1];
        for (int i = 0; i < left.length; i++) {
            left[i] = Math.round((r.nextDouble() - 0.5) * 20) / 2.0;   // halves: equal values are common
            right[i] = Math.round((r.nextDouble() - 0.5) * 20) / 2.0 + (op == BinaryOp.DIVIDE ? 0.25 : 0);
        }
        Strided a = view(doubles ? left : toFloats(left), n, layout);
        Object rightData = doubles ? right : toFloats(right);
        Strided b = broadcastRight ? new Strided(rightData, 3 % right.length, new int[] {0}) : view(rightData, n, 0);
        boolean compare = op.kind() == BinaryOp.Kind.COMPARISON;
        Object expected = compare ? new boolean[n] : doubles ? new double[n] : new float[n];
        Object actual = compare ? new boolean[n] : doubles ? new double[n] : new float[n];
        scalar.binary(op, new int[] {n}, a, b, Strided.contiguous(expected, new int[] {n}));
        simd.binary(op, new int[] {n}, a, b, Strided.contiguous(actual, new int[] {n}));
        if (compare) {
            assertArrayEquals((boolean[]) expected, (boolean[]) actual, op.toString());
        } else {
            assertClose(expected, actual, op == BinaryOp.POW ? 1 : 0, op.toString());   // pow: ours and Math.pow are each within 1 ulp
        }
    }

    @Property(tries = 100)
    void reductionsAgreeOverRowsAndColumns(@ForAll("sizes") int rows, @ForAll boolean overRows,
                                           @ForAll boolean doubles, @ForAll long seed) {
        int cols = 1 + (int) Math.floorMod(seed, 37L);
        double[] values = new double[rows * cols];
        Random r = new Random(seed);
        for (int i = 0; i < values.length; i++) values[i] = (r.nextDouble() - 0.5) * 100;
        int[] shape = {rows, cols};
        Strided x = Strided.contiguous(doubles ? values : toFloats(values), shape);
        boolean[] reduced = {overRows, !overRows};
        int outputs = overRows ? cols : rows;
        double scale = 0;
        for (double v : values) scale += Math.abs(v);
        for (ReduceOp op : new ReduceOp[] {ReduceOp.SUM, ReduceOp.MAX, ReduceOp.MIN}) {
            Object expected = doubles ? new double[outputs] : new float[outputs];
            Object actual = doubles ? new double[outputs] : new float[outputs];
            scalar.reduce(op, shape, reduced, x, expected);
            simd.reduce(op, shape, reduced, x, actual);
            double tolerance = op == ReduceOp.SUM ? values.length * (doubles ? 0x1p-52 : 0x1p-23) * scale : 0;
            for (int i = 0; i < outputs; i++) {
                double e = get(expected, i), a = get(actual, i);
                assertEquals(e, a, tolerance, op + " output " + i + " of " + rows + "x" + cols);
            }
        }
    }

    @Property(tries = 60)
    void copiesAreExact(@ForAll("sizes") int n, @ForAll("layouts") int layout, @ForAll long seed) {
        double[] values = new Random(seed).doubles(2L * n + 1).toArray();
        Strided src = view(values, n, layout);
        double[] expected = new double[n], actual = new double[n];
        scalar.copy(new int[] {n}, src, Strided.contiguous(expected, new int[] {n}));
        simd.copy(new int[] {n}, src, Strided.contiguous(actual, new int[] {n}));
        assertArrayEquals(expected, actual);
    }

    @Property(tries = 60)
    void floatCastsAreExact(@ForAll("sizes") int n, @ForAll("layouts") int layout, @ForAll long seed) {
        double[] values = new Random(seed).doubles(2L * n + 1, -1e6, 1e6).toArray();
        float[] narrowScalar = new float[n], narrowSimd = new float[n];
        new ScalarKernels().copy(new int[] {n}, view(values, n, layout), Strided.contiguous(narrowScalar, new int[] {n}));
        simd.copy(new int[] {n}, view(values, n, layout), Strided.contiguous(narrowSimd, new int[] {n}));
        assertArrayEquals(narrowScalar, narrowSimd);
        double[] wideScalar = new double[n], wideSimd = new double[n];
        scalar.copy(new int[] {n}, Strided.contiguous(narrowSimd, new int[] {n}), Strided.contiguous(wideScalar, new int[] {n}));
        simd.copy(new int[] {n}, Strided.contiguous(narrowSimd, new int[] {n}), Strided.contiguous(wideSimd, new int[] {n}));
        assertArrayEquals(wideScalar, wideSimd);
    }

    @Property(tries = 100)
    void selectAgreesWithStridedAndBroadcastValues(@ForAll("sizes") int n, @ForAll("layouts") int layout,
                                                   @ForAll boolean broadcastRight, @ForAll boolean doubles,
                                                   @ForAll long seed) {
        Random r = new Random(seed);
        boolean[] cond = new boolean[n];
        for (int i = 0; i < n; i++) cond[i] = r.nextBoolean();
        double[] left = r.doubles(2L * n + 1).toArray(), right = r.doubles(2L * n + 1).toArray();
        Strided a = view(doubles ? left : toFloats(left), n, layout);
        Object rightData = doubles ? right : toFloats(right);
        // where(mask, g, 0): the second value is one element repeated (stride 0)
        Strided b = broadcastRight ? new Strided(rightData, 3 % right.length, new int[] {0}) : view(rightData, n, layout);
        Strided c = Strided.contiguous(cond, new int[] {n});
        Object expected = doubles ? new double[n] : new float[n], actual = doubles ? new double[n] : new float[n];
        scalar.select(new int[] {n}, c, a, b, Strided.contiguous(expected, new int[] {n}));
        simd.select(new int[] {n}, c, a, b, Strided.contiguous(actual, new int[] {n}));
        assertClose(expected, actual, 0, "select");
    }

    @Property(tries = 60)
    void axpyIsExactAndSplitsLargeArrays(@ForAll("sizes") int n, @ForAll boolean large, @ForAll boolean f32,
                                         @ForAll long seed) {
        // large arrays go through the parallel split; both element types must match scalar bit for bit
        int size = large ? 300_001 + n : n;
        Random random = new Random(seed);
        double alpha = -random.nextDouble();
        double[] x = random.doubles(size, -10, 10).toArray(), y = random.doubles(size, -10, 10).toArray();
        Object xs = f32 ? toFloats(x) : x, ys = f32 ? toFloats(y) : y;
        Object expected = f32 ? new float[size] : new double[size], actual = f32 ? new float[size] : new double[size];
        scalar.axpy(size, alpha, xs, ys, expected);
        simd.axpy(size, alpha, xs, ys, actual);
        if (f32) assertArrayEquals((float[]) expected, (float[]) actual);
        else assertArrayEquals((double[]) expected, (double[]) actual);
    }

    private static Strided view(Object data, int n, int layout) {
        return switch (layout) {
            case 1 -> new Strided(data, 0, new int[] {2});
            case 2 -> new Strided(data, Math.max(n - 1, 0), new int[] {-1});
            default -> new Strided(data, 1, new int[] {1});
        };
    }

    private static float[] toFloats(double[] values) {
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) f[i] = (float) values[i];
        return f;
    }

    private static double get(Object array, int i) {
        return array instanceof float[] f ? f[i] : ((double[]) array)[i];
    }

    private static void assertClose(Object expected, Object actual, int ulps, String what) {
        int n = java.lang.reflect.Array.getLength(expected);
        for (int i = 0; i < n; i++) {
            double e = get(expected, i), a = get(actual, i);
            if (Double.isNaN(e) || Double.isNaN(a)) {
                assertEquals(Double.isNaN(e), Double.isNaN(a), what + " NaN at " + i);
                continue;
            }
            double ulp = expected instanceof float[] ? Math.ulp((float) Math.max(Math.abs(e), Math.abs(a)))
                    : Math.ulp(Math.max(Math.abs(e), Math.abs(a)));
            assertEquals(e, a, ulps * ulp, what + " at " + i);
        }
    }
}
