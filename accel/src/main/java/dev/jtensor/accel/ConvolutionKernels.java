package dev.jtensor.accel;

/**
 * The reference 2-D convolution kernels (TensorFlow's {@code Conv2D}, {@code Conv2DBackpropInput}
 * and {@code Conv2DBackpropFilter}) over dense row-major float32 or float64 arrays: NHWC images
 * {@code [N, H, W, C]}, filters {@code [KH, KW, C, OC]} and outputs {@code [N, OH, OW, OC]}, the
 * windows given by a {@link PatchGeometry}. Every sum is accumulated in double in one fixed order
 * and rounded once, so these are the definitions the SIMD kernels are compared with. The operands
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

    /**
     * The gradient of {@link #conv2d} for its image: {@code image[n, ih, iw, c]} is the sum, over the
     * windows and taps that read pixel {@code (ih, iw)} and over {@code oc}, of
     * {@code gradOut[n, oh, ow, oc] * filter[kh, kw, c, oc]}.
     */
    public static void conv2dBackpropInput(PatchGeometry g, int outChannels, Object gradOut, Object filter,
                                           Object image) {
        double[] dy = doubles(gradOut), f = doubles(filter);
        double[] dx = new double[g.batch() * g.imageSize()];
        int c = g.channels(), p = 0;
        for (int n = 0; n < g.batch(); n++) {
            for (int oh = 0; oh < g.outHeight(); oh++) {
                for (int ow = 0; ow < g.outWidth(); ow++, p++) {
                    for (int kh = 0; kh < g.kernelHeight(); kh++) {
                        for (int kw = 0; kw < g.kernelWidth(); kw++) {
                            int pixel = pixel(g, n, oh, ow, kh, kw);
                            if (pixel < 0) continue;
                            int tap = (kh * g.kernelWidth() + kw) * c;
                            for (int ci = 0; ci < c; ci++) {
                                int w = (tap + ci) * outChannels;
                                double s = 0;
                                for (int o = 0; o < outChannels; o++) s += dy[p * outChannels + o] * f[w + o];
                                dx[pixel * c + ci] += s;
                            }
                        }
                    }
                }
            }
        }
        store(dx, image);
    }

    /**
     * The gradient of {@link #conv2d} for its filter: {@code filter[kh, kw, c, oc]} is the sum over
     * every window {@code (n, oh, ow)} whose tap {@code (kh, kw)} is inside the image of
     * {@code image[n, ih, iw, c] * gradOut[n, oh, ow, oc]}.
     */
    public static void conv2dBackpropFilter(PatchGeometry g, int outChannels, Object image, Object gradOut,
                                            Object filter) {
        double[] x = doubles(image), dy = doubles(gradOut);
        double[] df = new double[g.kernelHeight() * g.kernelWidth() * g.channels() * outChannels];
        int c = g.channels(), p = 0;
        for (int n = 0; n < g.batch(); n++) {
            for (int oh = 0; oh < g.outHeight(); oh++) {
                for (int ow = 0; ow < g.outWidth(); ow++, p++) {
                    for (int kh = 0; kh < g.kernelHeight(); kh++) {
                        for (int kw = 0; kw < g.kernelWidth(); kw++) {
                            int pixel = pixel(g, n, oh, ow, kh, kw);
                            if (pixel < 0) continue;
                            int tap = (kh * g.kernelWidth() + kw) * c;
                            for (int ci = 0; ci < c; ci++) {
                                double v = x[pixel * c + ci];
                                int w = (tap + ci) * outChannels;
                                for (int o = 0; o < outChannels; o++) df[w + o] += v * dy[p * outChannels + o];
                            }
                        }
                    }
                }
            }
        }
        store(df, filter);
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
