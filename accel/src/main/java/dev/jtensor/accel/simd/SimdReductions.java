package dev.jtensor.accel.simd;

import dev.jtensor.accel.Parallel;
import dev.jtensor.accel.ReduceOp;
import dev.jtensor.accel.Strided;
import dev.jtensor.accel.StridedLoops;
import dev.jtensor.accel.StridedLoops.Layout;
import java.util.Arrays;

/**
 * Vectorised sum, max and min of float32/float64 data in the two layouts that matter: the reduced
 * axes form one contiguous row per output (reducing the last axes), or the kept axes form one
 * contiguous row that whole rows are accumulated into (reducing the leading axes). Other layouts,
 * dtypes and reductions report false and run on the scalar kernels.
 */
final class SimdReductions {

    /** Rows of a leading-axis reduction summed in float before their total joins the double sum. */
    private static final int BLOCK_ROWS = 256;

    private SimdReductions() {
    }

    static boolean reduce(ReduceOp op, int[] shape, boolean[] reduced, Strided x, Object out) {
        boolean floats = x.data() instanceof float[];
        if ((op != ReduceOp.SUM && op != ReduceOp.MAX && op != ReduceOp.MIN)
                || !(floats || x.data() instanceof double[]) || out.getClass() != x.data().getClass()) {
            return false;
        }
        int rank = shape.length, inner = 0;
        for (boolean r : reduced) if (r) inner++;
        int[] keptShape = new int[rank - inner], keptStrides = new int[rank - inner];
        int[] redShape = new int[inner], redStrides = new int[inner];
        for (int d = 0, k = 0, r = 0; d < rank; d++) {
            if (reduced[d]) { redShape[r] = shape[d]; redStrides[r++] = x.strides()[d]; }
            else { keptShape[k] = shape[d]; keptStrides[k++] = x.strides()[d]; }
        }
        Layout red = Layout.merge(redShape, new int[][] {redStrides});
        Layout kept = Layout.merge(keptShape, new int[][] {keptStrides});
        if (red.shape().length == 0 || (red.shape().length == 1 && red.innerStride(0) == 1)) {
            int length = red.shape().length == 0 ? (size(redShape) == 0 ? 0 : 1) : red.shape()[0];
            perOutputRow(op, floats, x, keptShape, keptStrides, length, out);
            return true;
        }
        if (kept.shape().length == 1 && kept.innerStride(0) == 1) {
            intoOutputRow(op, floats, x, red, kept.shape()[0], out);
            return true;
        }
        return false;
    }

    /**
     * Each output reduces its own contiguous row of {@code length} elements; outputs are split
     * over the pool, or, when there are fewer outputs than threads, each long row is.
     */
    private static void perOutputRow(ReduceOp op, boolean floats, Strided x, int[] keptShape, int[] keptStrides,
                                     int length, Object out) {
        int outputs = size(keptShape);
        int tasks = (int) Math.max(1, Math.min(Parallel.threads(), (long) outputs * length / SimdKernels.PARALLEL_MIN));
        if (outputs < tasks) {
            for (int j = 0; j < outputs; j++) {
                int base = offsetOf(j, keptShape, keptStrides, x.offset());
                double[] partial = new double[tasks];
                int parts = tasks;
                Parallel.forEach(parts, t -> {
                    int start = (int) ((long) length * t / parts), end = (int) ((long) length * (t + 1) / parts);
                    partial[t] = reduceRow(op, floats, x.data(), base + start, end - start);
                });
                double r = partial[0];
                for (int t = 1; t < parts; t++) r = combine(op, r, partial[t]);
                store(out, j, r);
            }
            return;
        }
        int parts = tasks;
        Parallel.forEach(parts, t -> {
            int start = (int) ((long) outputs * t / parts), end = (int) ((long) outputs * (t + 1) / parts);
            for (int j = start; j < end; j++) {
                store(out, j, reduceRow(op, floats, x.data(), offsetOf(j, keptShape, keptStrides, x.offset()), length));
            }
        });
    }

    private static double reduceRow(ReduceOp op, boolean floats, Object data, int base, int length) {
        if (floats) {
            float[] xs = (float[]) data;
            return op == ReduceOp.SUM ? FloatRows.sum(xs, base, length) : FloatRows.extreme(op == ReduceOp.MAX, xs, base, length);
        }
        double[] xs = (double[]) data;
        return op == ReduceOp.SUM ? DoubleRows.sum(xs, base, length) : DoubleRows.extreme(op == ReduceOp.MAX, xs, base, length);
    }

    private static double combine(ReduceOp op, double a, double b) {
        return switch (op) {
            case SUM -> a + b;
            case MAX -> Math.max(a, b);
            default -> Math.min(a, b);
        };
    }

    private static void store(Object out, int j, double value) {
        if (out instanceof float[] f) f[j] = (float) value;
        else ((double[]) out)[j] = value;
    }

    /** Whole contiguous rows (the kept axes) are accumulated into the output, one per reduced index. */
    private static void intoOutputRow(ReduceOp op, boolean floats, Strided x, Layout red, int width, Object out) {
        int tasks = (int) Math.max(1, Math.min(Parallel.threads(), (long) size(red.shape()) * width / SimdKernels.PARALLEL_MIN));
        tasks = Math.min(tasks, Math.max(1, width / 64));
        int parts = tasks;
        Parallel.forEach(parts, t -> {
            int start = width * t / parts, end = width * (t + 1) / parts, n = end - start;
            if (floats) {
                float[] acc = new float[n];
                double[] total = op == ReduceOp.SUM ? new double[n] : null;
                Arrays.fill(acc, identity(op));
                int[] rows = {0};
                StridedLoops.forEachRow(red, new int[] {x.offset() + start}, (off, len) -> {
                    int stride = red.shape().length == 0 ? 0 : red.innerStride(0);
                    for (int r = 0; r < len; r++) {
                        FloatRows.accumulate(op, (float[]) x.data(), off[0] + r * stride, acc, n);
                        if (total != null && ++rows[0] % BLOCK_ROWS == 0) flush(acc, total);
                    }
                });
                if (total != null) {
                    flush(acc, total);
                    for (int i = 0; i < n; i++) ((float[]) out)[start + i] = (float) total[i];
                } else {
                    System.arraycopy(acc, 0, out, start, n);
                }
            } else {
                double[] acc = new double[n];
                Arrays.fill(acc, identity(op));
                StridedLoops.forEachRow(red, new int[] {x.offset() + start}, (off, len) -> {
                    int stride = red.shape().length == 0 ? 0 : red.innerStride(0);
                    for (int r = 0; r < len; r++) DoubleRows.accumulate(op, (double[]) x.data(), off[0] + r * stride, acc, n);
                });
                System.arraycopy(acc, 0, out, start, n);
            }
        });
    }

    private static void flush(float[] acc, double[] total) {
        for (int i = 0; i < acc.length; i++) {
            total[i] += acc[i];
            acc[i] = 0;
        }
    }

    private static float identity(ReduceOp op) {
        return switch (op) {
            case MAX -> Float.NEGATIVE_INFINITY;
            case MIN -> Float.POSITIVE_INFINITY;
            default -> 0;
        };
    }

    /** The offset of the {@code flat}-th element (row-major) of a strided index space. */
    private static int offsetOf(int flat, int[] shape, int[] strides, int base) {
        int offset = base;
        for (int d = shape.length - 1; d >= 0; d--) {
            offset += (flat % shape[d]) * strides[d];
            flat /= shape[d];
        }
        return offset;
    }

    private static int size(int[] shape) {
        int s = 1;
        for (int d : shape) s *= d;
        return s;
    }
}
