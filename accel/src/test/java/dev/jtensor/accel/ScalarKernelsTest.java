package dev.jtensor.accel;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The scalar kernels on the layouts the tensor layer hands them: awkward sizes, strided,
 * reversed and zero-stride (broadcast) views. Expected values are computed here element by element.
 */
class ScalarKernelsTest {

    private final Kernels kernels = new ScalarKernels();

    @Test
    void contiguousDimensionsMergeIntoOneRow() {
        var layout = StridedLoops.Layout.merge(new int[] {2, 3, 4}, new int[][] {{12, 4, 1}, {12, 4, 1}});
        assertArrayEquals(new int[] {24}, layout.shape());
        var broadcast = StridedLoops.Layout.merge(new int[] {2, 1, 4}, new int[][] {{4, 4, 1}, {0, 0, 1}});
        assertArrayEquals(new int[] {2, 4}, broadcast.shape());
    }

    @Test
    void axpyRoundsTheProductBeforeTheSum() {
        float[] x = {1, 0.3f, -2}, y = {1, 4, 0.5f}, out = new float[3];
        kernels.axpy(3, -0.1, x, y, out);
        // float32 throughout: (float) -0.1 times x, rounded, then added
        float a = (float) -0.1;
        assertArrayEquals(new float[] {1 + a * 1, 4 + a * 0.3f, 0.5f + a * -2}, out);
        double[] dx = {1, 2}, dy = {3, 4}, dout = new double[2];
        kernels.axpy(2, 0.5, dx, dy, dout);
        assertArrayEquals(new double[] {3.5, 5}, dout);
        assertThrows(IllegalArgumentException.class, () -> kernels.axpy(1, 1, new int[1], new int[1], new int[1]));
    }

    @Test
    void rowsVisitEveryElementOnceWithItsOffset() {
        int[] shape = {3, 2, 2};
        int[] strides = {1, 6, 3};           // a permuted view of a 12-element buffer
        List<Integer> offsets = new ArrayList<>();
        var layout = StridedLoops.forEachRow(shape, new int[][] {strides}, new int[] {0}, (off, len) -> {
            for (int i = 0; i < len; i++) offsets.add(off[0] + i * 3);
        });
        assertEquals(12, offsets.size());
        assertEquals(List.of(0, 3, 6, 9, 1, 4, 7, 10, 2, 5, 8, 11), offsets);
        assertEquals(2, layout.shape().length);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 13, 207, 1023})
    void binaryOnAReversedAndABroadcastOperand(int n) {
        float[] a = new float[n], b = {2.5f};
        for (int i = 0; i < n; i++) a[i] = i * 0.5f - 3;
        float[] out = new float[n];
        // a read backwards (negative stride), b broadcast (zero stride)
        kernels.binary(BinaryOp.MULTIPLY, new int[] {n}, new Strided(a, n - 1, new int[] {-1}),
                new Strided(b, 0, new int[] {0}), Strided.contiguous(out, new int[] {n}));
        for (int i = 0; i < n; i++) assertEquals(a[n - 1 - i] * 2.5f, out[i]);
    }

    @Test
    void reduceOverAStridedMiddleAxis() {
        double[] x = new double[24];
        for (int i = 0; i < 24; i++) x[i] = i;
        double[] out = new double[8];
        kernels.reduce(ReduceOp.SUM, new int[] {2, 3, 4}, new boolean[] {false, true, false},
                Strided.contiguous(x, new int[] {2, 3, 4}), out);
        for (int o = 0; o < 2; o++) {
            for (int j = 0; j < 4; j++) {
                double expected = 0;
                for (int m = 0; m < 3; m++) expected += x[o * 12 + m * 4 + j];
                assertEquals(expected, out[o * 4 + j]);
            }
        }
    }

    @Test
    void compensatedSumKeepsSmallTerms() {
        double[] x = new double[10_001];
        x[0] = 1e16;
        for (int i = 1; i < x.length; i++) x[i] = 1;
        double[] out = new double[1];
        kernels.reduce(ReduceOp.SUM, new int[] {x.length}, new boolean[] {true}, Strided.contiguous(x, new int[] {x.length}), out);
        assertEquals(1e16 + 10_000, out[0]);
    }

    @Test
    void matmulWithTransposedAndBroadcastBatchStrides() {
        // a: 2x3 stored transposed (3x2 buffer); b: one 3x2 matrix shared by a batch of 2
        float[] aT = {1, 4, 2, 5, 3, 6};
        float[] b = {1, 2, 3, 4, 5, 6};
        float[] out = new float[2 * 2 * 2];
        kernels.matmul(new int[] {2}, 2, 2, 3, new Strided(aT, 0, new int[] {0, 1, 2}),
                new Strided(b, 0, new int[] {0, 2, 1}), out);
        float[] one = {22, 28, 49, 64};
        for (int i = 0; i < 8; i++) assertEquals(one[i % 4], out[i]);
    }

    @Test
    void integerKernelsWrapAndRejectDivisionByZero() {
        int[] a = {Integer.MAX_VALUE}, b = {1}, out = new int[1];
        kernels.binary(BinaryOp.ADD, new int[] {1}, Strided.contiguous(a, new int[] {1}), Strided.contiguous(b, new int[] {1}),
                Strided.contiguous(out, new int[] {1}));
        assertEquals(Integer.MIN_VALUE, out[0]);
        int[] zero = {0};
        assertThrows(ArithmeticException.class, () -> kernels.binary(BinaryOp.FLOOR_DIV, new int[] {1},
                Strided.contiguous(a, new int[] {1}), Strided.contiguous(zero, new int[] {1}),
                Strided.contiguous(out, new int[] {1})));
    }

    @Test
    void inverseAndDeterminantByLu() {
        double[] m = {4, 7, 2, 6};
        double[] inv = new double[4], det = new double[1];
        kernels.matrixInverse(1, 2, m, inv);
        kernels.matrixDeterminant(1, 2, m, det);
        assertArrayEquals(new double[] {0.6, -0.7, -0.2, 0.4}, inv, 1e-15);
        assertEquals(10, det[0], 1e-12);
        assertThrows(ArithmeticException.class, () -> kernels.matrixInverse(1, 2, new double[] {1, 2, 2, 4}, inv));
    }

    @Test
    void providerFallsBackToScalarForUnknownNames() {
        assertEquals("scalar", KernelProvider.choose("no-such-backend").name());
        assertTrue(KernelProvider.choose("auto").name().startsWith("simd"), "the tests run with the Vector API");
        assertEquals(System.getProperty("jtensor.backend", "auto").equals("scalar") ? "scalar" : KernelProvider.choose("auto").name(),
                KernelProvider.kernels().name(), "the backend in use follows -Djtensor.backend");
        assertEquals("scalar", KernelProvider.choose("scalar").name());
    }
}
