package dev.jtensor.ops;

import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Shape;
import dev.jtensor.accel.PatchGeometry;

/**
 * The windows of a 2-D convolution or pooling over NHWC images: their size, the strides between
 * them, the dilation of their taps and the padding rule. A part of {@link ImagePatches} and
 * {@link ImagePatchesAdjoint}, compared by value.
 *
 * @param kernelHeight   window height, positive
 * @param kernelWidth    window width, positive
 * @param strideHeight   rows between windows, positive
 * @param strideWidth    columns between windows, positive
 * @param dilationHeight rows between taps, positive (1: adjacent)
 * @param dilationWidth  columns between taps, positive
 * @param padding        {@code SAME} or {@code VALID}
 */
public record SlidingWindows(int kernelHeight, int kernelWidth, int strideHeight, int strideWidth,
                             int dilationHeight, int dilationWidth, Padding padding) {

    public SlidingWindows {
        Primitives.nonNull("ExtractImagePatches", "padding", padding);
        if (kernelHeight < 1 || kernelWidth < 1 || strideHeight < 1 || strideWidth < 1 || dilationHeight < 1
                || dilationWidth < 1) {
            throw InvalidArgumentException.of("ExtractImagePatches", "window sizes, strides and "
                    + "dilations must be positive: ksizes [" + kernelHeight + "," + kernelWidth + "], strides ["
                    + strideHeight + "," + strideWidth + "], rates [" + dilationHeight + "," + dilationWidth + "]");
        }
    }

    /** Taps per window, {@code KH * KW}. */
    public int taps() {
        return kernelHeight * kernelWidth;
    }

    /**
     * The number of windows along an axis of {@code in} pixels (unknown stays unknown), checked as
     * TensorFlow checks it ("Computed output size would be negative ... [Op:...]").
     */
    private int outSize(String op, int in, int size, int stride, int dilation) {
        if (in == Shape.UNKNOWN) return Shape.UNKNOWN;
        int effective = (size - 1) * dilation + 1;
        if (padding == Padding.SAME) return (in + stride - 1) / stride;
        int out = (in - effective + stride) / stride;   // truncating, as TensorFlow's C++
        if (out < 0) {
            throw InvalidArgumentException.of(op, "Computed output size would be negative: " + out + " [input_size: " + in
                    + ", effective_filter_size: " + effective + ", stride: " + stride + "]");
        }
        return out;
    }

    /** The padding before the first window along an axis: half of TF's total, rounded down. */
    private int padBefore(int in, int out, int size, int stride, int dilation) {
        if (padding == Padding.VALID) return 0;
        int effective = (size - 1) * dilation + 1;
        return Math.max((out - 1) * stride + effective - in, 0) / 2;
    }

    /**
     * The number of windows {@code {OH, OW}} down and across an image of {@code height x width}
     * (unknown stays unknown).
     *
     * @throws InvalidArgumentException tagged {@code op} if VALID windows do not fit (TensorFlow's
     *                                  "Computed output size would be negative")
     */
    public int[] outputSize(String op, int height, int width) {
        Primitives.nonNull("SlidingWindows.outputSize", "op", op);
        return new int[] {outSize(op, height, kernelHeight, strideHeight, dilationHeight),
                outSize(op, width, kernelWidth, strideWidth, dilationWidth)};
    }

    /** Where the windows fall on concrete {@code [N, H, W, C]} images. */
    PatchGeometry geometry(Primitive p, int[] image) {
        int[] out = outputSize(p.name(), image[1], image[2]);
        return new PatchGeometry(image[0], image[1], image[2], image[3], kernelHeight, kernelWidth, strideHeight,
                strideWidth, dilationHeight, dilationWidth,
                padBefore(image[1], out[0], kernelHeight, strideHeight, dilationHeight),
                padBefore(image[2], out[1], kernelWidth, strideWidth, dilationWidth), out[0], out[1]);
    }

    /** {@code ksizes [KH,KW], strides [SH,SW], rates [DH,DW], padding SAME}: for messages. */
    String describe() {
        return "ksizes [" + kernelHeight + "," + kernelWidth + "], strides [" + strideHeight + "," + strideWidth
                + "], rates [" + dilationHeight + "," + dilationWidth + "], padding " + padding;
    }
}
