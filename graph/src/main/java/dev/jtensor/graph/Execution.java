package dev.jtensor.graph;

import dev.jtensor.Tensor;
import dev.jtensor.ops.Dispatch;
import dev.jtensor.ops.Primitive;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link Plan} ready to run, as often as asked and on several threads at once: the interpreter.
 * Values live in an array slot per node; each node runs once per run, in the plan's order.
 * Primitives go through {@link Dispatch#apply} on the values of their inputs, inside a level
 * without hooks, so kernels, the device rule and error messages are the eager ones, and variable
 * primitives act on the session's values (the planner bound them). Everything a run computes is
 * local to it, so runs share nothing but the variables.
 */
final class Execution {

    /** Sees each primitive a run applies, with the values it took and gave (a traced function's gradient needs them). */
    @FunctionalInterface
    interface Recorder {
        void applied(Primitive primitive, Tensor[] inputs, Tensor output);
    }

    private final Plan plan;
    private final int[] feedOf;
    private final Tensor[] constants;
    private final Primitive[] primitives;
    private final int[][] inputs;
    private final int[] fetches;

    Execution(Plan plan) {
        this.plan = plan;
        List<Plan.Node> nodes = plan.nodes();
        int n = nodes.size();
        Map<Plan.Node, Integer> slot = new IdentityHashMap<>();
        feedOf = new int[n];
        constants = new Tensor[n];
        primitives = new Primitive[n];
        inputs = new int[n][];
        for (int i = 0; i < n; i++) {
            Plan.Node node = nodes.get(i);
            slot.put(node, i);
            feedOf[i] = node.feed();
            constants[i] = node.constantValue();
            primitives[i] = node.primitive();
            inputs[i] = node.inputs().stream().mapToInt(slot::get).toArray();
        }
        fetches = plan.fetches().stream().mapToInt(slot::get).toArray();
    }

    /** The plan it runs. */
    Plan plan() {
        return plan;
    }

    /** The fetches' values, after running every node on {@code feeds} (in the plan's feed order). */
    List<Tensor> run(Tensor[] feeds, Recorder recorder) {
        Tensor[] values = new Tensor[primitives.length];
        try (var eager = Dispatch.openLevel(null)) {
            for (int i = 0; i < values.length; i++) {
                Primitive p = primitives[i];
                if (p == null) {
                    values[i] = feedOf[i] >= 0 ? feeds[feedOf[i]] : constants[i];
                    continue;
                }
                int[] from = inputs[i];
                Tensor[] in = new Tensor[from.length];
                for (int k = 0; k < in.length; k++) in[k] = values[from[k]];
                values[i] = Dispatch.apply(p, in);
                if (recorder != null) recorder.applied(p, in, values[i]);
            }
        }
        var results = new ArrayList<Tensor>(fetches.length);
        for (int f : fetches) results.add(values[f]);
        return results;
    }
}
