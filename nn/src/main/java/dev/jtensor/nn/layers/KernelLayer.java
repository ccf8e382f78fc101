package dev.jtensor.nn.layers;

import dev.jtensor.Shape;
import dev.jtensor.Tensor;
import dev.jtensor.Variable;
import dev.jtensor.nn.Activations;
import dev.jtensor.nn.initializers.Initializer;
import dev.jtensor.nn.initializers.Initializers;
import dev.jtensor.nn.regularizers.Regularizer;
import java.util.function.UnaryOperator;

/**
 * What {@link Dense} and {@link Conv2D} share: a kernel and an optional bias with their
 * initializers and regularizers, and an activation applied last. The configuration methods return
 * the concrete layer ({@code L}), so calls chain in any order; all of them work only before the
 * layer is built.
 *
 * @param <L> the concrete layer
 */
public abstract class KernelLayer<L extends KernelLayer<L>> extends Layer {

    private String activationName = "linear";
    private UnaryOperator<Tensor> activation = Activations.get(null);
    private boolean useBias = true;
    private Initializer kernelInitializer = Initializers.glorotUniform();
    private Initializer biasInitializer = Initializers.zeros();
    private Regularizer kernelRegularizer;
    private Regularizer biasRegularizer;
    private Variable kernel;
    private Variable bias;

    @SuppressWarnings("unchecked")
    private L self() {
        return (L) this;
    }

    /** Sets the activation by Keras's name ({@link Activations#get}); {@code name} may be null: linear (Keras's None). */
    public L activation(String name) {
        requireNotBuilt("activation");
        this.activation = Activations.get(name);
        this.activationName = name == null ? "linear" : name;
        return self();
    }

    /** Sets the activation to a function of your own. */
    public L activation(UnaryOperator<Tensor> fn) {
        requireNotBuilt("activation");
        this.activation = nonNull(fn, "activation");
        this.activationName = "custom";
        return self();
    }

    /** Whether to add a bias (default true). */
    public L useBias(boolean use) {
        requireNotBuilt("useBias");
        this.useBias = use;
        return self();
    }

    /** The kernel's initializer (default Glorot uniform). */
    public L kernelInitializer(Initializer init) {
        requireNotBuilt("kernelInitializer");
        this.kernelInitializer = nonNull(init, "kernelInitializer");
        return self();
    }

    /** The bias's initializer (default zeros). */
    public L biasInitializer(Initializer init) {
        requireNotBuilt("biasInitializer");
        this.biasInitializer = nonNull(init, "biasInitializer");
        return self();
    }

    /** A penalty on the kernel; {@code r} may be null: none (the default, Keras's {@code kernel_regularizer=None}). */
    public L kernelRegularizer(Regularizer r) {
        requireNotBuilt("kernelRegularizer");
        this.kernelRegularizer = r;
        return self();
    }

    /** A penalty on the bias; {@code r} may be null: none (the default, Keras's {@code bias_regularizer=None}). */
    public L biasRegularizer(Regularizer r) {
        requireNotBuilt("biasRegularizer");
        this.biasRegularizer = r;
        return self();
    }

    /** The activation's name ({@code "custom"} for a function). */
    public String activationName() {
        return activationName;
    }

    /** The kernel; null before the layer is built. */
    public Variable kernel() {
        return kernel;
    }

    /** The bias, one per output; null before the layer is built or without a bias. */
    public Variable bias() {
        return bias;
    }

    /** Creates the kernel of {@code kernelShape} and, if used, a bias of its last dimension. */
    protected final void buildKernel(Shape kernelShape) {
        kernel = addWeight("kernel", kernelShape, kernelInitializer, true, kernelRegularizer);
        if (useBias) bias = addWeight("bias", Shape.of(kernelShape.get(-1)), biasInitializer, true, biasRegularizer);
    }

    /** {@code activation(y + bias)}: what follows the layer's product. */
    protected final Tensor biasAndActivate(Tensor y) {
        return activation.apply(useBias ? y.add(bias) : y);
    }
}
