package dev.jtensor.accel.simd;

import dev.jtensor.accel.Parallel;
import dev.jtensor.accel.ReduceOp;
import dev.jtensor.accel.Strided;
import dev.jtensor.accel.StridedLoops;
import dev.jtensor.accel.StridedLoops.Layout;
import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vectorised sum, max and min of float32/float64 data in the two layouts that matter: the reduced
 * axes form one contiguous row per output (reducing the last axes), or the kept axes form one
 * contiguous row that whole rows are accumulated into (reducing the leading axes). Other layouts,
 * dtypes and reductions report false and run on the scalar kernels.
 *
 * <h2>Determinism</h2>
 * The same call on the same input gives the same bits whatever the JIT has compiled, the number of
 * threads and the run, so that results can serve as a reference:
 * <ul>
 * <li>Lanes are combined by {@link #addLanes}: scalar adds in lane order. {@code reduceLanes(ADD)}
 *     is not used anywhere: the interpreter adds its lanes in order, compiled code in a tree, and
 *     the two round differently.</li>
 * <li>A row is cut into {@value #BLOCK}-element blocks from its start, never into one piece per
 *     thread: the blocks of a long row may run on different threads, but their results are
 *     combined in block order, exactly as the one-thread loop does.</li>
 * <li>A float32 sum adds runs of {@value #RUN} elements in four float vector accumulators, then each
 *     run's total (a float) into the block's double total, and block totals in a double: the
 *     error grows with the run, not with the row.</li>
 * <li>Accumulating whole rows into the output (leading axes reduced) splits the output's columns
 *     over threads; each column sees the same adds in the same order (float32 partial sums are
 *     flushed into the double total every {@value #BLOCK_ROWS} rows) however the columns are
 *     split.</li>
 * <li>Everything else is lanewise: vector and scalar adds, max and min are the same IEEE
 *     operations, so a row's vector body and its scalar tail agree too.</li>
 * </ul>
 */
final class SimdReductions {

    /** Rows of a leading-axis reduction summed in float before their total joins the double sum. */
    private static final int BLOCK_ROWS = 256;
    /**
     * Elements of a row reduced as one unit; a long row's blocks are what threads share. A multiple
     * of {@link #RUN}, and large enough that a block costs far more than handing it to a thread.
     */
    static final int BLOCK = 1 << 16;
    /** Elements a float32 sum accumulates in float vectors before adding their total into a double. */
    private static final int RUN = 4096;

    private static final VectorSpecies<Float> F = Species.FLOAT;
    private static final VectorSpecies<Double> D = Species.DOUBLE;

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
     * over the pool, or, when there are fewer outputs than threads, the blocks of each long row are.
     */
    private static void perOutputRow(ReduceOp op, boolean floats, Strided x, int[] keptShape, int[] keptStrides,
                                     int length, Object out) {
        int outputs = size(keptShape);
        int tasks = (int) Math.max(1, Math.min(Parallel.threads(), (long) outputs * length / SimdKernels.PARALLEL_MIN));
        if (outputs < tasks) {
            for (int j = 0; j < outputs; j++) {
                int base = offsetOf(j, keptShape, keptStrides, x.offset());
                double[] partial = new double[(length + BLOCK - 1) / BLOCK];
                Parallel.forEach(partial.length, b -> partial[b] = reduceBlock(op, floats, x.data(), base, length, b));
                double r = partial[0];
                for (int b = 1; b < partial.length; b++) r = combine(op, r, partial[b]);
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

    /** A row's blocks reduced and combined in order: the same sequence of operations as the parallel path. */
    private static double reduceRow(ReduceOp op, boolean floats, Object data, int base, int length) {
        double r = reduceBlock(op, floats, data, base, length, 0);
        for (int b = 1; (long) b * BLOCK < length; b++) r = combine(op, r, reduceBlock(op, floats, data, base, length, b));
        return r;
    }

    /** Block {@code b} of the row of {@code length} elements at {@code base} (block 0 of an empty row is empty). */
    private static double reduceBlock(ReduceOp op, boolean floats, Object data, int base, int length, int b) {
        int off = base + b * BLOCK, n = Math.min(BLOCK, length - b * BLOCK);
        if (floats) {
            float[] xs = (float[]) data;
            return op == ReduceOp.SUM ? sum(xs, off, n) : FloatRows.extreme(op == ReduceOp.MAX, xs, off, n);
        }
        double[] xs = (double[]) data;
        return op == ReduceOp.SUM ? sum(xs, off, n) : DoubleRows.extreme(op == ReduceOp.MAX, xs, off, n);
    }

    /** Sum of a contiguous float row: runs of {@link #RUN} in four float accumulators, run totals added in double. */
    static double sum(float[] x, int off, int n) {
        var f = F;
        int l = f.length();
        double total = 0;
        for (int start = 0; start < n; start += RUN) {
            int end = Math.min(n, start + RUN), i = start;
            var s0 = FloatVector.zero(f); var s1 = s0; var s2 = s0; var s3 = s0;
            for (; i + 4 * l <= end; i += 4 * l) {
                s0 = s0.add(FloatVector.fromArray(f, x, off + i));
                s1 = s1.add(FloatVector.fromArray(f, x, off + i + l));
                s2 = s2.add(FloatVector.fromArray(f, x, off + i + 2 * l));
                s3 = s3.add(FloatVector.fromArray(f, x, off + i + 3 * l));
            }
            double run = addLanes(s0.add(s1).add(s2.add(s3)));
            for (; i < end; i++) run += x[off + i];
            total += run;
        }
        return total;
    }

    /** Sum of a contiguous double row, in the same runs as the float one. */
    static double sum(double[] x, int off, int n) {
        var f = D;
        int l = f.length();
        double total = 0;
        for (int start = 0; start < n; start += RUN) {
            int end = Math.min(n, start + RUN), i = start;
            var s0 = DoubleVector.zero(f); var s1 = s0; var s2 = s0; var s3 = s0;
            for (; i + 4 * l <= end; i += 4 * l) {
                s0 = s0.add(DoubleVector.fromArray(f, x, off + i));
                s1 = s1.add(DoubleVector.fromArray(f, x, off + i + l));
                s2 = s2.add(DoubleVector.fromArray(f, x, off + i + 2 * l));
                s3 = s3.add(DoubleVector.fromArray(f, x, off + i + 3 * l));
            }
            double run = addLanes(s0.add(s1).add(s2.add(s3)));
            for (; i < end; i++) run += x[off + i];
            total += run;
        }
        return total;
    }

    /**
     * The lanes of {@code v} added in lane order, in float: one fixed sequence of IEEE adds in the
     * interpreter and in compiled code, which {@code reduceLanes(ADD)} is not.
     */
    static float addLanes(FloatVector v) {
        float s = v.lane(0);
        for (int i = 1; i < v.length(); i++) s += v.lane(i);
        return s;
    }

    /** The lanes of {@code v} added in lane order (see {@link #addLanes(FloatVector)}). */
    static double addLanes(DoubleVector v) {
        double s = v.lane(0);
        for (int i = 1; i < v.length(); i++) s += v.lane(i);
        return s;
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
