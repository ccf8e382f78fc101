package dev.jtensor.autodiff;

import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Shape;
import dev.jtensor.Tensor;
import dev.jtensor.ops.Conv2D;
import dev.jtensor.ops.Conv2DBackpropFilter;
import dev.jtensor.ops.Conv2DBackpropInput;
import dev.jtensor.ops.Dispatch;
import dev.jtensor.ops.Primitive;
import dev.jtensor.ops.SlidingWindows;

/**
 * The gradients of the three convolution primitives. Each is linear in each of its two inputs, and
 * each input's gradient is one of the other two (TensorFlow's {@code nn_grad.py}): with
 * {@code conv(x, f)}, {@code inputGrad(f, dy)} and {@code filterGrad(x, dy)},
 * <ul>
 * <li>{@code conv}: {@code x <- inputGrad(f, g)}, {@code f <- filterGrad(x, g)};
 * <li>{@code inputGrad}: {@code f <- filterGrad(g, dy)}, {@code dy <- conv(g, f)};
 * <li>{@code filterGrad}: {@code x <- inputGrad(g, dy)}, {@code dy <- conv(x, g)}.
 * </ul>
 * So gradients of every order stay within the three. Inputs the tape does not need are skipped.
 */
final class ConvolutionGradients {

    private ConvolutionGradients() {
    }

    static Tensor[] conv2d(Conv2D c, Tensor x, Tensor f, Tensor g, boolean[] needed) {
        return new Tensor[] {needed[0] ? inputGrad(c, c.windows(), x, f, g) : null,
                needed[1] ? filterGrad(c.windows(), x, g) : null};
    }

    static Tensor[] backpropInput(Conv2DBackpropInput b, Tensor f, Tensor dy, Tensor g, boolean[] needed) {
        return new Tensor[] {needed[0] ? filterGrad(b.windows(), g, dy) : null,
                needed[1] ? conv(b.windows(), g, f) : null};
    }

    static Tensor[] backpropFilter(Conv2DBackpropFilter b, Tensor x, Tensor dy, Tensor g, boolean[] needed) {
        return new Tensor[] {needed[0] ? inputGrad(b, b.windows(), x, g, dy) : null,
                needed[1] ? conv(b.windows(), x, g) : null};
    }

    private static Tensor conv(SlidingWindows w, Tensor x, Tensor f) {
        return Dispatch.apply(new Conv2D(w), x, f);
    }

    private static Tensor filterGrad(SlidingWindows w, Tensor x, Tensor dy) {
        return Dispatch.apply(new Conv2DBackpropFilter(w), x, dy);
    }

    /** The gradient for {@code image}, which needs the image's height and width. */
    private static Tensor inputGrad(Primitive p, SlidingWindows w, Tensor image, Tensor f, Tensor dy) {
        int h = image.shape().get(1), width = image.shape().get(2);
        if (h == Shape.UNKNOWN || width == Shape.UNKNOWN) {
            throw InvalidArgumentException.of(p.name(), "the gradient of a convolution for its image needs the "
                    + "image's height and width, got shape " + image.shape());
        }
        return Dispatch.apply(new Conv2DBackpropInput(w, h, width), f, dy);
    }
}
