package dev.jtensor.graph;

import dev.jtensor.Tensor;
import dev.jtensor.ops.BroadcastTo;
import dev.jtensor.ops.Dispatch;
import dev.jtensor.ops.Primitive;

/**
 * {@link GraphOptimization#CONSTANT_FOLDING}: a stateless primitive whose inputs are all constants
 * is computed once, when the run is planned, and becomes a constant. The kernels are the run's, so
 * the value is the one the run would have computed. Broadcasts stay (they are free views, and a
 * folded one would materialise a large constant), as do results of more than {@link #MAX_ELEMENTS}
 * elements (TensorFlow's Grappler also caps folded sizes). A fold that fails (an integer division
 * by zero) fails the run, as the op would have.
 */
final class ConstantFolding {

    /** The largest result folded. */
    static final int MAX_ELEMENTS = 1 << 16;

    static final Plan.Pass PASS = plan -> plan.rewrite(ConstantFolding::fold);

    private ConstantFolding() {
    }

    private static Plan.Node fold(Plan.Node node) {
        Primitive p = node.primitive();
        if (p == null || p.stateful() || p instanceof BroadcastTo || !node.spec().shape().isFullyDefined()
                || node.spec().shape().size() > MAX_ELEMENTS) {
            return node;
        }
        Tensor[] values = new Tensor[node.inputs().size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = node.inputs().get(i).constantValue();
            if (values[i] == null) return node;
        }
        try (var eager = Dispatch.openLevel(null)) {
            return Plan.Node.constant(Dispatch.apply(p, values), node.name());
        }
    }
}
