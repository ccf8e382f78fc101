package dev.jtensor.accel.simd;

import dev.jtensor.accel.Parallel;
import dev.jtensor.accel.ScalarKernels;
import dev.jtensor.accel.Strided;
import java.util.Arrays;

/**
 * Batched matrix product for {@code float[]} and {@code double[]} data with the Vector API, in the
 * manner of Goto's GEMM / BLIS: both operands are packed into cache-sized panels (from any strides,
 * so a transposed or sliced operand is never copied whole first) and a register-blocked FMA
 * micro-kernel computes {@code mr x nr} tiles of the product; see {@code Gemm} and {@code FloatGemm}.
 *
 * <p>Sums accumulate in the data type, as BLAS does: a float32 result differs from the exact product
 * by at most about {@code k * 2^-24 * sum_p |a_ip| |b_pj|} per element (the tests allow {@code k * 2^-23}
 * of that sum), a float64 one by about {@code k * 2^-53} of it (the tests allow {@code 1e-12}).
 *
 * <p>Products of more than {@value #PARALLEL} multiply-adds are split over {@link Parallel#threads()}
 * tasks of the shared pool: batches over entries, and an entry over rows or columns (whichever is
 * longer) when there are fewer entries than threads, each thread packing its own panels. Equal
 * static parts beat row blocks handed out dynamically over one shared packed B (the previous
 * design) by up to 20% on 2 cores (128^3: 164 GFLOP/s against 136; 784 x 256 x 64: 168 against
 * 153; equal from 1024^2): the pool's workers start at once, and packing twice costs little.
 *
 * <p>Tiny products ({@code m * n * k} below {@value #SMALL}) run plain dot products; a vector times a
 * matrix ({@code m == 1}) or a matrix times a vector ({@code n == 1}) runs unpacked vector loops; a
 * narrow product (fewer columns than a tile, more rows than columns) is computed as its transpose;
 * integer data goes to {@link ScalarKernels}.
 */
public final class SimdMatmul {

    /** Below this many multiply-adds per entry, packing costs more than it saves (8 x 8 x 8 gains 2x). */
    static final int SMALL = 256;
    /**
     * Below this many multiply-adds in all, the product stays on the calling thread: handing work to
     * a pool thread costs tens of microseconds (64^3 is faster on one thread, 80^3 on two).
     */
    static final long PARALLEL = 400_000;

    private static final ThreadLocal<FloatGemm> FLOAT = ThreadLocal.withInitial(FloatGemm::new);
    private static final ThreadLocal<DoubleGemm> DOUBLE = ThreadLocal.withInitial(DoubleGemm::new);

    private SimdMatmul() {
    }

    /** Same contract as {@link dev.jtensor.accel.Kernels#matmul}; {@code out} is a row-major float[] or double[]. */
    public static void matmul(int[] batchShape, int m, int n, int k, Strided a, Strided b, Object out) {
        boolean f32 = a.data() instanceof float[] && b.data() instanceof float[] && out instanceof float[];
        boolean f64 = a.data() instanceof double[] && b.data() instanceof double[] && out instanceof double[];
        if (!f32 && !f64) {
            new ScalarKernels().matmul(batchShape, m, n, k, a, b, out);
            return;
        }
        int rank = batchShape.length;
        int[] aOff = batchOffsets(batchShape, a.strides(), a.offset());
        int[] bOff = batchOffsets(batchShape, b.strides(), b.offset());
        int batch = aOff.length;
        if (batch == 0 || m == 0 || n == 0) return;
        if (k == 0) {
            if (f32) Arrays.fill((float[]) out, 0, batch * m * n, 0f);
            else Arrays.fill((double[]) out, 0, batch * m * n, 0.0);
            return;
        }
        var p = new Problem(m, n, k, a.data(), aOff, a.strides()[rank], a.strides()[rank + 1],
                b.data(), bOff, b.strides()[rank], b.strides()[rank + 1], out, f32);
        long work = (long) batch * m * n * k;
        int threads = Parallel.threads();
        if (threads == 1 || work < PARALLEL) {
            for (int t = 0; t < batch; t++) p.run(t, 0, m, 0, n);
            return;
        }
        int mr = p.mr(), nr = p.nr();
        boolean byRows = m >= n;
        // units = batch entries x parts, dealt out evenly: each task gets `perTask` consecutive units
        int parts = threads / gcd(batch, threads);
        int units = batch * parts, perTask = units / threads;
        int len = byRows ? m : n, step = byRows ? mr : nr;
        Parallel.forEach(threads, task -> {
            for (int u = task * perTask; u < (task + 1) * perTask; u++) {
                int entry = u / parts, part = u % parts;
                int from = split(len, parts, part, step), to = split(len, parts, part + 1, step);
                if (from >= to) continue;
                if (byRows) p.run(entry, from, to, 0, n);
                else p.run(entry, 0, m, from, to);
            }
        });
    }

    /** Boundary {@code part} of {@code len} cut into {@code parts} near-equal pieces, on multiples of {@code step}. */
    static int split(int len, int parts, int part, int step) {
        if (part >= parts) return len;
        long cut = (long) len * part / parts;
        return (int) Math.min(len, (cut + step / 2) / step * step);
    }

    /** One matmul call's operands; {@link #run} computes a block of one batch entry. */
    private record Problem(int m, int n, int k, Object a, int[] aOff, int aRow, int aCol,
                           Object b, int[] bOff, int bRow, int bCol, Object out, boolean f32) {

        int mr() {
            return f32 ? FloatGemm.MR : DoubleGemm.MR;
        }

        int nr() {
            return f32 ? FloatGemm.NR : DoubleGemm.NR;
        }

        /** The current thread's engine for this data type. */
        Gemm engine() {
            return f32 ? FLOAT.get() : DOUBLE.get();
        }

        /** Whether blocks of this product go through packing (not the tiny or the vector paths). */
        boolean packs() {
            return (long) m * n * k >= SMALL && !vectorTimesMatrix() && !matrixTimesVector();
        }

        private boolean vectorTimesMatrix() {
            return m == 1 && (bCol == 1 || bRow == 1);
        }

        private boolean matrixTimesVector() {
            return n == 1 && (aRow == 1 || aCol == 1);
        }

        /** Rows {@code [r0, r1)} and columns {@code [c0, c1)} of batch entry {@code t}. */
        void run(int t, int r0, int r1, int c0, int c1) {
            int aBase = aOff[t] + r0 * aRow, bBase = bOff[t] + c0 * bCol, cBase = t * m * n + r0 * n + c0;
            int rows = r1 - r0, cols = c1 - c0;
            // the path is chosen for the whole entry, not the block: the tiny path adds products
            // without FMAs, so a block of a thread-dependent size must not take it alone
            if ((long) m * n * k < SMALL) {
                if (f32) {
                    smallFloat((float[]) a, aBase, aRow, aCol, (float[]) b, bBase, bRow, bCol, (float[]) out, cBase, n, rows, cols, k);
                } else {
                    smallDouble((double[]) a, aBase, aRow, aCol, (double[]) b, bBase, bRow, bCol, (double[]) out, cBase, n, rows, cols, k);
                }
            } else if (vectorTimesMatrix()) {
                if (f32) FloatGemm.vecMat(k, cols, (float[]) a, aBase, aCol, (float[]) b, bBase, bRow, bCol, (float[]) out, cBase);
                else DoubleGemm.vecMat(k, cols, (double[]) a, aBase, aCol, (double[]) b, bBase, bRow, bCol, (double[]) out, cBase);
            } else if (matrixTimesVector()) {
                // (A b)^T = b^T A^T, and a one-column result is laid out like a one-row one
                if (f32) FloatGemm.vecMat(k, rows, (float[]) b, bBase, bRow, (float[]) a, aBase, aCol, aRow, (float[]) out, cBase);
                else DoubleGemm.vecMat(k, rows, (double[]) b, bBase, bRow, (double[]) a, aBase, aCol, aRow, (double[]) out, cBase);
            } else if (cols < nr() && rows > cols) {
                // a narrow C (a few columns) would leave most lanes of each tile idle: compute
                // C^T = B^T A^T, its long side along the lanes, and transpose it into place
                Object ct = f32 ? new float[rows * cols] : new double[rows * cols];
                engine().multiply(b, bBase, bCol, bRow, a, aBase, aCol, aRow, ct, 0, rows, cols, rows, k);
                transposeInto(ct, cols, rows, out, cBase, n);
            } else {
                engine().multiply(a, aBase, aRow, aCol, b, bBase, bRow, bCol, out, cBase, n, rows, cols, k);
            }
        }
    }

    /** {@code c[cBase + i * ldc + j] = t[j * rows + i]}: a row-major {@code cols x rows} t, transposed. */
    static void transposeInto(Object t, int cols, int rows, Object c, int cBase, int ldc) {
        if (t instanceof float[] f) {
            float[] o = (float[]) c;
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) o[cBase + i * ldc + j] = f[j * rows + i];
            }
        } else {
            double[] d = (double[]) t, o = (double[]) c;
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) o[cBase + i * ldc + j] = d[j * rows + i];
            }
        }
    }

    /** Plain dot products for tiny products, accumulating in float. */
    static void smallFloat(float[] a, int aBase, int aRow, int aCol, float[] b, int bBase, int bRow, int bCol,
                           float[] c, int cBase, int ldc, int rows, int cols, int k) {
        for (int i = 0; i < rows; i++) {
            int ai = aBase + i * aRow;
            for (int j = 0; j < cols; j++) {
                int bj = bBase + j * bCol;
                float sum = 0f;
                for (int p = 0; p < k; p++) sum += a[ai + p * aCol] * b[bj + p * bRow];
                c[cBase + i * ldc + j] = sum;
            }
        }
    }

    /** Plain dot products for tiny products, accumulating in double. */
    static void smallDouble(double[] a, int aBase, int aRow, int aCol, double[] b, int bBase, int bRow, int bCol,
                           double[] c, int cBase, int ldc, int rows, int cols, int k) {
        for (int i = 0; i < rows; i++) {
            int ai = aBase + i * aRow;
            for (int j = 0; j < cols; j++) {
                int bj = bBase + j * bCol;
                double sum = 0.0;
                for (int p = 0; p < k; p++) sum += a[ai + p * aCol] * b[bj + p * bRow];
                c[cBase + i * ldc + j] = sum;
            }
        }
    }

    /** Offsets of the batch entries, in row-major order of {@code batchShape}. */
    static int[] batchOffsets(int[] batchShape, int[] strides, int offset) {
        int count = 1;
        for (int d : batchShape) count *= d;
        int[] offsets = new int[count];
        int[] index = new int[batchShape.length];
        int off = offset;
        for (int t = 0; t < count; t++) {
            offsets[t] = off;
            for (int d = batchShape.length - 1; d >= 0; d--) {
                off += strides[d];
                if (++index[d] < batchShape[d]) break;
                off -= strides[d] * batchShape[d];
                index[d] = 0;
            }
        }
        return offsets;
    }

    private static int gcd(int x, int y) {
        while (y != 0) {
            int r = x % y;
            x = y;
            y = r;
        }
        return x;
    }
}
