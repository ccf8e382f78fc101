package dev.jtensor.proptests;

import static dev.jtensor.proptests.Domain.ANY;
import static dev.jtensor.proptests.Domain.DISTINCT;

import dev.jtensor.TF;
import dev.jtensor.Tensor;
import dev.jtensor.ops.Dispatch;
import dev.jtensor.ops.ImagePatchesAdjoint;
import dev.jtensor.ops.Padding;
import dev.jtensor.ops.SlidingWindows;
import dev.jtensor.proptests.Layouts.Shaped;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Catalogue entries for {@code TF.nn}: convolution (with and without dilations; these small windows
 * take the direct {@code Conv2D} primitive, whose gradients are the patches composition), max and
 * average pooling, image patches and, through a gradient, their adjoint, over small NHWC images with odd
 * sizes, strides 1 and 2 and both paddings. Max pooling draws distinct values (a tie has no
 * derivative).
 */
final class ConvolutionSpecs {

    private ConvolutionSpecs() {
    }

    /** A window configuration: the image, the window size, strides, dilations, padding and output channels. */
    record Windows(int[] image, int kh, int kw, int sh, int sw, int dh, int dw, String padding, int outChannels) {

        int[] ksize() {
            return new int[] {kh, kw};
        }

        int[] strides() {
            return new int[] {sh, sw};
        }

        int[] dilations() {
            return new int[] {dh, dw};
        }

        int[] filter() {
            return new int[] {kh, kw, image[3], outChannels};
        }

        /** TensorFlow's output size along one axis. */
        private static int out(int in, int k, int s, int d, String padding) {
            int effective = (k - 1) * d + 1;
            return padding.equals("SAME") ? (in + s - 1) / s : (in - effective + s) / s;
        }

        int[] patches() {
            return new int[] {image[0], out(image[1], kh, sh, dh, padding), out(image[2], kw, sw, dw, padding),
                    kh * kw * image[3]};
        }

        boolean fits() {
            int[] p = patches();
            return p[1] >= 1 && p[2] >= 1 && Shapes.size(p) <= 4 * Shapes.MAX_SIZE;
        }

        @Override
        public String toString() {
            return "image " + java.util.Arrays.toString(image) + " window " + kh + "x" + kw + " strides " + sh + "," + sw
                    + " dilations " + dh + "," + dw + " " + padding + " oc " + outChannels;
        }
    }

    static List<GradientSpec<?>> all() {
        return List.of(
                GradientSpec.of("nn.conv2d(input, filter, strides, padding)", windows(false, true),
                        (xs, p) -> TF.nn.conv2d(xs.get(0), xs.get(1), p.strides(), p.padding()), ANY, ANY),
                GradientSpec.of("nn.conv2d(input, filter, strides, padding, dilations)", windows(true, true),
                        (xs, p) -> TF.nn.conv2d(xs.get(0), xs.get(1), p.strides(), p.padding(), p.dilations()), ANY, ANY),
                GradientSpec.of("nn.maxPool2d(input, ksize, strides, padding)", windows(false, false),
                        (xs, p) -> TF.nn.maxPool2d(xs.get(0), p.ksize(), p.strides(), p.padding()), DISTINCT),
                GradientSpec.of("nn.avgPool2d(input, ksize, strides, padding)", windows(false, false),
                        (xs, p) -> TF.nn.avgPool2d(xs.get(0), p.ksize(), p.strides(), p.padding()), ANY),
                GradientSpec.of("nn.extractImagePatches(images, sizes, strides, rates, padding)", windows(true, false),
                        (xs, p) -> TF.nn.extractImagePatches(xs.get(0), p.ksize(), p.strides(), p.dilations(),
                                p.padding()), ANY),
                GradientSpec.of("ImagePatchesAdjoint(patches) (col2im)",
                        windows(true, false).map(s -> new Shaped<>(List.of(s.params().patches()), s.params())),
                        (xs, p) -> adjoint(xs.get(0), p), ANY));
    }

    /** col2im of {@code g}: the adjoint primitive itself, which the other specs reach only in their gradients. */
    private static Tensor adjoint(Tensor g, Windows p) {
        var windows = new SlidingWindows(p.kh(), p.kw(), p.sh(), p.sw(), p.dh(), p.dw(), Padding.of("test", p.padding()));
        return Dispatch.apply(new ImagePatchesAdjoint(windows, p.image()[1], p.image()[2]), g);
    }

    /**
     * Images {@code [1..2, 1..5, 1..5, 1..2]} with windows that fit them; the inputs are the image and,
     * for a convolution ({@code withFilter}), its filter.
     */
    private static Arbitrary<Shaped<Windows>> windows(boolean dilated, boolean withFilter) {
        Arbitrary<int[]> image = Combinators.combine(Arbitraries.integers().between(1, 2),
                Arbitraries.integers().between(1, 5), Arbitraries.integers().between(1, 5),
                Arbitraries.integers().between(1, 2)).as((n, h, w, c) -> new int[] {n, h, w, c});
        Arbitrary<Integer> size = Arbitraries.integers().between(1, 3), stride = Arbitraries.integers().between(1, 2);
        Arbitrary<Integer> dilation = dilated ? Arbitraries.integers().between(1, 2) : Arbitraries.just(1);
        Arbitrary<int[]> window = Combinators.combine(size, size, stride, stride, dilation, dilation)
                .as((kh, kw, sh, sw, dh, dw) -> new int[] {kh, kw, sh, sw, dh, dw});
        return Combinators.combine(image, window, Arbitraries.of("SAME", "VALID"), Arbitraries.integers().between(1, 2))
                .as((im, w, pad, oc) -> new Windows(im, w[0], w[1], w[2], w[3], w[4], w[5], pad, oc))
                .filter(Windows::fits)
                .map(p -> withFilter ? new Shaped<>(List.of(p.image(), p.filter()), p) : new Shaped<>(List.of(p.image()), p));
    }
}
