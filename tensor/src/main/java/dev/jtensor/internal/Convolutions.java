package dev.jtensor.internal;

import dev.jtensor.DType;
import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Shape;
import dev.jtensor.Tensor;
import dev.jtensor.accel.BinaryOp;
import dev.jtensor.accel.ReduceOp;
import dev.jtensor.ops.Conv2D;
import dev.jtensor.ops.Dispatch;
import dev.jtensor.ops.ImagePatches;
import dev.jtensor.ops.Padding;
import dev.jtensor.ops.SlidingWindows;
import java.util.Arrays;

/**
 * The 2-D convolution and pooling frontends ({@code TF.nn}). Convolution is the {@link Conv2D}
 * primitive when a window holds at most {@value #DIRECT_MAX_DEPTH} values ({@code KH*KW*C}: a
 * direct kernel over the output channels), and otherwise is composed from {@link ImagePatches}: the
 * patches as a {@code [N*OH*OW, KH*KW*C]} matrix times the filter as a {@code [KH*KW*C, OC]} one (one
 * large GEMM; a 1x1 window with stride 1 is the image itself times the filter); max pooling is the maximum over each window of patches
 * padded with -inf; average pooling the window sums divided by the number of pixels of the window
 * inside the image (TensorFlow's SAME rule). Gradients of every order follow from those of the
 * patches (their adjoint), matmul, reshape and the reductions. Images are NHWC with known height,
 * width and channels; the batch dimension may be unknown.
 */
public final class Convolutions {

    /**
     * The most values a window may hold ({@code KH * KW * C}) for {@link Conv2D}'s direct kernels;
     * above it the patches matrix times the filter is one GEMM that packs its operands once and
     * keeps them in cache, faster than a pass over the filter per window.
     */
    static final int DIRECT_MAX_DEPTH = 64;

    private Convolutions() {
    }

    /** TensorFlow's {@code tf.nn.conv2d}: see {@code TF.nn.conv2d}. */
    public static Tensor conv2d(Tensor input, Tensor filter, int[] strides, String padding, int[] dilations) {
        String op = "Conv2D";
        Inputs.nonNullInput(op, "input", input);
        Inputs.nonNullInput(op, "filter", filter);
        Inputs.nonNullInput(op, "strides", strides);
        Inputs.nonNullInput(op, "padding", padding);
        Inputs.nonNullInput(op, "dilations", dilations);
        Padding pad = Padding.of(op, padding);
        int[] stride = pair(op, "strides", strides), rate = pair(op, "dilations", dilations);
        Shape in = image(op, input), f = filter.shape();
        if (f.rank() != 4) {
            throw InvalidArgumentException.of(op, "filter must be 4-dimensional [KH,KW,C,OC], got shape "
                    + f.toBracketString());
        }
        if (!f.isFullyDefined()) {
            throw InvalidArgumentException.of(op, "the filter's shape must be known (only an image's batch dimension "
                    + "may be unknown), got " + f);
        }
        if (filter.dtype() != input.dtype()) {
            throw InvalidArgumentException.of(op, "filter is " + filter.dtype() + " but input is " + input.dtype());
        }
        if (in.get(3) != f.get(2)) {
            throw InvalidArgumentException.of(op, "input depth must equal filter depth: " + in.get(3) + " vs "
                    + f.get(2) + " (input " + in.toBracketString() + ", filter " + f.toBracketString() + ")");
        }
        var windows = new SlidingWindows(f.get(0), f.get(1), stride[0], stride[1], rate[0], rate[1], pad);
        int[] out = windows.outputSize(op, in.get(1), in.get(2));
        int depth = f.get(0) * f.get(1) * f.get(2), n = in.get(0);
        boolean pointwise = windows.taps() == 1 && stride[0] == 1 && stride[1] == 1;
        if (!pointwise && depth <= DIRECT_MAX_DEPTH) return Dispatch.apply(new Conv2D(windows), input, filter);
        Tensor patches = pointwise ? input : Dispatch.apply(new ImagePatches(windows, 0), input);
        int rows = n == Shape.UNKNOWN ? -1 : n * out[0] * out[1];
        Tensor product = Linalg.matmul(ShapeOps.reshape(patches, rows, depth), ShapeOps.reshape(filter, depth, f.get(3)),
                false, false);
        return ShapeOps.reshape(product, n == Shape.UNKNOWN ? -1 : n, out[0], out[1], f.get(3));
    }

    /** TensorFlow's {@code tf.nn.max_pool2d}: see {@code TF.nn.maxPool2d}. */
    public static Tensor maxPool2d(Tensor input, int[] ksize, int[] strides, String padding) {
        Pooling p = pooling("MaxPool", input, ksize, strides, padding);
        Tensor windows = p.windowsOf(Dispatch.apply(new ImagePatches(p.windows, Double.NEGATIVE_INFINITY), input));
        return Reductions.reduce(ReduceOp.MAX, windows, new int[] {3}, false);
    }

    /** TensorFlow's {@code tf.nn.avg_pool2d}: see {@code TF.nn.avgPool2d}. */
    public static Tensor avgPool2d(Tensor input, int[] ksize, int[] strides, String padding) {
        Pooling p = pooling("AvgPool", input, ksize, strides, padding);
        Tensor sums = Reductions.reduce(ReduceOp.SUM,
                p.windowsOf(Dispatch.apply(new ImagePatches(p.windows, 0), input)), new int[] {3}, false);
        double[] counts = p.counts();
        if (counts == null) return Elementwise.binary(BinaryOp.DIVIDE, sums, (double) p.windows.taps());
        Tensor divisor = Creation.fromDoubles(counts, Shape.of(p.out[0], p.out[1], 1), input.dtype());
        return Elementwise.binary(BinaryOp.DIVIDE, sums, Creation.placed(divisor, TensorAccess.backend(input)));
    }

    /** TensorFlow's {@code tf.image.extract_patches}: see {@code TF.nn.extractImagePatches}. */
    public static Tensor extractImagePatches(Tensor images, int[] sizes, int[] strides, int[] rates, String padding) {
        String op = "ExtractImagePatches";
        Inputs.nonNullInput(op, "images", images);
        Inputs.nonNullInput(op, "sizes", sizes);
        Inputs.nonNullInput(op, "strides", strides);
        Inputs.nonNullInput(op, "rates", rates);
        Padding pad = Padding.of(op, padding);
        int[] size = pair(op, "sizes", sizes), stride = pair(op, "strides", strides), rate = pair(op, "rates", rates);
        image(op, images);
        var windows = new SlidingWindows(size[0], size[1], stride[0], stride[1], rate[0], rate[1], pad);
        return Dispatch.apply(new ImagePatches(windows, 0), images);
    }

    /** A pooling's windows on its input, checked. */
    private record Pooling(SlidingWindows windows, Shape input, int[] out) {

        /** The patches as {@code [N, OH, OW, KH*KW, C]}: one window per (n, oh, ow), its taps on axis 3. */
        Tensor windowsOf(Tensor patches) {
            int n = input.get(0);
            return ShapeOps.reshape(patches, n == Shape.UNKNOWN ? -1 : n, out[0], out[1], windows.taps(), input.get(3));
        }

        /**
         * The divisors of an average, {@code [OH, OW]} row-major: each window's pixels inside the
         * image, as TensorFlow's {@code AvgPool} counts them (padding is not averaged in); null when
         * no window reaches over the border (all divide by {@code KH * KW}).
         */
        double[] counts() {
            int h = input.get(1), w = input.get(2);
            int[] rows = inside(h, out[0], windows.kernelHeight(), windows.strideHeight(), padBefore(h, out[0],
                    windows.kernelHeight(), windows.strideHeight()));
            int[] cols = inside(w, out[1], windows.kernelWidth(), windows.strideWidth(), padBefore(w, out[1],
                    windows.kernelWidth(), windows.strideWidth()));
            double[] counts = new double[out[0] * out[1]];
            for (int i = 0; i < out[0]; i++) {
                for (int j = 0; j < out[1]; j++) counts[i * out[1] + j] = rows[i] * cols[j];
            }
            return Arrays.stream(counts).allMatch(c -> c == windows.taps()) ? null : counts;
        }

        private int padBefore(int in, int outSize, int k, int stride) {
            return windows.padding() == Padding.VALID ? 0 : Math.max((outSize - 1) * stride + k - in, 0) / 2;
        }

        /** For each of {@code outSize} windows, how many of its {@code k} taps fall inside {@code [0, in)}. */
        private static int[] inside(int in, int outSize, int k, int stride, int padBefore) {
            int[] count = new int[outSize];
            for (int o = 0; o < outSize; o++) {
                int start = o * stride - padBefore;
                count[o] = Math.min(start + k, in) - Math.max(start, 0);
            }
            return count;
        }
    }

    private static Pooling pooling(String op, Tensor input, int[] ksize, int[] strides, String padding) {
        Inputs.nonNullInput(op, "input", input);
        Inputs.nonNullInput(op, "ksize", ksize);
        Inputs.nonNullInput(op, "strides", strides);
        Padding pad = Padding.of(op, padding);
        int[] size = pair(op, "ksize", ksize), stride = pair(op, "strides", strides);
        Shape in = image(op, input);
        var windows = new SlidingWindows(size[0], size[1], stride[0], stride[1], 1, 1, pad);
        return new Pooling(windows, in, windows.outputSize(op, in.get(1), in.get(2)));
    }

    /** An NHWC float image's shape, checked: rank 4, float32 or float64, known height, width and channels. */
    private static Shape image(String op, Tensor input) {
        Shape s = input.shape();
        if (s.rank() != 4) {
            throw InvalidArgumentException.of(op, "input must be 4-dimensional (NHWC), got shape " + s.toBracketString());
        }
        if (input.dtype() != DType.FLOAT32 && input.dtype() != DType.FLOAT64) {
            throw InvalidArgumentException.of(op, op + " needs a float32 or float64 input, got " + input.dtype()
                    + " (cast it first)");
        }
        if (s.get(1) == Shape.UNKNOWN || s.get(2) == Shape.UNKNOWN || s.get(3) == Shape.UNKNOWN) {
            throw InvalidArgumentException.of(op, "the input's height, width and channels must be known (only an "
                    + "image's batch dimension may be unknown), got shape " + s);
        }
        return s;
    }

    /**
     * {@code {height, width}} from TensorFlow's forms of a spatial parameter: one value for both, two,
     * or four with 1 for the batch and channel axes (NHWC); every value positive.
     */
    private static int[] pair(String op, String name, int[] values) {
        int[] hw = switch (values.length) {
            case 1 -> new int[] {values[0], values[0]};
            case 2 -> values.clone();
            case 4 -> {
                if (values[0] != 1 || values[3] != 1) {
                    throw InvalidArgumentException.of(op, name + " " + Arrays.toString(values) + " must be 1 in the "
                            + "batch and channel dimensions (NHWC): only spatial " + name + " are supported");
                }
                yield new int[] {values[1], values[2]};
            }
            default -> throw InvalidArgumentException.of(op, name + " must have 1, 2 or 4 elements, got "
                    + Arrays.toString(values));
        };
        if (hw[0] < 1 || hw[1] < 1) {
            throw InvalidArgumentException.of(op, name + " must be positive, got " + Arrays.toString(values));
        }
        return hw;
    }
}
