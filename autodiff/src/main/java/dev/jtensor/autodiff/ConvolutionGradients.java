package dev.jtensor.autodiff;

import static dev.jtensor.TF.matmul;
import static dev.jtensor.TF.reshape;

import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Shape;
import dev.jtensor.Tensor;
import dev.jtensor.ops.Conv2D;
import dev.jtensor.ops.Dispatch;
import dev.jtensor.ops.ImagePatches;

/**
 * The gradient of {@link Conv2D}, as the patches composition that {@code TF.nn.conv2d} uses for
 * large windows: with {@code K = KH * KW * C}, {@code P} the image's patches as a
 * {@code [N*OH*OW, K]} matrix and {@code G} the output gradient as {@code [N*OH*OW, OC]},
 * <ul>
 * <li>the filter's gradient is {@code P^T G}, reshaped to {@code [KH, KW, C, OC]};
 * <li>the image's is the adjoint of the patches (col2im) of {@code G F^T}, {@code F} the filter as
 *     {@code [K, OC]}.
 * </ul>
 * Two GEMMs and a copy each way, faster than direct loops over the windows; gradients of higher
 * order follow from those of the patches, matmul and reshape. Inputs the tape does not need are
 * skipped.
 */
final class ConvolutionGradients {

    private ConvolutionGradients() {
    }

    static Tensor[] conv2d(Conv2D c, Tensor x, Tensor f, Tensor g, boolean[] needed) {
        Shape filter = f.shape(), out = g.shape();
        if (!filter.isFullyDefined()) {
            throw InvalidArgumentException.of(c.name(), "the gradient of a convolution needs the filter's shape, got "
                    + filter);
        }
        int depth = filter.get(0) * filter.get(1) * filter.get(2), channels = filter.get(3);
        var patches = new ImagePatches(c.windows(), 0);
        Tensor gradRows = reshape(g, -1, channels);
        return GradientTable.lazy(needed,
                () -> ShapeGradients.imagePatches(patches, x, reshape(matmul(gradRows, reshape(f, depth, channels),
                        false, true), -1, out.get(1), out.get(2), depth)),
                () -> reshape(matmul(reshape(Dispatch.apply(patches, x), -1, depth), gradRows, true, false),
                        filter.toArray()));
    }
}
