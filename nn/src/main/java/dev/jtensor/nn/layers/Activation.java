package dev.jtensor.nn.layers;

import dev.jtensor.Tensor;
import dev.jtensor.nn.Activations;
import java.util.function.UnaryOperator;

/**
 * Keras's {@code Activation}: applies an activation function by name, with no weights.
 *
 * {@snippet :
 * Tensor p = new Activation("softmax").call(logits);
 * }
 */
public final class Activation extends Layer {

    private final String activationName;
    private final UnaryOperator<Tensor> fn;

    /**
     * The activation {@link Activations#get} knows by {@code name}; {@code name} may be null: linear (the
     * identity), as Keras's {@code activation=None}.
     */
    public Activation(String name) {
        this.fn = Activations.get(name);
        this.activationName = name == null ? "linear" : name;
    }

    /** The activation's name. */
    public String activationName() {
        return activationName;
    }

    @Override
    protected Tensor forward(Tensor x, boolean training) {
        return fn.apply(x);
    }
}
