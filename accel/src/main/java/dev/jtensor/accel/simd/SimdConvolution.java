package dev.jtensor.accel.simd;

import dev.jtensor.accel.Parallel;
import dev.jtensor.accel.PatchGeometry;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Direct float32 2-D convolution kernels (no patches matrix): the output channels are the vector
 * lanes. For each window the {@code KH * KW * C} input values under it are gathered into a small
 * per-task array (zeros over padding), then
 * <ul>
 * <li>{@link #conv2d}: each output vector is the FMA chain of those values times the filter's rows;
 * <li>{@link #backpropInput}: each input pixel's channel is one FMA chain over the taps that read it
 *     and the output channels, its lanes added in lane order;
 * <li>{@link #backpropFilter}: every window adds its values times its output gradient into the
 *     filter's rows, in fixed blocks of windows whose totals join in double in block order.
 * </ul>
 * Work is split over the pool by output (or input) rows, or by those fixed blocks, so the bits do
 * not depend on the thread count. Meant for small {@code KH * KW * C}, where a patches matrix would
 * cost more to write and pack than the arithmetic.
 */
final class SimdConvolution {

    private static final VectorSpecies<Float> S = Species.FLOAT;
    /** Windows per block of the filter gradient's sum, at least (whole output rows). */
    private static final int BLOCK_WINDOWS = 4096;
    /** Multiply-adds per parallel task, at least. */
    private static final long TASK_WORK = 1 << 16;

    private SimdConvolution() {
    }

    /** See {@code Kernels.conv2d}. */
    static void conv2d(PatchGeometry g, int oc, float[] x, float[] f, float[] out) {
        int rows = g.batch() * g.outHeight(), k = g.patchSize();
        int per = rowsPerTask(rows, (long) g.outWidth() * k * oc);
        int[] offsets = tapOffsets(g);
        Parallel.forEach((rows + per - 1) / per, t -> {
            float[] patches = new float[BLOCK * k];
            int[] identity = new int[k];
            for (int i = 0; i < k; i++) identity[i] = i;
            for (int r = t * per, end = Math.min(rows, r + per); r < end; r++) {
                int n = r / g.outHeight(), oh = r % g.outHeight();
                int ow = 0;
                for (; ow + BLOCK <= g.outWidth(); ow += BLOCK) {
                    int o = (r * g.outWidth() + ow) * oc;
                    if (inside(g, oh, ow) && inside(g, oh, ow + BLOCK - 1)) {
                        int b = origin(g, n, oh, ow), step = g.strideWidth() * g.channels();
                        blockTimesFilter(x, b, step, offsets, k, f, oc, out, o);
                    } else {
                        for (int i = 0; i < BLOCK; i++) gather(g, x, n, oh, ow + i, patches, i * k);
                        blockTimesFilter(patches, 0, k, identity, k, f, oc, out, o);
                    }
                }
                for (; ow < g.outWidth(); ow++) {
                    gather(g, x, n, oh, ow, patches, 0);
                    windowTimesFilter(patches, k, f, oc, out, (r * g.outWidth() + ow) * oc);
                }
            }
        });
    }

    /** Windows per register block of the forward kernel. */
    private static final int BLOCK = 4;

    /**
     * Four windows at once, {@code out[o + i * oc ..] = src[b + i * step + offsets[0 .. k)] x f[k, oc]}:
     * eight (or four, masked, for the last channels) independent FMA chains sharing each filter load.
     */
    private static void blockTimesFilter(float[] src, int b, int step, int[] offsets, int k, float[] f, int oc,
                                         float[] out, int o) {
        int lanes = S.length(), j = 0;
        int b1 = b + step, b2 = b1 + step, b3 = b2 + step;
        for (; j + 2 * lanes <= oc; j += 2 * lanes) {
            FloatVector a0 = FloatVector.zero(S), a1 = a0, c0 = a0, c1 = a0, d0 = a0, d1 = a0, e0 = a0, e1 = a0;
            for (int t = 0, w = j; t < k; t++, w += oc) {
                FloatVector w0 = FloatVector.fromArray(S, f, w), w1 = FloatVector.fromArray(S, f, w + lanes);
                int s = offsets[t];
                FloatVector v = FloatVector.broadcast(S, src[b + s]);
                a0 = v.fma(w0, a0);
                a1 = v.fma(w1, a1);
                v = FloatVector.broadcast(S, src[b1 + s]);
                c0 = v.fma(w0, c0);
                c1 = v.fma(w1, c1);
                v = FloatVector.broadcast(S, src[b2 + s]);
                d0 = v.fma(w0, d0);
                d1 = v.fma(w1, d1);
                v = FloatVector.broadcast(S, src[b3 + s]);
                e0 = v.fma(w0, e0);
                e1 = v.fma(w1, e1);
            }
            a0.intoArray(out, o + j);
            a1.intoArray(out, o + j + lanes);
            c0.intoArray(out, o + oc + j);
            c1.intoArray(out, o + oc + j + lanes);
            d0.intoArray(out, o + 2 * oc + j);
            d1.intoArray(out, o + 2 * oc + j + lanes);
            e0.intoArray(out, o + 3 * oc + j);
            e1.intoArray(out, o + 3 * oc + j + lanes);
        }
        for (; j < oc; j += lanes) {
            VectorMask<Float> m = S.indexInRange(j, oc);
            FloatVector a = FloatVector.zero(S), c = a, d = a, e = a;
            for (int t = 0, w = j; t < k; t++, w += oc) {
                FloatVector w0 = FloatVector.fromArray(S, f, w, m);
                int s = offsets[t];
                a = FloatVector.broadcast(S, src[b + s]).fma(w0, a);
                c = FloatVector.broadcast(S, src[b1 + s]).fma(w0, c);
                d = FloatVector.broadcast(S, src[b2 + s]).fma(w0, d);
                e = FloatVector.broadcast(S, src[b3 + s]).fma(w0, e);
            }
            a.intoArray(out, o + j, m);
            c.intoArray(out, o + oc + j, m);
            d.intoArray(out, o + 2 * oc + j, m);
            e.intoArray(out, o + 3 * oc + j, m);
        }
    }

    /** Whether every tap of window {@code (oh, ow)} is inside the image. */
    private static boolean inside(PatchGeometry g, int oh, int ow) {
        int ih = oh * g.strideHeight() - g.padTop(), iw = ow * g.strideWidth() - g.padLeft();
        return ih >= 0 && ih + (g.kernelHeight() - 1) * g.dilationHeight() < g.height()
                && iw >= 0 && iw + (g.kernelWidth() - 1) * g.dilationWidth() < g.width();
    }

    /** The index in the image of tap (0, 0) of window {@code (oh, ow)} of image {@code n} (inside the image). */
    private static int origin(PatchGeometry g, int n, int oh, int ow) {
        int ih = oh * g.strideHeight() - g.padTop(), iw = ow * g.strideWidth() - g.padLeft();
        return ((n * g.height() + ih) * g.width() + iw) * g.channels();
    }

    /** For each tap {@code (kh, kw, c)}, its offset in the image from the window's tap (0, 0, 0). */
    private static int[] tapOffsets(PatchGeometry g) {
        int[] offsets = new int[g.patchSize()];
        int p = 0;
        for (int kh = 0; kh < g.kernelHeight(); kh++) {
            for (int kw = 0; kw < g.kernelWidth(); kw++) {
                for (int c = 0; c < g.channels(); c++) {
                    offsets[p++] = (kh * g.dilationHeight() * g.width() + kw * g.dilationWidth()) * g.channels() + c;
                }
            }
        }
        return offsets;
    }

    /** {@code out[o .. o + oc) = patch[0 .. k) x f[k, oc]}: one window, for the last ones of a row. */
    private static void windowTimesFilter(float[] patch, int k, float[] f, int oc, float[] out, int o) {
        for (int j = 0; j < oc; j += S.length()) {
            VectorMask<Float> m = S.indexInRange(j, oc);
            FloatVector a = FloatVector.zero(S);
            for (int t = 0, w = j; t < k; t++, w += oc) {
                a = FloatVector.broadcast(S, patch[t]).fma(FloatVector.fromArray(S, f, w, m), a);
            }
            a.intoArray(out, o + j, m);
        }
    }

    /** See {@code Kernels.conv2dBackpropInput}. */
    static void backpropInput(PatchGeometry g, int oc, float[] dy, float[] f, float[] dx) {
        int rows = g.batch() * g.height(), c = g.channels();
        int per = rowsPerTask(rows, (long) g.width() * c * g.kernelHeight() * g.kernelWidth() * oc);
        Parallel.forEach((rows + per - 1) / per, t -> {
            float[] lanes = new float[S.length()];
            for (int r = t * per, end = Math.min(rows, r + per); r < end; r++) {
                int n = r / g.height(), ih = r % g.height();
                for (int iw = 0; iw < g.width(); iw++) {
                    for (int ci = 0; ci < c; ci++) {
                        FloatVector acc = tapsIntoPixel(g, oc, dy, f, n, ih, iw, ci);
                        acc.intoArray(lanes, 0);
                        float s = lanes[0];
                        for (int i = 1; i < lanes.length; i++) s += lanes[i];
                        dx[(r * g.width() + iw) * c + ci] = s;
                    }
                }
            }
        });
    }

    /**
     * The lanes whose sum is {@code dx[n, ih, iw, ci]}: every tap over the pixel, every output channel.
     * Taps alternate between two accumulators (two FMA chains instead of one), added at the end.
     */
    private static FloatVector tapsIntoPixel(PatchGeometry g, int oc, float[] dy, float[] f, int n, int ih, int iw,
                                             int ci) {
        FloatVector acc = FloatVector.zero(S), other = acc;
        int c = g.channels();
        for (int kh = 0; kh < g.kernelHeight(); kh++) {
            int oh = window(ih + g.padTop() - kh * g.dilationHeight(), g.strideHeight(), g.outHeight());
            if (oh < 0) continue;
            for (int kw = 0; kw < g.kernelWidth(); kw++) {
                int ow = window(iw + g.padLeft() - kw * g.dilationWidth(), g.strideWidth(), g.outWidth());
                if (ow < 0) continue;
                int d = ((n * g.outHeight() + oh) * g.outWidth() + ow) * oc;
                int w = ((kh * g.kernelWidth() + kw) * c + ci) * oc;
                int j = 0;
                for (; j + S.length() <= oc; j += S.length()) {
                    acc = FloatVector.fromArray(S, dy, d + j).fma(FloatVector.fromArray(S, f, w + j), acc);
                }
                if (j < oc) {
                    VectorMask<Float> m = S.indexInRange(j, oc);
                    acc = FloatVector.fromArray(S, dy, d + j, m).fma(FloatVector.fromArray(S, f, w + j, m), acc);
                }
                FloatVector swap = acc;
                acc = other;
                other = swap;
            }
        }
        return acc.add(other);
    }

    /** The window whose tap lands {@code offset} strides in, or -1 when there is none. */
    private static int window(int offset, int stride, int windows) {
        if (offset < 0) return -1;
        int o = offset;
        if (stride != 1) {   // an integer division costs tens of cycles: skip it for the usual stride 1
            if (offset % stride != 0) return -1;
            o = offset / stride;
        }
        return o < windows ? o : -1;
    }

    /** See {@code Kernels.conv2dBackpropFilter}. */
    static void backpropFilter(PatchGeometry g, int oc, float[] x, float[] dy, float[] df) {
        int rows = g.batch() * g.outHeight(), k = g.patchSize(), size = k * oc;
        int width = Math.max(1, g.outWidth()), perBlock = Math.max(1, (BLOCK_WINDOWS + width - 1) / width);
        int blocks = (rows + perBlock - 1) / perBlock;
        float[] partial = new float[blocks * size];
        Parallel.forEach(blocks, b -> {
            float[] patch = new float[k];
            for (int r = b * perBlock, end = Math.min(rows, r + perBlock); r < end; r++) {
                int n = r / g.outHeight(), oh = r % g.outHeight();
                for (int ow = 0; ow < g.outWidth(); ow++) {
                    gather(g, x, n, oh, ow, patch, 0);
                    addWindow(patch, k, dy, (r * g.outWidth() + ow) * oc, oc, partial, b * size);
                }
            }
        });
        for (int i = 0; i < size; i++) {
            double s = 0;
            for (int b = 0; b < blocks; b++) s += partial[b * size + i];
            df[i] = (float) s;
        }
    }

    /** {@code acc[a + t * oc + j] += patch[t] * dy[d + j]} for every tap {@code t} and channel {@code j}. */
    private static void addWindow(float[] patch, int k, float[] dy, int d, int oc, float[] acc, int a) {
        int j = 0;
        for (; j + S.length() <= oc; j += S.length()) {
            FloatVector grad = FloatVector.fromArray(S, dy, d + j);
            for (int t = 0, w = a + j; t < k; t++, w += oc) {
                FloatVector.broadcast(S, patch[t]).fma(grad, FloatVector.fromArray(S, acc, w)).intoArray(acc, w);
            }
        }
        if (j < oc) {
            VectorMask<Float> m = S.indexInRange(j, oc);
            FloatVector grad = FloatVector.fromArray(S, dy, d + j, m);
            for (int t = 0, w = a + j; t < k; t++, w += oc) {
                FloatVector.broadcast(S, patch[t]).fma(grad, FloatVector.fromArray(S, acc, w, m)).intoArray(acc, w, m);
            }
        }
    }

    /** {@code patch[p + (kh * KW + kw) * C + c]} = the image under tap {@code (kh, kw)} of window {@code (oh, ow)}, 0 over padding. */
    private static void gather(PatchGeometry g, float[] x, int n, int oh, int ow, float[] patch, int p) {
        int c = g.channels();
        int iw0 = ow * g.strideWidth() - g.padLeft();
        for (int kh = 0; kh < g.kernelHeight(); kh++) {
            int ih = oh * g.strideHeight() - g.padTop() + kh * g.dilationHeight();
            boolean row = ih >= 0 && ih < g.height();
            int base = ((n * g.height() + ih) * g.width()) * c;
            for (int kw = 0; kw < g.kernelWidth(); kw++) {
                int iw = iw0 + kw * g.dilationWidth();
                if (row && iw >= 0 && iw < g.width()) {
                    for (int ci = 0; ci < c; ci++) patch[p++] = x[base + iw * c + ci];
                } else {
                    for (int ci = 0; ci < c; ci++) patch[p++] = 0;
                }
            }
        }
    }

    /** Rows per parallel task: whole rows, enough work each to be worth a task, a few tasks per thread. */
    private static int rowsPerTask(int rows, long workPerRow) {
        int tasks = (int) Math.max(1, Math.min(Math.min(rows, Parallel.threads() * 4L),
                (long) rows * workPerRow / TASK_WORK));
        return Math.max(1, (rows + tasks - 1) / tasks);
    }
}
