package dev.jtensor.graph;

import dev.jtensor.Tensor;
import dev.jtensor.ops.Primitive;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link GraphOptimization#COMMON_SUBEXPRESSION_ELIMINATION}: a stateless primitive applied to the
 * same input nodes as an earlier one (primitives are records, equal when their parameters are) is
 * that earlier node; so are constants holding the same tensor. Stateful ones (reads, updates,
 * random draws, calls) are never merged: two reads of a variable around an update differ.
 */
final class CommonSubexpressions {

    static final Plan.Pass PASS = plan -> {
        Map<Key, Plan.Node> seen = new HashMap<>();
        Map<Tensor, Plan.Node> constants = new IdentityHashMap<>();
        return plan.rewrite(node -> {
            Tensor value = node.constantValue();
            if (value != null) return constants.computeIfAbsent(value, v -> node);
            Primitive p = node.primitive();
            if (p == null || p.stateful()) return node;
            return seen.computeIfAbsent(new Key(p, node.inputs()), k -> node);
        });
    };

    /** A primitive on input nodes; the nodes compare by identity. */
    private record Key(Primitive primitive, List<Plan.Node> inputs) {
    }

    private CommonSubexpressions() {
    }
}
