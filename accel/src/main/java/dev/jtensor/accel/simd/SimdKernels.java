package dev.jtensor.accel.simd;

import dev.jtensor.accel.BinaryOp;
import dev.jtensor.accel.FusedProgram;
import dev.jtensor.accel.Kernels;
import dev.jtensor.accel.Parallel;
import dev.jtensor.accel.PatchGeometry;
import dev.jtensor.accel.PatchKernels;
import dev.jtensor.accel.ReduceOp;
import dev.jtensor.accel.ScalarKernels;
import dev.jtensor.accel.Strided;
import dev.jtensor.accel.StridedLoops;
import dev.jtensor.accel.StridedLoops.Layout;
import dev.jtensor.accel.UnaryOp;
import dev.jtensor.accel.UpdateRule;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * The Vector API backend. Elementwise ops run vector loops over contiguous rows; an operand that
 * is strided or broadcast along the row (stride 0) is staged chunk by chunk into a small buffer, so
 * a broadcast operand is never materialised. Large work is split over {@link Parallel}'s pool by
 * rows (or by ranges of one long row); matmul runs {@link SimdMatmul}. What has no vector loop
 * here (integer math, select with a strided condition or output, arg-reductions, running sums,
 * gathers, LU) runs on {@link ScalarKernels}. A float32 convolution runs {@link SimdConvolution}'s
 * direct kernel (a float64 one the scalar reference). Image patches and their adjoint are copies and
 * adds of short contiguous runs ({@link PatchKernels}), split over the pool by images.
 */
public final class SimdKernels implements Kernels {

    /** Elements staged at a time for a strided or broadcast operand. */
    static final int CHUNK = 1024;
    /**
     * Fewest elements worth handing to another thread: waking a pool thread costs tens of
     * microseconds, longer than a memory-bound pass over fewer elements takes.
     */
    static final int PARALLEL_MIN = 1 << 17;

    private final ScalarKernels scalar = new ScalarKernels();

    @Override
    public String name() {
        return "simd-" + Species.FLOAT.vectorBitSize() + "bit";
    }

    @Override
    public void unary(UnaryOp op, int[] shape, Strided x, Strided out) {
        Object xd = x.data(), od = out.data();
        int size = denseSize(shape, x, out);
        if (size >= 0 && size < PARALLEL_MIN && FloatRows.supports(op) && sameFloatingType(xd, od)) {
            unaryRow(op, xd, x.offset(), od, out.offset(), size);   // small dense data: no layout work at all
            return;
        }
        Layout layout = Layout.merge(shape, new int[][] {x.strides(), out.strides()});
        if (!FloatRows.supports(op) || !sameFloatingType(xd, od) || !unitInner(layout, 1)) {
            scalar.unary(op, shape, x, out);
            return;
        }
        int xs = layout.innerStride(0), chunk = chunk(layout);
        rows(layout, new int[] {x.offset(), out.offset()}, xs == 1 ? () -> null : scratchFor(xd, chunk), (off, len, scratch) -> {
            if (xs == 1) {
                unaryRow(op, xd, off[0], od, off[1], len);
                return;
            }
            for (int c = 0; c < len; c += chunk) {
                int n = Math.min(chunk, len - c);
                stage(xd, off[0] + c * xs, xs, scratch, 0, n);
                unaryRow(op, scratch, 0, od, off[1] + c, n);
            }
        });
    }

    @Override
    public void fill(int size, double value, Object out) {
        scalar.fill(size, value, out);
    }

    @Override
    public void axpy(int size, double alpha, Object x, Object y, Object out) {
        if (!(out instanceof float[] || out instanceof double[])) {
            scalar.axpy(size, alpha, x, y, out); // which names the bad type
            return;
        }
        int tasks = (int) Math.max(1, Math.min(Parallel.threads(), size / PARALLEL_MIN));
        Parallel.forEach(tasks, t -> {
            int from = (int) ((long) size * t / tasks), to = (int) ((long) size * (t + 1) / tasks);
            switch (out) {
                case float[] o -> FloatRows.axpy((float) alpha, (float[]) x, (float[]) y, o, from, to);
                default -> DoubleRows.axpy(alpha, (double[]) x, (double[]) y, (double[]) out, from, to);
            }
        });
    }

    @Override
    public void applyUpdate(UpdateRule rule, int size, double[] scalars, Object gradient, Object[] state, Object[] out) {
        SimdUpdates.apply(rule, size, scalars, gradient, state, out);
    }

    @Override
    public void binary(BinaryOp op, int[] shape, Strided a, Strided b, Strided out) {
        Object ad = a.data(), bd = b.data(), od = out.data();
        boolean compare = op.kind() == BinaryOp.Kind.COMPARISON;
        int size = denseSize(shape, a, b, out);
        if (size >= 0 && size < PARALLEL_MIN && FloatRows.supports(op) && sameFloatingType(ad, bd)
                && (compare ? od instanceof boolean[] : od.getClass() == ad.getClass())) {
            binaryRow(op, ad, a.offset(), bd, b.offset(), od, out.offset(), size);
            return;
        }
        Layout layout = Layout.merge(shape, new int[][] {a.strides(), b.strides(), out.strides()});
        if (!FloatRows.supports(op) || !sameFloatingType(ad, bd) || !unitInner(layout, 2)
                || !(compare ? od instanceof boolean[] : od.getClass() == ad.getClass())) {
            scalar.binary(op, shape, a, b, out);
            return;
        }
        pairRows(layout, 0, ad, bd, new int[] {a.offset(), b.offset(), out.offset()},
                (left, lo, right, ro, off, c, n) -> binaryRow(op, left, lo, right, ro, od, off[2] + c, n));
    }

    /** One piece of a row: the two operands (contiguous, perhaps staged), the row's offsets, where the piece starts. */
    @FunctionalInterface
    private interface PairPiece {
        void run(Object left, int lo, Object right, int ro, int[] rowOffsets, int start, int n);
    }

    /**
     * Visits the rows of {@code layout} with operands {@code a} and {@code b} at operand indexes
     * {@code first} and {@code first + 1}: a whole row when both have unit inner stride, else
     * pieces of {@link #CHUNK} with a strided or broadcast operand staged into a scratch buffer.
     */
    private void pairRows(Layout layout, int first, Object a, Object b, int[] offsets, PairPiece piece) {
        int as = layout.shape().length == 0 ? 1 : layout.innerStride(first);
        int bs = layout.shape().length == 0 ? 1 : layout.innerStride(first + 1);
        int chunk = chunk(layout);
        Supplier<Object> staging = as == 1 && bs == 1 ? () -> null : scratchFor(a, 2 * chunk);
        rows(layout, offsets, staging, (off, len, scratch) -> {
            if (as == 1 && bs == 1) {
                piece.run(a, off[first], b, off[first + 1], off, 0, len);
                return;
            }
            for (int c = 0; c < len; c += chunk) {
                int n = Math.min(chunk, len - c);
                Object left = a, right = b;
                int lo = off[first] + c, ro = off[first + 1] + c;
                if (as != 1) {
                    stage(a, off[first] + c * as, as, scratch, 0, n);
                    left = scratch;
                    lo = 0;
                }
                if (bs != 1) {
                    stage(b, off[first + 1] + c * bs, bs, scratch, chunk, n);
                    right = scratch;
                    ro = chunk;
                }
                piece.run(left, lo, right, ro, off, c, n);
            }
        });
    }

    @Override
    public void fused(FusedProgram program, int[] shape, Strided[] inputs, Strided out) {
        if (!SimdFused.run(program, shape, inputs, out)) {
            scalar.fused(program, shape, inputs, out);
        }
    }

    @Override
    public void select(int[] shape, Strided cond, Strided a, Strided b, Strided out) {
        Object ad = a.data(), bd = b.data(), od = out.data();
        Layout layout = Layout.merge(shape, new int[][] {cond.strides(), a.strides(), b.strides(), out.strides()});
        if (!sameFloatingType(ad, bd) || od.getClass() != ad.getClass() || !unitInner(layout, 0) || !unitInner(layout, 3)) {
            scalar.select(shape, cond, a, b, out);
            return;
        }
        boolean[] c = (boolean[]) cond.data();
        // a or b may be strided or broadcast (where(mask, g, 0) is common): staged like binary operands
        pairRows(layout, 1, ad, bd, new int[] {cond.offset(), a.offset(), b.offset(), out.offset()},
                (left, lo, right, ro, off, start, n) -> {
                    if (left instanceof float[] af) {
                        FloatRows.select(c, off[0] + start, af, lo, (float[]) right, ro, (float[]) od, off[3] + start, n);
                    } else {
                        DoubleRows.select(c, off[0] + start, (double[]) left, lo, (double[]) right, ro, (double[]) od,
                                off[3] + start, n);
                    }
                });
    }

    @Override
    public void copy(int[] shape, Strided src, Strided dst) {
        Object sd = src.data(), dd = dst.data();
        Layout layout = Layout.merge(shape, new int[][] {src.strides(), dst.strides()});
        boolean floatCast = Conversions.available() && sameFloatingType(sd, sd) && sameFloatingType(dd, dd)
                && sd.getClass() != dd.getClass();
        if ((sd.getClass() != dd.getClass() && !floatCast) || !unitInner(layout, 0) || !unitInner(layout, 1)) {
            scalar.copy(shape, src, dst);
            return;
        }
        rows(layout, new int[] {src.offset(), dst.offset()}, () -> null, (off, len, unused) -> {
            if (!floatCast) System.arraycopy(sd, off[0], dd, off[1], len);
            else if (sd instanceof float[] f) Conversions.widen(f, off[0], (double[]) dd, off[1], len);
            else Conversions.narrow((double[]) sd, off[0], (float[]) dd, off[1], len);
        });
    }

    @Override
    public void reduce(ReduceOp op, int[] shape, boolean[] reduced, Strided x, Object out) {
        if (!SimdReductions.reduce(op, shape, reduced, x, out)) {
            scalar.reduce(op, shape, reduced, x, out);
        }
    }

    @Override
    public void argReduce(boolean max, int[] shape, int axis, Strided x, long[] out) {
        scalar.argReduce(max, shape, axis, x, out);
    }

    @Override
    public void cumulative(boolean product, int[] shape, int axis, boolean exclusive, boolean reverse, Strided x,
                           Object out) {
        scalar.cumulative(product, shape, axis, exclusive, reverse, x, out);
    }

    @Override
    public void matmul(int[] batchShape, int m, int n, int k, Strided a, Strided b, Object out) {
        SimdMatmul.matmul(batchShape, m, n, k, a, b, out);
    }

    @Override
    public void gather(Object params, int outer, int axisLength, int inner, int[] indices, Object out) {
        scalar.gather(params, outer, axisLength, inner, indices, out);
    }

    @Override
    public void segmentSum(Object data, int inner, int[] ids, Object out) {
        if (!sameFloatingType(data, out)) {
            scalar.segmentSum(data, inner, ids, out);
            return;
        }
        // each row is a vector add into its segment's row, in index order (as the scalar kernel)
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] >= 0) binaryRow(BinaryOp.ADD, out, ids[i] * inner, data, i * inner, out, ids[i] * inner, inner);
        }
    }

    @Override
    public void imagePatches(PatchGeometry geometry, double padValue, Object image, Object out) {
        byImages(geometry, (from, to) -> PatchKernels.extract(geometry, padValue, image, out, from, to));
    }

    @Override
    public void imagePatchesAdjoint(PatchGeometry geometry, Object patches, Object image) {
        byImages(geometry, (from, to) -> PatchKernels.accumulate(geometry, patches, image, from, to));
    }

    @Override
    public void conv2d(PatchGeometry geometry, int outChannels, Object image, Object filter, Object out) {
        if (out instanceof float[] y) SimdConvolution.conv2d(geometry, outChannels, (float[]) image, (float[]) filter, y);
        else scalar.conv2d(geometry, outChannels, image, filter, out);
    }


    /** Runs {@code body} over ranges of whole images, in parallel when the patches are large. */
    private static void byImages(PatchGeometry g, ImageRange body) {
        long work = (long) g.batch() * g.patchesPerImage();
        int tasks = (int) Math.max(1, Math.min(Math.min(Parallel.threads(), g.batch()), work / PARALLEL_MIN));
        int per = (g.batch() + tasks - 1) / tasks;
        Parallel.forEach(tasks, t -> body.run(t * per, Math.min(g.batch(), (t + 1) * per)));
    }

    @FunctionalInterface
    private interface ImageRange {
        void run(int from, int to);
    }

    @Override
    public void matrixInverse(int batch, int n, Object in, Object out) {
        scalar.matrixInverse(batch, n, in, out);
    }

    @Override
    public void matrixDeterminant(int batch, int n, Object in, Object out) {
        scalar.matrixDeterminant(batch, n, in, out);
    }

    // ------------------------------------------------------------------ rows, staging, threads

    /** One row with a per-thread scratch buffer. */
    @FunctionalInterface
    interface ScratchRow {
        void row(int[] offsets, int length, Object scratch);
    }

    /**
     * Visits the rows of {@code layout}, on the caller's thread when small, else split across the
     * pool: over the outermost dimension, or over ranges of a single long row. Those ranges start at
     * multiples of {@link #CHUNK}, so where a vector loop's scalar tail and the staged chunks fall
     * does not depend on the thread count: an op whose tail rounds unlike its lanes (float32 RSQRT's
     * tail computes in double) still gives the same bits on any number of threads.
     */
    static void rows(Layout layout, int[] offsets, Supplier<Object> scratch, ScratchRow body) {
        int[] shape = layout.shape();
        long size = 1;
        for (int d : shape) size *= d;
        int rank = shape.length;
        int tasks = (int) Math.min(Parallel.threads(), size / PARALLEL_MIN);
        if (rank > 1) {
            tasks = Math.min(tasks, shape[0]);
        }
        if (tasks <= 1) {
            Object s = scratch.get();
            StridedLoops.forEachRow(layout, offsets, (off, len) -> body.row(off, len, s));
            return;
        }
        int parts = tasks, extent = shape[0];
        Parallel.forEach(parts, t -> {
            int unit = rank == 1 ? CHUNK : 1;
            int start = SimdMatmul.split(extent, parts, t, unit), end = SimdMatmul.split(extent, parts, t + 1, unit);
            int[] off = offsets.clone();
            for (int k = 0; k < off.length; k++) off[k] += start * layout.strides()[k][0];
            Object s = scratch.get();
            if (rank == 1) {
                body.row(off, end - start, s);
            } else {
                int[] part = shape.clone();
                part[0] = end - start;
                StridedLoops.forEachRow(new Layout(part, layout.strides()), off, (o, len) -> body.row(o, len, s));
            }
        });
    }

    /**
     * The element count when every operand is laid out row-major without gaps (the common case of
     * freshly computed tensors), else -1; checked without allocating.
     */
    private static int denseSize(int[] shape, Strided... operands) {
        int size = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            for (Strided s : operands) {
                if (shape[d] != 1 && s.strides()[d] != size) return -1;
            }
            size *= shape[d];
        }
        return size;
    }

    private static boolean sameFloatingType(Object a, Object b) {
        return (a instanceof float[] && b instanceof float[]) || (a instanceof double[] && b instanceof double[]);
    }

    /** Whether operand {@code k} walks its rows with stride 1 (trivially true for rank 0). */
    static boolean unitInner(Layout layout, int k) {
        return layout.shape().length == 0 || layout.innerStride(k) == 1;
    }

    /** Staging chunk for a layout: {@link #CHUNK}, or the row length when rows are shorter. */
    static int chunk(Layout layout) {
        int[] shape = layout.shape();
        return shape.length == 0 ? 1 : Math.max(1, Math.min(CHUNK, shape[shape.length - 1]));
    }

    private static Supplier<Object> scratchFor(Object like, int length) {
        return like instanceof float[] ? () -> new float[length] : () -> new double[length];
    }

    /** Copies {@code n} elements at {@code stride} (0 repeats one element) into {@code dst} at {@code dstOff}. */
    static void stage(Object src, int off, int stride, Object dst, int dstOff, int n) {
        if (src instanceof float[] s) {
            float[] d = (float[]) dst;
            if (stride == 0) Arrays.fill(d, dstOff, dstOff + n, s[off]);
            else for (int i = 0; i < n; i++) d[dstOff + i] = s[off + i * stride];
        } else {
            double[] s = (double[]) src, d = (double[]) dst;
            if (stride == 0) Arrays.fill(d, dstOff, dstOff + n, s[off]);
            else for (int i = 0; i < n; i++) d[dstOff + i] = s[off + i * stride];
        }
    }

    static void unaryRow(UnaryOp op, Object x, int xo, Object o, int oo, int n) {
        if (x instanceof float[] xf) FloatRows.unary(op, xf, xo, (float[]) o, oo, n);
        else DoubleRows.unary(op, (double[]) x, xo, (double[]) o, oo, n);
    }

    static void binaryRow(BinaryOp op, Object a, int ao, Object b, int bo, Object o, int oo, int n) {
        boolean compare = op.kind() == BinaryOp.Kind.COMPARISON;
        if (a instanceof float[] af) {
            if (compare) FloatRows.compare(op, af, ao, (float[]) b, bo, (boolean[]) o, oo, n);
            else FloatRows.binary(op, af, ao, (float[]) b, bo, (float[]) o, oo, n);
        } else {
            if (compare) DoubleRows.compare(op, (double[]) a, ao, (double[]) b, bo, (boolean[]) o, oo, n);
            else DoubleRows.binary(op, (double[]) a, ao, (double[]) b, bo, (double[]) o, oo, n);
        }
    }
}
