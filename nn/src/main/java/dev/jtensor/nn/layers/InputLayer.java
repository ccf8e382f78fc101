package dev.jtensor.nn.layers;

import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Shape;
import dev.jtensor.Tensor;

/**
 * Keras's {@code InputLayer}: declares the shape of one example at the start of a
 * {@code Sequential} model, so that the model is built (and {@code summary()} works) before any
 * data arrives. It passes its input through.
 *
 * {@snippet :
 * Sequential model = new Sequential(new InputLayer(784), new Dense(64, "relu"), new Dense(10));
 * }
 */
public final class InputLayer extends Layer {

    private final Shape shape;

    /** One example's shape (the batch dimension is added, unknown); -1 marks an unknown dimension. */
    public InputLayer(int... exampleShape) {
        this.shape = Input.batchOf(dev.jtensor.internal.Inputs.nonNull(exampleShape, "InputLayer", "exampleShape"));
    }

    /** The input shape, batch first (unknown). */
    public Shape shape() {
        return shape;
    }

    @Override
    protected void checkInput(Shape inputShape) {
        if (!inputShape.isCompatibleWith(shape)) {
            throw new InvalidArgumentException("Input 0 of layer \"" + name() + "\" is incompatible with the layer: "
                    + "expected shape=" + shape + ", found shape=" + inputShape);
        }
    }

    @Override
    protected Tensor forward(Tensor x, boolean training) {
        return x;
    }
}
