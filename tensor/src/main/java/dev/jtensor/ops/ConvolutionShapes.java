package dev.jtensor.ops;

import dev.jtensor.Shape;

/**
 * The shape checks {@link Conv2D}, {@link Conv2DBackpropInput} and {@link Conv2DBackpropFilter}
 * share: NHWC images, {@code [KH, KW, C, OC]} filters matching the windows, {@code [N, OH, OW, OC]}
 * output gradients matching the images; unknown dimensions pass where they could fit.
 */
final class ConvolutionShapes {

    private ConvolutionShapes() {
    }

    /** Both inputs floating point, of one dtype, rank 4 (named {@code first} and {@code second}). */
    static void requireFloatPair(Primitive p, TensorSpec[] inputs, String first, String second) {
        Primitives.arity(p, inputs, 2);
        Primitives.requireFloating(p, inputs[0], 0);
        Primitives.requireSameDType(p, inputs[0], inputs[1], 1);
        requireRank4(p, inputs[0].shape(), first);
        requireRank4(p, inputs[1].shape(), second);
    }

    private static void requireRank4(Primitive p, Shape s, String what) {
        if (s.rank() != 4) {
            throw Primitives.error(p, what + " must be 4-dimensional, got shape " + s.toBracketString());
        }
    }

    /** A {@code [KH, KW, C, OC]} filter whose window is {@code windows}' and whose depth fits {@code channels}. */
    static void requireFilter(Primitive p, SlidingWindows windows, Shape filter, int channels) {
        if (!Shape.compatible(filter.get(0), windows.kernelHeight()) || !Shape.compatible(filter.get(1),
                windows.kernelWidth()) || !Shape.compatible(filter.get(2), channels)) {
            throw Primitives.error(p, "filter of shape " + filter.toBracketString() + " does not fit a "
                    + windows.kernelHeight() + "x" + windows.kernelWidth() + " window over " + channelText(channels)
                    + " channels: expected [" + windows.kernelHeight() + "," + windows.kernelWidth() + ","
                    + channelText(channels) + ",OC]");
        }
    }

    /** An output gradient {@code [N, OH, OW, OC]} of {@code batch x height x width} images. */
    static void requireGradOut(Primitive p, SlidingWindows windows, Shape gradOut, int batch, int height, int width,
                               int outChannels) {
        int[] out = windows.outputSize(p.name(), height, width);
        if (!Shape.compatible(gradOut.get(0), batch) || !Shape.compatible(gradOut.get(1), out[0])
                || !Shape.compatible(gradOut.get(2), out[1]) || !Shape.compatible(gradOut.get(3), outChannels)) {
            throw Primitives.error(p, "output gradient of shape " + gradOut.toBracketString() + " does not come from "
                    + dim(height) + "x" + dim(width) + " images with " + windows.describe() + ": expected ["
                    + dim(batch) + "," + dim(out[0]) + "," + dim(out[1]) + "," + dim(outChannels) + "]");
        }
    }

    /** The known one of two dimensions that must agree, or unknown. */
    static int merge(int a, int b) {
        return a == Shape.UNKNOWN ? b : a;
    }

    private static String channelText(int channels) {
        return dim(channels);
    }

    private static String dim(int d) {
        return d == Shape.UNKNOWN ? "?" : Integer.toString(d);
    }
}
