package dev.jtensor.nn.layers;

import dev.jtensor.Shape;
import dev.jtensor.TF;
import dev.jtensor.Tensor;

/**
 * Keras's {@code GlobalAveragePooling2D}: the mean over height and width of NHWC images, one value
 * per channel.
 *
 * {@snippet :
 * Tensor perChannel = new GlobalAveragePooling2D().call(TF.zeros(8, 7, 7, 64));   // (8, 64)
 * }
 */
public final class GlobalAveragePooling2D extends Layer {

    @Override
    protected void checkBuildShape(Shape inputShape) {
        requireRank(inputShape, 4, true);
    }

    @Override
    protected void checkInput(Shape inputShape) {
        requireRank(inputShape, 4, true);
    }

    @Override
    protected Tensor forward(Tensor x, boolean training) {
        return TF.reduceMean(x, 1, 2);
    }
}
