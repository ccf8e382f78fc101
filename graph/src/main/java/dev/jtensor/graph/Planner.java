package dev.jtensor.graph;

import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Tensor;
import dev.jtensor.ops.TensorSpec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns what a run asks for into a {@link Plan}: prunes the graph to the operations the fetches and
 * targets need (walking inputs and control inputs back from them, stopping at fed tensors), keeps
 * them in the order they were added (topological, since an operation's inputs exist before it),
 * binds variable primitives to the session's values, and applies the chosen passes. A placeholder
 * the run needs but is not fed is reported here, before anything runs.
 */
final class Planner {

    private Planner() {
    }

    /** The plan for fetching {@code fetches} after running {@code targets}, given values for {@code fed}. */
    static Plan plan(SessionVariables variables, List<Tensor> fetches, List<Operation> targets, List<Tensor> fed,
                     Set<GraphOptimization> optimizations) {
        Map<Tensor, Integer> feedIndex = new IdentityHashMap<>();
        for (int i = 0; i < fed.size(); i++) feedIndex.put(fed.get(i), i);
        // fed values come first: a run sees them from its start (in-place updates look for their readers)
        var order = new ArrayList<Plan.Node>();
        Map<Tensor, Plan.Node> values = new IdentityHashMap<>();
        for (Tensor f : fed) {
            Plan.Node node = Plan.Node.fed(feedIndex.get(f), TensorSpec.of(f), Operation.of(f).name());
            order.add(node);
            values.put(f, node);
        }
        Function<Tensor, Plan.Node> value = values::get;
        var effects = new ArrayList<Plan.Node>();
        for (Operation op : prune(fetches, targets, feedIndex.keySet())) {
            if (op.hasOutput() && feedIndex.containsKey(op.output())) continue;
            Plan.Node node = node(op, variables, value);
            if (node == null) continue;
            values.put(op.output(), node);
            order.add(node);
            if (node.stateful()) effects.add(node);
        }
        List<Plan.Node> fetched = fetches.stream().map(value).toList();
        Plan plan = new Plan(order, fetched, effects, fed.size()).withoutDeadNodes();
        return optimize(plan, optimizations);
    }

    /** {@code plan} after the passes in {@code optimizations}, in a fixed order. */
    static Plan optimize(Plan plan, Set<GraphOptimization> optimizations) {
        if (optimizations.contains(GraphOptimization.CONSTANT_FOLDING)) plan = ConstantFolding.PASS.apply(plan);
        if (optimizations.contains(GraphOptimization.COMMON_SUBEXPRESSION_ELIMINATION)) {
            plan = CommonSubexpressions.PASS.apply(plan);
        }
        if (optimizations.contains(GraphOptimization.ELEMENTWISE_FUSION)) plan = ElementwiseFusion.PASS.apply(plan);
        return plan;
    }

    /** The operations needed, in the order they were added. */
    static List<Operation> prune(List<Tensor> fetches, List<Operation> targets, Set<Tensor> fed) {
        Set<Operation> needed = new HashSet<>();
        ArrayDeque<Operation> work = new ArrayDeque<>(targets);
        for (Tensor fetch : fetches) {
            if (!fed.contains(fetch)) work.add(Operation.of(fetch));
        }
        while (!work.isEmpty()) {
            Operation op = work.pop();
            if (!needed.add(op)) continue;
            for (Tensor in : op.inputs()) {
                if (!fed.contains(in)) work.push(Operation.of(in));
            }
            work.addAll(op.controlInputs());
        }
        var plan = new ArrayList<>(needed);
        plan.sort(Comparator.comparingInt(Operation::id));
        return plan;
    }

    /** The node computing {@code op}, whose inputs {@code value} gives; null for what computes nothing. */
    private static Plan.Node node(Operation op, SessionVariables variables, Function<Tensor, Plan.Node> value) {
        return switch (op.kind()) {
            case OpKind.Placeholder p -> throw new InvalidArgumentException("You must feed a value for placeholder "
                    + "tensor '" + op.name() + "' with dtype " + Feeds.runtimeName(op.output().dtype()) + " and shape "
                    + op.output().shape().toBracketString());
            case OpKind.Constant c -> Plan.Node.constant(c.value(), op.name());
            case OpKind.Apply a -> {
                var inputs = new ArrayList<Plan.Node>(op.inputs().size());
                for (Tensor in : op.inputs()) inputs.add(value.apply(in));
                yield Plan.Node.apply(variables.bind(a.primitive()), inputs, TensorSpec.of(op.output()), op.name());
            }
            case OpKind.VariableOp v -> null;
            case OpKind.NoOp n -> null;
        };
    }
}
