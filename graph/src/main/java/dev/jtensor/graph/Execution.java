package dev.jtensor.graph;

import dev.jtensor.Tensor;
import dev.jtensor.ops.Dispatch;
import dev.jtensor.ops.Primitive;
import java.util.ArrayList;
import java.util.Arrays;
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
    /** Per node: the slots read for the last time by it, and those a stateful node takes away; null without reuse. */
    private final int[][] dying, escaping;
    private final BufferReuse buffers;

    /** A plan that runs without reusing buffers. */
    Execution(Plan plan) {
        this(plan, false);
    }

    /** A plan that runs, reusing the buffers of dead intermediates from run to run if {@code reuse}. */
    Execution(Plan plan, boolean reuse) {
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
        buffers = reuse ? new BufferReuse() : null;
        dying = reuse ? lifetimes(nodes) : null;
        escaping = reuse ? escapes(nodes) : null;
    }

    /** For each node, the slots it is the last to read (fetched slots and those a stateful node takes live on). */
    private int[][] lifetimes(List<Plan.Node> nodes) {
        int n = nodes.size();
        int[] last = new int[n];
        Arrays.fill(last, -1);
        for (int i = 0; i < n; i++) {
            for (int from : inputs[i]) last[from] = nodes.get(i).stateful() ? Integer.MAX_VALUE : Math.max(last[from], i);
        }
        for (int f : fetches) last[f] = Integer.MAX_VALUE;
        var byNode = new ArrayList<List<Integer>>(n);
        for (int i = 0; i < n; i++) byNode.add(new ArrayList<>());
        for (int s = 0; s < n; s++) {
            if (last[s] >= 0 && last[s] < n) byNode.get(last[s]).add(s);
        }
        return byNode.stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
    }

    /** For each stateful node, the slots it takes (their buffers may become a variable's); empty for the others. */
    private int[][] escapes(List<Plan.Node> nodes) {
        int[][] out = new int[nodes.size()][];
        for (int i = 0; i < out.length; i++) out[i] = nodes.get(i).stateful() ? inputs[i] : new int[0];
        return out;
    }

    /** Its spare buffers, or null if it does not reuse them. */
    BufferReuse buffers() {
        return buffers;
    }

    /** The plan it runs. */
    Plan plan() {
        return plan;
    }

    /** The fetches' values, after running every node on {@code feeds} (in the plan's feed order). */
    List<Tensor> run(Tensor[] feeds, Recorder recorder) {
        Tensor[] values = new Tensor[primitives.length];
        BufferReuse.Lease lease = buffers == null || recorder != null ? null : buffers.lease();
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
                if (lease == null) {
                    values[i] = Dispatch.apply(p, in);
                    if (recorder != null) recorder.applied(p, in, values[i]);
                    continue;
                }
                for (int s : escaping[i]) lease.escaped(values[s]);
                values[i] = p.stateful() ? Dispatch.apply(p, in) : Dispatch.apply(lease, p, in);
                lease.computed(values[i]);
                for (int s : dying[i]) {
                    lease.dead(values[s]);
                    values[s] = null;
                }
            }
        }
        var results = new ArrayList<Tensor>(fetches.length);
        for (int f : fetches) results.add(values[f]);
        return results;
    }
}
