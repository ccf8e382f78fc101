package dev.jtensor.nn;

import static dev.jtensor.TF.*;

import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Tensor;
import dev.jtensor.internal.Inputs;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Keras's activation functions by name ({@code keras.activations}), composed from public ops so
 * they differentiate and trace like any other code.
 *
 * {@snippet :
 * UnaryOperator<Tensor> relu = Activations.get("relu");
 * Tensor y = Activations.get("gelu").apply(TF.constant(new float[] {-1, 0, 1}));
 * }
 */
public final class Activations {

    /** The names {@link #get} accepts. */
    public static final List<String> NAMES = List.of("linear", "relu", "sigmoid", "tanh", "softmax", "log_softmax",
            "softplus", "softsign", "elu", "selu", "gelu", "silu", "swish", "relu6", "leaky_relu", "exponential");

    private static final double SELU_ALPHA = 1.6732632423543772848170429916717;
    private static final double SELU_SCALE = 1.0507009873554804934193349852946;

    private Activations() {
    }

    /**
     * The activation Keras knows by {@code name} (case-insensitive; null means linear). Softmax and
     * log-softmax work on the last axis; leaky_relu has Keras's slope 0.2; gelu is Keras's
     * {@code approximate=True} form ({@link #gelu}).
     */
    public static UnaryOperator<Tensor> get(String name) {
        String key = name == null ? "linear" : name.toLowerCase(Locale.ROOT);
        return switch (key) {
            case "linear" -> x -> x;
            case "relu" -> x -> relu(x);
            case "sigmoid" -> x -> sigmoid(x);
            case "tanh" -> x -> tanh(x);
            case "softmax" -> x -> softmax(x, -1);
            case "log_softmax" -> x -> logSoftmax(x, -1);
            case "softplus" -> x -> softplus(x);
            case "softsign" -> x -> x.div(abs(x).add(1));
            case "elu" -> Activations::elu;
            case "selu" -> x -> where(x.greater(0), x, expm1(x).mul(SELU_ALPHA)).mul(SELU_SCALE);
            case "gelu" -> Activations::gelu;
            case "silu", "swish" -> x -> x.mul(sigmoid(x));
            case "relu6" -> x -> minimum(relu(x), 6);
            case "leaky_relu" -> x -> maximum(x, x.mul(0.2));
            case "exponential" -> x -> exp(x);
            default -> throw new InvalidArgumentException("Activations.get: unknown activation '" + name + "'; known: "
                    + String.join(", ", NAMES));
        };
    }

    /** Keras's ELU with alpha 1: {@code x} where positive, {@code exp(x) - 1} elsewhere. */
    public static Tensor elu(Tensor x) {
        Inputs.nonNull(x, "Activations.elu", "x");
        return where(x.greater(0), x, expm1(x));
    }

    /** GELU in the tanh form: {@code 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))}. */
    public static Tensor gelu(Tensor x) {
        Inputs.nonNull(x, "Activations.gelu", "x");
        Tensor inner = x.add(x.mul(x).mul(x).mul(0.044715)).mul(Math.sqrt(2 / Math.PI));
        return x.mul(0.5).mul(tanh(inner).add(1));
    }
}
