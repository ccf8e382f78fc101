package dev.jtensor.nn.layers;

import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Shape;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import dev.jtensor.Variable;
import dev.jtensor.nn.Activations;
import dev.jtensor.nn.initializers.Initializer;
import dev.jtensor.nn.initializers.Initializers;
import dev.jtensor.nn.regularizers.Regularizer;
import java.util.function.UnaryOperator;

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
public final class Dense extends Layer {

    private final int units;
    private String activationName = "linear";
    private UnaryOperator<Tensor> activation = Activations.get(null);
    private boolean useBias = true;
    private Initializer kernelInitializer = Initializers.glorotUniform();
    private Initializer biasInitializer = Initializers.zeros();
    private Regularizer kernelRegularizer;
    private Regularizer biasRegularizer;
    private Variable kernel;
    private Variable bias;

    /** A linear layer of {@code units} outputs. */
    public Dense(int units) {
        if (units <= 0) {
            throw new InvalidArgumentException("Dense: units must be positive, got " + units);
        }
        this.units = units;
    }

    /** A layer of {@code units} outputs with a named activation ({@link Activations#get}). */
    public Dense(int units, String activation) {
        this(units);
        activation(activation);
    }

    /** Sets the activation by Keras's name. */
    public Dense activation(String name) {
        requireNotBuilt("activation");
        this.activation = Activations.get(name);
        this.activationName = name == null ? "linear" : name;
        return this;
    }

    /** Sets the activation to a function of your own. */
    public Dense activation(UnaryOperator<Tensor> fn) {
        requireNotBuilt("activation");
        this.activation = nonNull(fn, "activation");
        this.activationName = "custom";
        return this;
    }

    /** Whether to add a bias (default true). */
    public Dense useBias(boolean use) {
        requireNotBuilt("useBias");
        this.useBias = use;
        return this;
    }

    /** The kernel's initializer (default Glorot uniform). */
    public Dense kernelInitializer(Initializer init) {
        requireNotBuilt("kernelInitializer");
        this.kernelInitializer = nonNull(init, "kernelInitializer");
        return this;
    }

    /** The bias's initializer (default zeros). */
    public Dense biasInitializer(Initializer init) {
        requireNotBuilt("biasInitializer");
        this.biasInitializer = nonNull(init, "biasInitializer");
        return this;
    }

    /** A penalty on the kernel (null for none). */
    public Dense kernelRegularizer(Regularizer r) {
        requireNotBuilt("kernelRegularizer");
        this.kernelRegularizer = r;
        return this;
    }

    /** A penalty on the bias (null for none). */
    public Dense biasRegularizer(Regularizer r) {
        requireNotBuilt("biasRegularizer");
        this.biasRegularizer = r;
        return this;
    }

    /** The number of outputs. */
    public int units() {
        return units;
    }

    /** The activation's name ({@code "custom"} for a function). */
    public String activationName() {
        return activationName;
    }

    /** The kernel, {@code (inputDim, units)}; null before the layer is built. */
    public Variable kernel() {
        return kernel;
    }

    /** The bias, {@code (units,)}; null before the layer is built or without a bias. */
    public Variable bias() {
        return bias;
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
        kernel = addWeight("kernel", Shape.of(inputShape.get(-1), units), kernelInitializer, true, kernelRegularizer);
        if (useBias) bias = addWeight("bias", Shape.of(units), biasInitializer, true, biasRegularizer);
    }

    @Override
    protected void checkInput(Shape inputShape) {
        requireRank(inputShape, 2, false);
        requireDim(inputShape, -1, kernel.shape().get(0));
    }

    @Override
    protected Tensor forward(Tensor x, boolean training) {
        Tensor y = TF.matmul(x, kernel);
        return activation.apply(useBias ? y.add(bias) : y);
    }
}
