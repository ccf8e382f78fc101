package dev.jtensor.nn.layers;

import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Shape;
import dev.jtensor.Tensor;

/**
 * Keras's {@code Flatten}: {@code (batch, d1, d2, ...)} to {@code (batch, d1*d2*...)}; the batch
 * dimension may be unknown, the others must be known.
 *
 * {@snippet :
 * Tensor flat = new Flatten().call(TF.zeros(32, 28, 28, 1));   // (32, 784)
 * }
 */
public final class Flatten extends Layer {

    @Override
    protected void checkBuildShape(Shape inputShape) {
        requireRank(inputShape, 1, false);
        for (int i = 1; i < inputShape.rank(); i++) {
            if (inputShape.get(i) == Shape.UNKNOWN) {
                throw new InvalidArgumentException("Layer \"" + name() + "\": Flatten needs every non-batch dimension "
                        + "known, got input shape " + inputShape);
            }
        }
    }

    @Override
    protected void checkInput(Shape inputShape) {
        Shape built = builtInputShape();
        requireRank(inputShape, built.rank(), true);
        for (int i = 1; i < built.rank(); i++) requireDim(inputShape, i, built.get(i));
    }

    @Override
    protected Tensor forward(Tensor x, boolean training) {
        int features = 1;
        for (int i = 1; i < x.rank(); i++) features *= x.shape().get(i);
        return x.reshape(-1, features);
    }
}
