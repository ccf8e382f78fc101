package dev.jtensor.accel.simd;

import static org.junit.jupiter.api.Assertions.*;

import dev.jtensor.accel.Parallel;
import dev.jtensor.accel.ScalarKernels;
import dev.jtensor.accel.Strided;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link SimdMatmul} against {@link ScalarKernels#matmul} (which accumulates in double) on awkward
 * sizes and on every layout the tensor layer hands a kernel: transposed operands (swapped strides),
 * offsets, padded rows (slices), reversed rows, broadcast batch entries (zero batch stride).
 *
 * <p>Error bound: for each output element, with {@code s = sum_p |a_ip| |b_pj|}, a float32 result
 * must be within {@code k * 2^-23 * s} of the reference (a float sum of {@code k} products is within
 * about {@code k * 2^-24 * s} of the exact one, and the reference itself is rounded to float), a
 * float64 result within {@code 1e-12 * s}.
 */
class SimdMatmulTest {

    private static final int[] SIZES = {1, 7, 13, 15, 16, 17, 31, 33, 100, 207};
    private final Random random = new Random(42);

    @AfterEach
    void restoreThreads() {
        Parallel.setMaxThreads(Integer.MAX_VALUE);
    }

    /** An operand of {@code rows x cols} inside a larger buffer. */
    private enum Layout { ROW_MAJOR, TRANSPOSED, PADDED, REVERSED_ROWS }

    private Strided operand(int rows, int cols, Layout layout, boolean f32) {
        int offset = 3, pad = 5;
        int size = offset + (rows + 1) * (cols + pad) + 1;
        double[] values = new double[size];
        for (int i = 0; i < size; i++) values[i] = random.nextDouble() * 2 - 1;
        Object data = f32 ? toFloat(values) : values;
        return switch (layout) {
            case ROW_MAJOR -> new Strided(data, offset, new int[] {cols, 1});
            // stored as a (cols x rows) row-major matrix and read transposed: swapped strides
            case TRANSPOSED -> new Strided(data, offset, new int[] {1, rows});
            // a slice: each row is followed by `pad` unused elements
            case PADDED -> new Strided(data, offset, new int[] {cols + pad, 1});
            case REVERSED_ROWS -> new Strided(data, offset + (rows - 1) * (cols + pad), new int[] {-(cols + pad), 1});
        };
    }

    private static float[] toFloat(double[] values) {
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) f[i] = (float) values[i];
        return f;
    }

    /** Compares {@link SimdMatmul} with the scalar reference; {@code out} starts as garbage. */
    private static void check(int[] batch, int m, int n, int k, Strided a, Strided b) {
        boolean f32 = a.data() instanceof float[];
        int count = 1;
        for (int d : batch) count *= d;
        int size = count * m * n;
        Object expected = f32 ? new float[size] : new double[size];
        new ScalarKernels().matmul(batch, m, n, k, a, b, expected);
        Object scale = f32 ? new float[size] : new double[size];
        new ScalarKernels().matmul(batch, m, n, k, abs(a), abs(b), scale);
        Object actual = f32 ? new float[size] : new double[size];
        if (f32) java.util.Arrays.fill((float[]) actual, Float.NaN);
        else java.util.Arrays.fill((double[]) actual, Double.NaN);
        SimdMatmul.matmul(batch, m, n, k, a, b, actual);
        double tolerance = f32 ? Math.max(k, 1) * 0x1p-23 : 1e-12;
        for (int i = 0; i < size; i++) {
            double e = f32 ? ((float[]) expected)[i] : ((double[]) expected)[i];
            double g = f32 ? ((float[]) actual)[i] : ((double[]) actual)[i];
            double s = f32 ? ((float[]) scale)[i] : ((double[]) scale)[i];
            if (!(Math.abs(g - e) <= tolerance * s)) {
                fail(String.format("%s m=%d n=%d k=%d batch=%s: element %d is %s, expected %s (scale %s)",
                        f32 ? "float32" : "float64", m, n, k, java.util.Arrays.toString(batch), i, g, e, s));
            }
        }
    }

    private static Strided abs(Strided s) {
        Object data = switch (s.data()) {
            case float[] f -> {
                float[] r = f.clone();
                for (int i = 0; i < r.length; i++) r[i] = Math.abs(r[i]);
                yield r;
            }
            case double[] d -> {
                double[] r = d.clone();
                for (int i = 0; i < r.length; i++) r[i] = Math.abs(r[i]);
                yield r;
            }
            default -> throw new IllegalArgumentException();
        };
        return new Strided(data, s.offset(), s.strides());
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void awkwardSizesAllTransposeCombinations(boolean f32) {
        Layout[] layouts = {Layout.ROW_MAJOR, Layout.TRANSPOSED};
        for (int m : SIZES) {
            for (int n : SIZES) {
                for (int k : SIZES) {
                    // every size with both operands plain; the transposed combinations on a sparser grid
                    int combos = (m + n + k) % 3 == 0 ? 4 : 1;
                    for (int c = 0; c < combos; c++) {
                        check(new int[0], m, n, k, operand(m, k, layouts[c & 1], f32),
                                operand(k, n, layouts[c >> 1], f32));
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void narrowProductsInEveryLayout(boolean f32) {
        // fewer columns than a tile and more rows: the path that computes the transposed product
        for (int[] s : new int[][] {{256, 10, 64}, {64, 10, 256}, {40, 3, 9}, {33, 31, 600}}) {
            for (Layout la : Layout.values()) {
                for (Layout lb : Layout.values()) {
                    check(new int[0], s[0], s[1], s[2], operand(s[0], s[2], la, f32), operand(s[2], s[1], lb, f32));
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void slicedAndReversedViews(boolean f32) {
        for (int[] s : new int[][] {{33, 100, 17}, {207, 31, 100}, {16, 16, 16}, {100, 207, 33}}) {
            check(new int[0], s[0], s[1], s[2], operand(s[0], s[2], Layout.PADDED, f32),
                    operand(s[2], s[1], Layout.REVERSED_ROWS, f32));
            check(new int[0], s[0], s[1], s[2], operand(s[0], s[2], Layout.REVERSED_ROWS, f32),
                    operand(s[2], s[1], Layout.PADDED, f32));
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void vectorTimesMatrixAndMatrixTimesVector(boolean f32) {
        for (Layout la : Layout.values()) {
            for (Layout lb : Layout.values()) {
                check(new int[0], 1, 300, 77, operand(1, 77, la, f32), operand(77, 300, lb, f32));
                check(new int[0], 300, 1, 77, operand(300, 77, la, f32), operand(77, 1, lb, f32));
                check(new int[0], 1, 1, 1000, operand(1, 1000, la, f32), operand(1000, 1, lb, f32));
                check(new int[0], 1, 71, 5, operand(1, 5, la, f32), operand(5, 71, lb, f32));
                check(new int[0], 1, 100, 300, operand(1, 300, la, f32), operand(300, 100, lb, f32));
            }
        }
        // every other column of B: no unit stride on either axis, so the packed path
        Strided wide = operand(77, 600, Layout.ROW_MAJOR, f32);
        check(new int[0], 1, 300, 77, operand(1, 77, Layout.ROW_MAJOR, f32),
                new Strided(wide.data(), wide.offset(), new int[] {600, 2}));
        // on all threads: a batch of matrix-vector products split by rows, a vector-matrix one by columns
        check(new int[] {3}, 400, 1, 400, batched(new int[] {3}, 400, 400, f32, false),
                batched(new int[] {3}, 400, 1, f32, false));
        check(new int[0], 1, 2000, 300, operand(1, 300, Layout.ROW_MAJOR, f32), operand(300, 2000, Layout.ROW_MAJOR, f32));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 0})
    void largeProductsOnOneAndAllThreads(int oneThread) {
        if (oneThread == 1) Parallel.setMaxThreads(1);
        for (boolean f32 : new boolean[] {true, false}) {
            check(new int[0], 257, 300, 513, operand(257, 513, Layout.ROW_MAJOR, f32),
                    operand(513, 300, Layout.TRANSPOSED, f32));
            check(new int[0], 300, 257, 260, operand(300, 260, Layout.TRANSPOSED, f32),
                    operand(260, 257, Layout.PADDED, f32));
            // more columns than rows: the parallel split goes over columns
            check(new int[0], 20, 700, 64, operand(20, 64, Layout.ROW_MAJOR, f32),
                    operand(64, 700, Layout.ROW_MAJOR, f32));
        }
        check(new int[0], 1023, 1023, 64, operand(1023, 64, Layout.ROW_MAJOR, true),
                operand(64, 1023, Layout.ROW_MAJOR, true));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 0})
    void batchesOfRankZeroOneAndTwoWithBroadcast(int oneThread) {
        if (oneThread == 1) Parallel.setMaxThreads(1);
        for (boolean f32 : new boolean[] {true, false}) {
            int m = 37, n = 45, k = 150;
            // rank 1: three entries, A contiguous, B shared by all (zero batch stride); 2 threads split each
            // entry in two
            Strided a1 = batched(new int[] {3}, m, k, f32, false);
            Strided b1 = batched(new int[] {3}, k, n, f32, true);
            check(new int[] {3}, m, n, k, a1, b1);
            // rank 2: [2, 3] entries, A broadcast over the first axis, B contiguous and transposed
            Strided a2 = batched(new int[] {2, 3}, m, k, f32, false);
            a2 = new Strided(a2.data(), a2.offset(), new int[] {0, a2.strides()[1], a2.strides()[2], a2.strides()[3]});
            Strided b2 = batched(new int[] {2, 3}, n, k, f32, false);
            b2 = new Strided(b2.data(), b2.offset(), new int[] {b2.strides()[0], b2.strides()[1], 1, k});
            check(new int[] {2, 3}, m, n, k, a2, b2);
            // many small entries (the unpacked path), and rank 0
            check(new int[] {5, 4}, 3, 2, 4, batched(new int[] {5, 4}, 3, 4, f32, false),
                    batched(new int[] {5, 4}, 4, 2, f32, false));
            check(new int[0], 2, 2, 2, operand(2, 2, Layout.ROW_MAJOR, f32), operand(2, 2, Layout.TRANSPOSED, f32));
        }
    }

    /** A contiguous batch of matrices after an offset of 7; {@code shared}: one matrix, zero batch strides. */
    private Strided batched(int[] batch, int rows, int cols, boolean f32, boolean shared) {
        int count = 1;
        for (int d : batch) count *= d;
        int size = 7 + (shared ? 1 : count) * rows * cols;
        double[] values = new double[size];
        for (int i = 0; i < size; i++) values[i] = random.nextDouble() * 2 - 1;
        int[] strides = new int[batch.length + 2];
        strides[batch.length] = cols;
        strides[batch.length + 1] = 1;
        int s = rows * cols;
        for (int d = batch.length - 1; d >= 0; d--) {
            strides[d] = shared ? 0 : s;
            s *= batch[d];
        }
        return new Strided(f32 ? toFloat(values) : values, 7, strides);
    }

    @Test
    void emptyInnerDimensionGivesZeros() {
        float[] out = {1, 2, 3, 4, 5, 6};
        SimdMatmul.matmul(new int[0], 2, 3, 0, Strided.contiguous(new float[0], new int[] {2, 0}),
                Strided.contiguous(new float[0], new int[] {0, 3}), out);
        assertArrayEquals(new float[6], out);
        double[] none = {};
        SimdMatmul.matmul(new int[0], 0, 3, 4, Strided.contiguous(new double[0], new int[] {0, 4}),
                Strided.contiguous(new double[12], new int[] {4, 3}), none);
    }

    @Test
    void integersGoToTheScalarKernels() {
        int[] a = {1, 2, 3, 4, 5, 6}, b = {7, 8, 9, 10, 11, 12};
        int[] out = new int[4];
        SimdMatmul.matmul(new int[0], 2, 2, 3, Strided.contiguous(a, new int[] {2, 3}),
                Strided.contiguous(b, new int[] {3, 2}), out);
        assertArrayEquals(new int[] {58, 64, 139, 154}, out);
    }

    @Test
    void splitCutsOnStepsAndCoversTheRange() {
        assertEquals(0, SimdMatmul.split(100, 2, 0, 8));
        assertEquals(48, SimdMatmul.split(100, 2, 1, 8));
        assertEquals(100, SimdMatmul.split(100, 2, 2, 8));
        assertEquals(0, SimdMatmul.split(5, 4, 3, 8));
    }
}
