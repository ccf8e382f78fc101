package dev.jtensor.autodiff;

import dev.jtensor.Settings;
import dev.jtensor.Tensor;
import dev.jtensor.internal.Inputs;
import dev.jtensor.ops.Primitive;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reverse walk of reverse-mode differentiation, as a pure function of a recorded program: the
 * gradient tape calls it on what it recorded, and graph-mode gradients on a graph's nodes. Each
 * node's input gradients come from {@link GradientTable}, written in public ops, so running the
 * walk under an outer tape records it for higher derivatives.
 */
public final class Backprop {

    private Backprop() {
    }

    /**
     * One application of a primitive, in program order.
     *
     * @param primitive what ran
     * @param inputs    its inputs
     * @param output    its output
     * @param needed    which inputs want a gradient (rules skip costly ones that are not needed)
     */
    public record Node(Primitive primitive, Tensor[] inputs, Tensor output, boolean[] needed) {
        public Node {
            Inputs.nonNull(primitive, "Backprop.Node", "primitive");
            Inputs.nonNull(inputs, "Backprop.Node", "inputs");
            Inputs.nonNull(output, "Backprop.Node", "output");
            Inputs.nonNull(needed, "Backprop.Node", "needed");
        }
    }

    /**
     * Walks {@code nodes} backwards from {@code target}, whose gradient is {@code seed}, and gives the
     * gradient of every tensor reached (by identity), the target included. Gradients of a tensor used
     * several times are summed.
     *
     * @throws IllegalStateException if a gradient rule returns a gradient of the wrong shape (a bug in the rule)
     */
    public static Map<Tensor, Tensor> gradients(List<Node> nodes, Tensor target, Tensor seed) {
        Inputs.nonNull(target, "Backprop.gradients", "target");
        Inputs.nonNull(seed, "Backprop.gradients", "seed");
        Map<Tensor, Tensor> seeds = new IdentityHashMap<>();
        seeds.put(target, seed);
        return gradients(nodes, seeds);
    }

    /**
     * The walk from several targets at once, each with its seed gradient ({@code tf.gradients} of a
     * list of ys: the gradient of their sum, each node's rule applied once): as
     * {@link #gradients(List, Tensor, Tensor)}, the targets' own gradients included.
     *
     * @throws IllegalStateException if a gradient rule returns a gradient of the wrong shape (a bug in the rule)
     */
    public static Map<Tensor, Tensor> gradients(List<Node> nodes, Map<Tensor, Tensor> seeds) {
        Inputs.nonNull(nodes, "Backprop.gradients", "nodes");
        Inputs.nonNull(seeds, "Backprop.gradients", "seeds");
        Map<Tensor, Tensor> grads = new IdentityHashMap<>(seeds);
        for (int i = nodes.size() - 1; i >= 0; i--) {
            Node node = nodes.get(i);
            Tensor upstream = grads.get(node.output());
            if (upstream == null) {
                continue;
            }
            Tensor[] inputGrads;
            // constants a rule makes (a scalar zero) belong on the device of the values it combines them with
            try (var device = Settings.withDevice(node.output().device())) {
                inputGrads = GradientTable.gradients(node.primitive(), node.inputs(), node.output(), upstream,
                        node.needed());
            }
            for (int k = 0; k < node.inputs().length; k++) {
                Tensor input = node.inputs()[k];
                Tensor g = inputGrads[k];
                if (g == null || !node.needed()[k]) {
                    continue;
                }
                if (!g.shape().isCompatibleWith(input.shape())) {
                    throw new IllegalStateException("gradient rule bug in " + node.primitive().name() + ": input " + k
                            + " has shape " + input.shape() + " but its gradient has shape " + g.shape());
                }
                grads.merge(input, g, Tensor::add);
            }
        }
        return grads;
    }
}
