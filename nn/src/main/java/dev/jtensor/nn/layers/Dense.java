package dev.jtensor.nn.layers;

import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Shape;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import dev.jtensor.nn.Activations;

/**
 * Keras's {@code Dense}: {@code activation(x @ kernel + bias)} over the last axis of the input,
 * with a Glorot-uniform kernel and a zero bias by default (the Xavier initialisation of
 * {@code tf.layers.dense}).
 *
 * {@snippet :
 * Dense hidden = new Dense(64, "relu").kernelRegularizer(Regularizer.l2(1e-4));
 * Tensor h = hidden.call(TF.randomNormal(32, 784));   // (32, 64); kernel (784, 64), bias (64,)
 * }
 */
public final class Dense extends KernelLayer<Dense> {

    private final int units;

    /** A linear layer of {@code units} outputs. */
    public Dense(int units) {
        if (units <= 0) {
            throw new InvalidArgumentException("Dense: units must be positive, got " + units);
        }
        this.units = units;
    }

    /**
     * A layer of {@code units} outputs with a named activation ({@link Activations#get}); {@code activation}
     * may be null: linear, as Keras's {@code activation=None}.
     */
    public Dense(int units, String activation) {
        this(units);
        activation(activation);
    }

    /** The number of outputs. */
    public int units() {
        return units;
    }

    @Override
    protected void checkBuildShape(Shape inputShape) {
        requireRank(inputShape, 2, false);
        if (inputShape.get(-1) == Shape.UNKNOWN) {
            throw new InvalidArgumentException("Layer \"" + name() + "\": the last dimension of the inputs to a Dense "
                    + "layer should be defined. Found None. Full input shape received: " + inputShape);
        }
    }

    @Override
    protected void build(Shape inputShape) {
        buildKernel(Shape.of(inputShape.get(-1), units));
    }

    @Override
    protected void checkInput(Shape inputShape) {
        requireRank(inputShape, 2, false);
        requireDim(inputShape, -1, kernel().shape().get(0));
    }

    @Override
    protected Tensor forward(Tensor x, boolean training) {
        return biasAndActivate(TF.matmul(x, kernel()));
    }
}
