package dev.jtensor.accel.simd;

import dev.jtensor.accel.Parallel;
import dev.jtensor.accel.PatchGeometry;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The direct float32 2-D convolution kernel (no patches matrix): the output channels are the vector
 * lanes, and each output vector is the FMA chain of the {@code KH * KW * C} input values under its
 * window times the filter's rows, four windows at a time. Windows wholly inside the image read it in
 * place; those over the border are gathered into a small per-task array first (zeros over padding).
 * Work is split over the pool by output rows, so the bits do not depend on the thread count. Meant
 * for small {@code KH * KW * C}, where a patches matrix would cost more to write and pack than the
 * arithmetic.
 */
final class SimdConvolution {

    private static final VectorSpecies<Float> S = Species.FLOAT;
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
