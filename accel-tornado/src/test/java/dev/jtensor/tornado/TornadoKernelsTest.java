package dev.jtensor.tornado;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtensor.accel.Backends;
import dev.jtensor.accel.BinaryOp;
import dev.jtensor.accel.Device;
import dev.jtensor.accel.ReduceOp;
import dev.jtensor.accel.ScalarKernels;
import dev.jtensor.accel.Strided;
import dev.jtensor.accel.UnaryOp;
import dev.jtensor.accel.UpdateRule;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The device kernels against the scalar reference kernels, on awkward sizes and strided views (runs on PoCL here). */
class TornadoKernelsTest {

    static final TornadoBackend GPU = TornadoBackend.of(new Device("gpu", 0));
    static final ScalarKernels REF = new ScalarKernels();
    final Random random = new Random(7);

    float[] floats(int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) (random.nextGaussian() * 2);
        return a;
    }

    Strided on(Object host, int offset, int... strides) {
        return new Strided(GPU.upload(host), offset, strides);
    }

    static void close(float[] expected, float[] actual, double ulps) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            float e = expected[i], a = actual[i];
            if (Float.isNaN(e)) {
                assertTrue(Float.isNaN(a), "element " + i + ": expected NaN, got " + a);
                continue;
            }
            double tolerance = ulps * Math.ulp(Math.max(Math.abs(e), 1e-30f));
            assertTrue(Math.abs(e - a) <= tolerance, "element " + i + ": expected " + e + ", got " + a);
        }
    }

    @Test
    void listsDevicesAndNamesThem() {
        assertTrue(Backends.devices().contains(new Device("gpu", 0)), Backends.devices().toString());
        assertTrue(!GPU.deviceName().isBlank());
        assertTrue(GPU.memoryBytes() > 0);
        var e = assertThrows(IllegalArgumentException.class, () -> Backends.of(new Device("gpu", 99)));
        assertTrue(e.getMessage().contains("gpu:99"), e.getMessage());
    }

    @Test
    void uploadAndDownloadRoundTripEveryType() {
        float[] f = floats(70001);
        assertArrayEquals(f, (float[]) GPU.download(GPU.upload(f), f.length));
        double[] d = {1.5, -0.0, Double.NaN, 1e300};
        assertArrayEquals(d, (double[]) GPU.download(GPU.upload(d), d.length));
        int[] i = {3, -7, Integer.MIN_VALUE};
        assertArrayEquals(i, (int[]) GPU.download(GPU.upload(i), i.length));
        long[] l = {Long.MAX_VALUE, -1, 1L << 60};
        assertArrayEquals(l, (long[]) GPU.download(GPU.upload(l), l.length));
        boolean[] b = {true, false, true};
        assertArrayEquals(b, (boolean[]) GPU.download(GPU.upload(b), b.length));
    }

    @Test
    void unaryOpsMatchTheReferenceOnAStridedView() {
        float[] x = floats(3 * 17 * 2);
        for (UnaryOp op : UnaryOp.values()) {
            if (op == UnaryOp.LOGICAL_NOT) continue;
            int[] shape = {3, 17};
            int[] strides = {34, 2}; // every other element
            float[] expected = new float[51];
            REF.unary(op, shape, new Strided(x, 1, strides), Strided.contiguous(expected, shape));
            Object out = GPU.allocate(float.class, 51);
            GPU.kernels().unary(op, shape, on(x, 1, strides), Strided.contiguous(out, shape));
            close(expected, (float[]) GPU.download(out, 51), op == UnaryOp.SIN || op == UnaryOp.COS ? 2 : 1);
        }
    }

    @Test
    void binaryOpsBroadcastAndCompare() {
        int[] shape = {5, 33};
        float[] a = floats(5 * 33), b = floats(33);
        for (BinaryOp op : new BinaryOp[] {BinaryOp.ADD, BinaryOp.SUBTRACT, BinaryOp.MULTIPLY, BinaryOp.DIVIDE,
                BinaryOp.MAXIMUM, BinaryOp.MINIMUM, BinaryOp.FLOOR_DIV, BinaryOp.FLOOR_MOD, BinaryOp.POW}) {
            float[] expected = new float[165];
            REF.binary(op, shape, Strided.contiguous(a, shape), new Strided(b, 0, new int[] {0, 1}), Strided.contiguous(expected, shape));
            Object out = GPU.allocate(float.class, 165);
            GPU.kernels().binary(op, shape, on(a, 0, 33, 1), on(b, 0, 0, 1), Strided.contiguous(out, shape));
            close(expected, (float[]) GPU.download(out, 165), op == BinaryOp.POW ? 2 : 0);
        }
        boolean[] expected = new boolean[165];
        REF.binary(BinaryOp.LESS, shape, Strided.contiguous(a, shape), new Strided(b, 0, new int[] {0, 1}), Strided.contiguous(expected, shape));
        Object out = GPU.allocate(boolean.class, 165);
        GPU.kernels().binary(BinaryOp.LESS, shape, on(a, 0, 33, 1), on(b, 0, 0, 1), Strided.contiguous(out, shape));
        assertArrayEquals(expected, (boolean[]) GPU.download(out, 165));
        long[] li = {7, -7, 9}, lj = {2, 2, 0};
        Object q = GPU.allocate(long.class, 3);
        var e = assertThrows(ArithmeticException.class, () -> GPU.kernels().binary(BinaryOp.FLOOR_DIV, new int[] {3},
                on(li, 0, 1), on(lj, 0, 1), Strided.contiguous(q, new int[] {3})));
        assertTrue(e.getMessage() != null);
    }

    @Test
    void reductionsAlongAxesMatch() {
        int[] shape = {4, 7, 9};
        float[] x = floats(4 * 7 * 9);
        for (ReduceOp op : new ReduceOp[] {ReduceOp.SUM, ReduceOp.PROD, ReduceOp.MAX, ReduceOp.MIN}) {
            for (boolean[] reduced : new boolean[][] {{true, false, true}, {false, true, false}, {true, true, true}}) {
                int outputs = 1;
                for (int d = 0; d < 3; d++) if (!reduced[d]) outputs *= shape[d];
                float[] expected = new float[outputs];
                REF.reduce(op, shape, reduced, Strided.contiguous(x, shape), expected);
                Object out = GPU.allocate(float.class, outputs);
                GPU.kernels().reduce(op, shape, reduced, on(x, 0, 63, 9, 1), out);
                close(expected, (float[]) GPU.download(out, outputs), 2);
            }
        }
        long[] expected = new long[28], actual = new long[28];
        REF.argReduce(true, shape, 2, Strided.contiguous(x, shape), expected);
        GPU.kernels().argReduce(true, shape, 2, on(x, 0, 63, 9, 1), actual);
        assertArrayEquals(expected, actual);
        float[] cumExpected = new float[252];
        REF.cumulative(false, shape, 1, true, true, Strided.contiguous(x, shape), cumExpected);
        Object cum = GPU.allocate(float.class, 252);
        GPU.kernels().cumulative(false, shape, 1, true, true, on(x, 0, 63, 9, 1), cum);
        close(cumExpected, (float[]) GPU.download(cum, 252), 0);
    }

    @Test
    void matmulOfAwkwardSizesTransposesAndBatches() {
        int m = 37, n = 19, k = 23;
        float[] a = floats(2 * m * k), b = floats(k * n);
        // a: batch of 2, b transposed ([n, k] stored) and broadcast over the batch
        float[] bt = new float[n * k];
        for (int p = 0; p < k; p++) for (int j = 0; j < n; j++) bt[j * k + p] = b[p * n + j];
        Strided refA = new Strided(a, 0, new int[] {m * k, k, 1}), refB = new Strided(bt, 0, new int[] {0, 1, k});
        float[] expected = new float[2 * m * n];
        REF.matmul(new int[] {2}, m, n, k, refA, refB, expected);
        Object out = GPU.allocate(float.class, 2 * m * n);
        GPU.kernels().matmul(new int[] {2}, m, n, k, on(a, 0, m * k, k, 1), on(bt, 0, 0, 1, k), out);
        float[] actual = (float[]) GPU.download(out, 2 * m * n);
        for (int i = 0; i < expected.length; i++) assertEquals(expected[i], actual[i], 1e-4 * (1 + Math.abs(expected[i])), "element " + i);
        double[] da = {1, 2, 3, 4, 5, 6}, db = {7, 8, 9, 10, 11, 12};
        Object dout = GPU.allocate(double.class, 4);
        GPU.kernels().matmul(new int[0], 2, 2, 3, on(da, 0, 3, 1), on(db, 0, 2, 1), dout);
        assertArrayEquals(new double[] {58, 64, 139, 154}, (double[]) GPU.download(dout, 4));
    }

    @Test
    void optimizerUpdatesAndAxpyStayOnTheDeviceAndMatch() {
        int n = 1000;
        float[] g = floats(n), w = floats(n), m = floats(n), v = new float[n];
        for (int i = 0; i < n; i++) v[i] = Math.abs(g[i]);
        double[] scalars = {0.01, 0.1, 0.001, 1e-7};
        float[][] out = {new float[n], new float[n], new float[n]};
        REF.applyUpdate(UpdateRule.ADAM, n, scalars, g, new Object[] {w, m, v}, out);
        Object dw = GPU.upload(w), dm = GPU.upload(m), dv = GPU.upload(v);
        GPU.kernels().applyUpdate(UpdateRule.ADAM, n, scalars, GPU.upload(g), new Object[] {dw, dm, dv}, new Object[] {dw, dm, dv});
        close(out[0], (float[]) GPU.download(dw, n), 1);
        close(out[1], (float[]) GPU.download(dm, n), 1);
        close(out[2], (float[]) GPU.download(dv, n), 1);
        float[] axpy = new float[n];
        REF.axpy(n, -0.5, g, w, axpy);
        Object o = GPU.allocate(float.class, n);
        GPU.kernels().axpy(n, -0.5, GPU.upload(g), GPU.upload(w), o);
        close(axpy, (float[]) GPU.download(o, n), 1);
    }

    @Test
    void gatherSegmentSumSelectFillAndCasts() {
        float[] params = floats(3 * 5 * 4);
        int[] idx = {4, 0, 4, 2};
        float[] expected = new float[3 * 4 * 4];
        REF.gather(params, 3, 5, 4, idx, expected);
        Object out = GPU.allocate(float.class, expected.length);
        GPU.kernels().gather(GPU.upload(params), 3, 5, 4, idx, out);
        assertArrayEquals(expected, (float[]) GPU.download(out, expected.length));

        float[] data = floats(4 * 3);
        int[] ids = {2, -1, 0, 2};
        float[] sums = new float[3 * 3];
        REF.segmentSum(data, 3, ids, sums);
        Object dsum = GPU.allocateZeroed(float.class, 9);
        GPU.kernels().segmentSum(GPU.upload(data), 3, ids, dsum);
        assertArrayEquals(sums, (float[]) GPU.download(dsum, 9));

        boolean[] cond = {true, false, false, true};
        float[] a = {1, 2, 3, 4}, b = {-1, -2, -3, -4};
        Object sel = GPU.allocate(float.class, 4);
        int[] shape = {4};
        GPU.kernels().select(shape, on(cond, 0, 1), on(a, 0, 1), on(b, 0, 1), Strided.contiguous(sel, shape));
        assertArrayEquals(new float[] {1, -2, -3, 4}, (float[]) GPU.download(sel, 4));

        Object filled = GPU.allocate(int.class, 5);
        GPU.kernels().fill(5, 3.9, filled);
        assertArrayEquals(new int[] {3, 3, 3, 3, 3}, (int[]) GPU.download(filled, 5));

        float[] values = {1.7f, -2.5f, 0f, 1e10f};
        Object asLong = GPU.allocate(long.class, 4), asBool = GPU.allocate(boolean.class, 4);
        GPU.kernels().copy(shape, on(values, 0, 1), Strided.contiguous(asLong, shape));
        GPU.kernels().copy(shape, on(values, 0, 1), Strided.contiguous(asBool, shape));
        assertArrayEquals(new long[] {1, -2, 0, 10000000000L}, (long[]) GPU.download(asLong, 4));
        assertArrayEquals(new boolean[] {true, true, false, true}, (boolean[]) GPU.download(asBool, 4));
    }

    @Test
    void transfersAreCountedOnlyWhenDataCrosses() {
        float[] x = floats(512);
        Object buffer = GPU.upload(x);
        long up = GPU.uploads(), down = GPU.downloads();
        Object y = GPU.allocate(float.class, 512);
        for (int step = 0; step < 10; step++) {
            GPU.kernels().unary(UnaryOp.TANH, new int[] {512}, Strided.contiguous(buffer, new int[] {512}), Strided.contiguous(y, new int[] {512}));
            GPU.kernels().axpy(512, 0.1, y, buffer, buffer);
        }
        assertEquals(up, GPU.uploads());
        assertEquals(down, GPU.downloads());
        float[] expected = x.clone(), t = new float[512];
        for (int step = 0; step < 10; step++) {
            REF.unary(UnaryOp.TANH, new int[] {512}, Strided.contiguous(expected, new int[] {512}), Strided.contiguous(t, new int[] {512}));
            REF.axpy(512, 0.1, t, expected, expected);
        }
        close(expected, (float[]) GPU.download(buffer, 512), 4);
        assertEquals(down + 1, GPU.downloads());
    }
}
