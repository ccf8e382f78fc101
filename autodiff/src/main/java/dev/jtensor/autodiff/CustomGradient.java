package dev.jtensor.autodiff;

import dev.jtensor.Operand;
import dev.jtensor.TF;
import dev.jtensor.internal.Inputs;
import dev.jtensor.Tensor;
import dev.jtensor.ops.Call;
import dev.jtensor.ops.CallBody;
import dev.jtensor.ops.Dispatch;
import dev.jtensor.ops.TensorSpec;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * A function with a gradient of the user's choosing, like TensorFlow's {@code tf.custom_gradient}:
 * the forward computation runs inside its own hook level, so tapes do not record its ops, and
 * they record one {@link Call} op instead whose gradient is the given rule.
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
        Inputs.nonNull(forward, "CustomGradient.apply", "forward");
        Inputs.nonNull(rule, "CustomGradient.apply", "rule");
        Inputs.nonNull(inputs, "CustomGradient.apply", "inputs");
        Tensor[] xs = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            xs[i] = Inputs.nonNull(inputs[i], "CustomGradient.apply", "inputs[" + i + "]").asTensor();
        }
        if (Arrays.stream(xs).anyMatch(Tensor::isSymbolic)) {
            // building a graph: the forward's ops join it, and an identity op on their result
            // carries the rule (TF1's gradient_override_map on an IdentityN)
            Tensor[] all = Arrays.copyOf(xs, xs.length + 1);
            all[xs.length] = forward.apply(List.of(xs));
            return Dispatch.apply(new Call(new GraphOverride(rule, xs.length)), all);
        }
        Tensor y;
        try (var level = Dispatch.openLevel(null)) {
            // a fresh tensor object, even if forward hands back an input, so tapes can tell them apart
            y = TF.stopGradient(forward.apply(List.of(xs)));
        }
        return Dispatch.apply(new Call(new Body(rule, xs, y)), xs);
    }

    /** One call's body: its forward has run already; the call hands back that result. */
    private record Body(Rule rule, Tensor[] xs, Tensor y) implements CallBody {
        @Override
        public String name() {
            return "CustomGradient";
        }

        @Override
        public TensorSpec infer(TensorSpec[] inputs) {
            return TensorSpec.of(y);
        }

        @Override
        public Tensor call(Tensor[] inputs) {
            return y;
        }

        @Override
        public Tensor[] gradient(Tensor[] inputs, Tensor output, Tensor upstream, boolean[] needed) {
            List<Tensor> grads = rule.apply(upstream, output, List.of(inputs));
            if (grads.size() != inputs.length) {
                throw new IllegalStateException("custom gradient returned " + grads.size() + " gradients for "
                        + inputs.length + " inputs");
            }
            return grads.toArray(Tensor[]::new);
        }
    }

    /**
     * The graph form: inputs are the xs and then the forward's result y, which the op hands back;
     * the rule gives the xs' gradients, and y (whose ops would give the forward's own gradient) none.
     */
    private record GraphOverride(Rule rule, int arity) implements CallBody {
        @Override
        public String name() {
            return "CustomGradient";
        }

        @Override
        public TensorSpec infer(TensorSpec[] inputs) {
            return inputs[arity];
        }

        @Override
        public Tensor call(Tensor[] inputs) {
            return TF.stopGradient(inputs[arity]);   // a fresh tensor, so tapes tell it from y
        }

        @Override
        public Tensor[] gradient(Tensor[] inputs, Tensor output, Tensor upstream, boolean[] needed) {
            List<Tensor> grads = rule.apply(upstream, output, List.of(inputs).subList(0, arity));
            if (grads.size() != arity) {
                throw new IllegalStateException("custom gradient returned " + grads.size() + " gradients for "
                        + arity + " inputs");
            }
            return Arrays.copyOf(grads.toArray(Tensor[]::new), arity + 1);   // none for y
        }
    }
}
