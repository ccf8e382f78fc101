package dev.jtensor.autodiff;

import dev.jtensor.Operand;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import java.util.List;
import java.util.function.Function;

/**
 * A function with a gradient of the user's choosing, like TensorFlow's {@code tf.custom_gradient}:
 * the forward computation is not recorded, and tapes use the given rule instead.
 *
 * {@snippet :
 * // log(1 + e^x) with a gradient that stays finite for large x
 * Tensor y = CustomGradient.apply(
 *         xs -> TF.log(TF.exp(xs.get(0)).add(1)),
 *         (upstream, output, xs) -> List.of(upstream.mul(TF.sigmoid(xs.get(0)))),
 *         x);
 * }
 */
public final class CustomGradient {

    /** The gradient rule: the upstream gradient, the output and the inputs give one gradient per input. */
    @FunctionalInterface
    public interface Rule {
        /** Gradients of the inputs (entries may be null for non-differentiable inputs). */
        List<Tensor> apply(Tensor upstream, Tensor output, List<Tensor> inputs);
    }

    private CustomGradient() {
    }

    /**
     * Runs {@code forward} on the inputs and records the result on every active tape with
     * {@code rule} as its gradient.
     */
    public static Tensor apply(Function<List<Tensor>, Tensor> forward, Rule rule, Operand... inputs) {
        Tensor[] xs = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            xs[i] = inputs[i].asTensor();
        }
        List<Tensor> args = List.of(xs);
        Tensor y;
        try (var paused = GradientTape.pauseAll()) {
            // a fresh tensor object, even if forward hands back an input, so tapes can tell them apart
            y = TF.stopGradient(forward.apply(args));
        }
        Tensor output = y;
        GradientTape.recordCustom(xs, output, (upstream, needed) -> {
            List<Tensor> grads = rule.apply(upstream, output, args);
            if (grads.size() != xs.length) {
                throw new IllegalStateException("custom gradient returned " + grads.size() + " gradients for "
                        + xs.length + " inputs");
            }
            return grads.toArray(Tensor[]::new);
        });
        return output;
    }
}
