package dev.jtensor.accel;

/**
 * The reference 2-D convolution kernel (TensorFlow's {@code Conv2D}) over dense row-major float32
 * or float64 arrays: NHWC images {@code [N, H, W, C]}, filters {@code [KH, KW, C, OC]} and outputs
 * {@code [N, OH, OW, OC]}, the windows given by a {@link PatchGeometry}. Every sum is accumulated in
 * double in one fixed order and rounded once, so this is the definition the SIMD kernel is compared
 * with. The operands
 * are read into double arrays first: a reference, not a fast path.
 */
public final class ConvolutionKernels {

    private ConvolutionKernels() {
    }

    /** {@code out[n, oh, ow, oc] = sum over taps (kh, kw) inside the image and c of image * filter}. */
    public static void conv2d(PatchGeometry g, int outChannels, Object image, Object filter, Object out) {
        double[] x = doubles(image), f = doubles(filter);
        double[] y = new double[g.batch() * g.outHeight() * g.outWidth() * outChannels];
        double[] acc = new double[outChannels];
        int c = g.channels(), p = 0;
        for (int n = 0; n < g.batch(); n++) {
            for (int oh = 0; oh < g.outHeight(); oh++) {
                for (int ow = 0; ow < g.outWidth(); ow++, p++) {
                    java.util.Arrays.fill(acc, 0);
                    for (int kh = 0; kh < g.kernelHeight(); kh++) {
                        for (int kw = 0; kw < g.kernelWidth(); kw++) {
                            int pixel = pixel(g, n, oh, ow, kh, kw);
                            if (pixel < 0) continue;
                            int tap = (kh * g.kernelWidth() + kw) * c;
                            for (int ci = 0; ci < c; ci++) {
                                double v = x[pixel * c + ci];
                                int w = (tap + ci) * outChannels;
                                for (int o = 0; o < outChannels; o++) acc[o] += v * f[w + o];
                            }
                        }
                    }
                    System.arraycopy(acc, 0, y, p * outChannels, outChannels);
                }
            }
        }
        store(y, out);
    }

    /** The pixel index {@code (n * H + ih) * W + iw} under tap {@code (kh, kw)} of window {@code (oh, ow)}, or -1 over padding. */
    private static int pixel(PatchGeometry g, int n, int oh, int ow, int kh, int kw) {
        int ih = oh * g.strideHeight() - g.padTop() + kh * g.dilationHeight();
        int iw = ow * g.strideWidth() - g.padLeft() + kw * g.dilationWidth();
        if (ih < 0 || ih >= g.height() || iw < 0 || iw >= g.width()) return -1;
        return (n * g.height() + ih) * g.width() + iw;
    }

    private static double[] doubles(Object data) {
        return switch (data) {
            case double[] d -> d;
            case float[] f -> {
                double[] d = new double[f.length];
                for (int i = 0; i < f.length; i++) d[i] = f[i];
                yield d;
            }
            default -> throw unsupported(data);
        };
    }

    private static void store(double[] values, Object out) {
        switch (out) {
            case double[] d -> System.arraycopy(values, 0, d, 0, values.length);
            case float[] f -> {
                for (int i = 0; i < values.length; i++) f[i] = (float) values[i];
            }
            default -> throw unsupported(out);
        }
    }

    private static IllegalArgumentException unsupported(Object array) {
        return new IllegalArgumentException("conv2d of " + array.getClass().getSimpleName()
                + " (float32 or float64 only)");
    }
}
