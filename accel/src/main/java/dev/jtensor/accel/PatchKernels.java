package dev.jtensor.accel;

import java.util.Arrays;

/**
 * The image-patch kernels (TensorFlow's {@code ExtractImagePatches}, im2col, and its adjoint,
 * col2im) over dense row-major float32 or float64 arrays, for a range of images of the batch:
 * the scalar kernels run all images in order, the SIMD kernels split the batch over the pool.
 * Images are independent and each is walked in one fixed order, so the bits never depend on the
 * split. There is no vector arithmetic to do: extraction is copies of {@code KW * C} contiguous
 * elements (one window row) where the row lies inside the image, and the adjoint adds {@code C}
 * contiguous elements per tap.
 */
public final class PatchKernels {

    private PatchKernels() {
    }

    /**
     * Writes the patches of images {@code from .. to - 1}: {@code out[n, oh, ow, kh, kw, c]} (row-major
     * {@code [N, OH, OW, KH * KW * C]}) is the image's pixel under tap {@code (kh, kw)} of window
     * {@code (oh, ow)}, or {@code padValue} where the tap falls outside the image.
     */
    public static void extract(PatchGeometry g, double padValue, Object image, Object out, int from, int to) {
        int c = g.channels(), kw = g.kernelWidth(), rowLength = kw * c;
        boolean denseRow = g.dilationWidth() == 1;
        for (int n = from; n < to; n++) {
            int imageBase = n * g.imageSize();
            int o = n * g.patchesPerImage();
            for (int oh = 0; oh < g.outHeight(); oh++) {
                for (int ow = 0; ow < g.outWidth(); ow++) {
                    int iw0 = ow * g.strideWidth() - g.padLeft();
                    boolean inside = iw0 >= 0 && iw0 + (kw - 1) * g.dilationWidth() < g.width();
                    for (int kh = 0; kh < g.kernelHeight(); kh++, o += rowLength) {
                        int ih = oh * g.strideHeight() - g.padTop() + kh * g.dilationHeight();
                        if (ih < 0 || ih >= g.height()) {
                            fill(out, o, rowLength, padValue);
                            continue;
                        }
                        int rowBase = imageBase + ih * g.width() * c;
                        if (inside && denseRow) {
                            copy(image, rowBase + iw0 * c, out, o, rowLength);
                            continue;
                        }
                        for (int k = 0; k < kw; k++) {
                            int iw = iw0 + k * g.dilationWidth();
                            if (iw < 0 || iw >= g.width()) fill(out, o + k * c, c, padValue);
                            else copy(image, rowBase + iw * c, out, o + k * c, c);
                        }
                    }
                }
            }
        }
    }

    /**
     * Writes images {@code from .. to - 1} of {@code image} (row-major {@code [N, H, W, C]}) as the sum,
     * for each pixel, of the patch entries that {@link #extract} copies from it; entries of padding
     * are dropped. The adjoint of {@link #extract}: each image is cleared, then the taps are added in
     * window order.
     */
    public static void accumulate(PatchGeometry g, Object patches, Object image, int from, int to) {
        int c = g.channels(), kw = g.kernelWidth();
        for (int n = from; n < to; n++) {
            int imageBase = n * g.imageSize();
            clear(image, imageBase, g.imageSize());
            int p = n * g.patchesPerImage();
            for (int oh = 0; oh < g.outHeight(); oh++) {
                for (int ow = 0; ow < g.outWidth(); ow++) {
                    int iw0 = ow * g.strideWidth() - g.padLeft();
                    for (int kh = 0; kh < g.kernelHeight(); kh++, p += kw * c) {
                        int ih = oh * g.strideHeight() - g.padTop() + kh * g.dilationHeight();
                        if (ih < 0 || ih >= g.height()) continue;
                        int rowBase = imageBase + ih * g.width() * c;
                        for (int k = 0; k < kw; k++) {
                            int iw = iw0 + k * g.dilationWidth();
                            if (iw >= 0 && iw < g.width()) add(patches, p + k * c, image, rowBase + iw * c, c);
                        }
                    }
                }
            }
        }
    }

    // short runs (one channel, a 3-wide window) are faster as plain loops than as System.arraycopy calls
    private static void copy(Object src, int s, Object dst, int d, int length) {
        switch (dst) {
            case float[] out -> {
                float[] in = (float[]) src;
                for (int i = 0; i < length; i++) out[d + i] = in[s + i];
            }
            case double[] out -> {
                double[] in = (double[]) src;
                for (int i = 0; i < length; i++) out[d + i] = in[s + i];
            }
            default -> throw unsupported(dst);
        }
    }

    private static void add(Object src, int s, Object dst, int d, int length) {
        switch (dst) {
            case float[] out -> {
                float[] in = (float[]) src;
                for (int i = 0; i < length; i++) out[d + i] += in[s + i];
            }
            case double[] out -> {
                double[] in = (double[]) src;
                for (int i = 0; i < length; i++) out[d + i] += in[s + i];
            }
            default -> throw unsupported(dst);
        }
    }

    private static void fill(Object dst, int d, int length, double value) {
        switch (dst) {
            case float[] out -> Arrays.fill(out, d, d + length, (float) value);
            case double[] out -> Arrays.fill(out, d, d + length, value);
            default -> throw unsupported(dst);
        }
    }

    private static void clear(Object dst, int d, int length) {
        fill(dst, d, length, 0.0);
    }

    private static IllegalArgumentException unsupported(Object array) {
        return new IllegalArgumentException("image patches of " + array.getClass().getSimpleName()
                + " (float32 or float64 only)");
    }
}
