package dev.jtensor.accel.simd;

import static org.junit.jupiter.api.Assertions.*;

import dev.jtensor.accel.ConvolutionKernels;
import dev.jtensor.accel.Parallel;
import dev.jtensor.accel.PatchGeometry;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link SimdConvolution}'s kernel against {@link ConvolutionKernels} (which accumulates in
 * double) on awkward sizes: output channels around the vector width, windows wider than blocks of
 * four, strides, dilations, both paddings, more than one input channel; and the same bits on one,
 * two and three threads. Error bound as {@code SimdMatmulTest}'s: with {@code s} the same sum over
 * absolute values and {@code k} the number of terms, within {@code k * 2^-23 * s}.
 */
class SimdConvolutionTest {

    private final Random random = new Random(7);

    @AfterEach
    void restoreThreads() {
        Parallel.setMaxThreads(Integer.MAX_VALUE);
    }

    /** {n, h, w, c, kh, kw, sh, sw, dh, dw, same (1) or valid (0)} */
    private static final int[][] CASES = {
            {2, 7, 9, 1, 3, 3, 1, 1, 1, 1, 1}, {1, 5, 13, 2, 3, 3, 1, 1, 1, 1, 0}, {3, 6, 6, 3, 2, 2, 2, 2, 1, 1, 1},
            {1, 9, 11, 1, 3, 2, 2, 1, 2, 1, 1}, {2, 4, 17, 2, 1, 3, 1, 3, 1, 2, 0}, {1, 3, 3, 1, 3, 3, 1, 1, 1, 1, 1},
            {1, 8, 30, 1, 5, 5, 1, 1, 1, 1, 1}};
    private static final int[] OUT_CHANNELS = {1, 3, 8, 15, 16, 17, 32, 33, 40};

    private static PatchGeometry geometry(int[] c) {
        boolean same = c[10] == 1;
        int oh = out(c[1], c[4], c[6], c[8], same), ow = out(c[2], c[5], c[7], c[9], same);
        return new PatchGeometry(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9],
                pad(c[1], oh, c[4], c[6], c[8], same), pad(c[2], ow, c[5], c[7], c[9], same), oh, ow);
    }

    private static int out(int in, int k, int s, int d, boolean same) {
        return same ? (in + s - 1) / s : (in - ((k - 1) * d + 1) + s) / s;
    }

    private static int pad(int in, int out, int k, int s, int d, boolean same) {
        return same ? Math.max((out - 1) * s + (k - 1) * d + 1 - in, 0) / 2 : 0;
    }

    private float[] values(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = random.nextFloat() * 2 - 1;
        return v;
    }

    private static float[] abs(float[] v) {
        float[] a = v.clone();
        for (int i = 0; i < a.length; i++) a[i] = Math.abs(a[i]);
        return a;
    }

    @Test
    void agreesWithTheDoubleReference() {
        for (int[] c : CASES) {
            PatchGeometry g = geometry(c);
            for (int oc : OUT_CHANNELS) {
                int windows = g.batch() * g.outHeight() * g.outWidth() * oc;
                float[] x = values(g.batch() * g.imageSize()), f = values(g.patchSize() * oc);
                String name = Arrays.toString(c) + " oc " + oc;
                float[] expected = new float[windows], scale = new float[windows], actual = garbage(windows);
                ConvolutionKernels.conv2d(g, oc, x, f, expected);
                ConvolutionKernels.conv2d(g, oc, abs(x), abs(f), scale);
                SimdConvolution.conv2d(g, oc, x, f, actual);
                assertClose("conv2d " + name, g.patchSize(), expected, scale, actual);
            }
        }
    }

    @Test
    void bitsDoNotDependOnTheThreadCount() {
        // big enough to split: 64x28x28x1 images, 3x3 windows, 32 channels
        PatchGeometry g = new PatchGeometry(64, 28, 28, 1, 3, 3, 1, 1, 1, 1, 1, 1, 28, 28);
        int oc = 32, windows = 64 * 28 * 28 * oc;
        float[] x = values(g.batch() * g.imageSize()), f = values(9 * oc);
        float[] first = null;
        for (int threads = 1; threads <= 3; threads++) {
            Parallel.setMaxThreads(threads);
            float[] y = new float[windows];
            SimdConvolution.conv2d(g, oc, x, f, y);
            if (first == null) first = y;
            assertArrayEquals(first, y, "conv2d on " + threads + " threads");
        }
    }

    private static float[] garbage(int n) {
        float[] g = new float[n];
        Arrays.fill(g, Float.NaN);
        return g;
    }

    private static void assertClose(String what, int terms, float[] expected, float[] scale, float[] actual) {
        double tolerance = Math.max(terms, 1) * 0x1p-23;
        for (int i = 0; i < expected.length; i++) {
            if (!(Math.abs(actual[i] - expected[i]) <= tolerance * scale[i])) {
                fail(what + ": element " + i + " is " + actual[i] + ", expected " + expected[i] + " (scale " + scale[i]
                        + ")");
            }
        }
    }
}
