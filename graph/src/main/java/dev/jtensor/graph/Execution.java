package dev.jtensor.graph;

import dev.jtensor.Tensor;
import dev.jtensor.ops.AssignVariable;
import dev.jtensor.ops.Call;
import dev.jtensor.ops.Dispatch;
import dev.jtensor.ops.Primitive;
import dev.jtensor.ops.VariableHandle;
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
    /** Per slot, the last node that reads it ({@code Integer.MAX_VALUE}: it leaves the run: fetched, or kept by an op). */
    private final int[] lastRead;
    /** Per node: the slots read for the last time by it, and those it keeps ({@link #keeps}). */
    private final int[][] dying, escaping;
    /** Per node: whether it runs with the run's buffers (pure ops and variable ops; not calls or draws). */
    private final boolean[] lends;
    private final BufferReuse spares;
    private final boolean inPlace;

    /** A plan that runs as written, every output fresh. */
    Execution(Plan plan) {
        this(plan, false, false);
    }

    /**
     * A plan that runs, reusing the buffers of dead intermediates from run to run if {@code reuse},
     * and updating variables in place where no one sees the old value if {@code inPlace}.
     */
    Execution(Plan plan, boolean reuse, boolean inPlace) {
        this.plan = plan;
        List<Plan.Node> nodes = plan.nodes();
        int n = nodes.size();
        Map<Plan.Node, Integer> slot = new IdentityHashMap<>();
        feedOf = new int[n];
        constants = new Tensor[n];
        primitives = new Primitive[n];
        inputs = new int[n][];
        lends = new boolean[n];
        for (int i = 0; i < n; i++) {
            Plan.Node node = nodes.get(i);
            slot.put(node, i);
            feedOf[i] = node.feed();
            constants[i] = node.constantValue();
            primitives[i] = node.primitive();
            inputs[i] = node.inputs().stream().mapToInt(slot::get).toArray();
            lends[i] = !node.stateful() || VariablePrimitives.handleOf(primitives[i]) != null;
        }
        fetches = plan.fetches().stream().mapToInt(slot::get).toArray();
        this.spares = reuse ? new BufferReuse() : null;
        this.inPlace = inPlace;
        lastRead = lastReads(nodes);
        dying = dying(n);
        escaping = escapes(nodes);
    }

    private int[] lastReads(List<Plan.Node> nodes) {
        int n = nodes.size();
        int[] last = new int[n];
        Arrays.fill(last, -1);
        for (int i = 0; i < n; i++) {
            for (int from : inputs[i]) last[from] = keeps(primitives[i]) ? Integer.MAX_VALUE : Math.max(last[from], i);
        }
        for (int f : fetches) last[f] = Integer.MAX_VALUE;
        return last;
    }

    /** For each node, the slots it is the last to read. */
    private int[][] dying(int n) {
        var byNode = new ArrayList<List<Integer>>(n);
        for (int i = 0; i < n; i++) byNode.add(new ArrayList<>());
        for (int s = 0; s < n; s++) {
            if (lastRead[s] >= 0 && lastRead[s] < n) byNode.get(lastRead[s]).add(s);
        }
        return byNode.stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
    }

    /**
     * Whether a primitive may keep its inputs beyond the run: an assignment (the value becomes the
     * variable's) and a call (its body may assign them). Updates that compute a new value from their
     * inputs (gradient descent, assignAdd) only read them.
     */
    private static boolean keeps(Primitive p) {
        return p instanceof AssignVariable a && a.mode() == AssignVariable.Mode.ASSIGN || p instanceof Call;
    }

    /** For each node that {@link #keeps} its inputs, the slots it takes (their buffers may become a variable's); empty for the others. */
    private int[][] escapes(List<Plan.Node> nodes) {
        int[][] out = new int[nodes.size()][];
        for (int i = 0; i < out.length; i++) out[i] = keeps(primitives[i]) ? inputs[i] : new int[0];
        return out;
    }

    /** Its spare buffers, or null if it does not reuse them. */
    BufferReuse buffers() {
        return spares;
    }

    /** The plan it runs. */
    Plan plan() {
        return plan;
    }

    /** The fetches' values, after running every node on {@code feeds} (in the plan's feed order). */
    List<Tensor> run(Tensor[] feeds, Recorder recorder) {
        return run(feeds, recorder, List.of());
    }

    /**
     * {@link #run(Tensor[], Recorder)} where the caller {@link VariableHandle#hold holds} the
     * variables {@code held} (once per entry) for this run: the captured reads it feeds.
     */
    List<Tensor> run(Tensor[] feeds, Recorder recorder, List<VariableHandle> held) {
        Tensor[] values = new Tensor[primitives.length];
        RunBuffers buffers = recorder != null || (spares == null && !inPlace) ? null
                : new RunBuffers(spares, inPlace, values, lastRead);
        if (buffers != null) held.forEach(buffers::held);
        // the run's own source (or none) for the whole run, so that it never lends an outer run's buffers
        try (var eager = Dispatch.openLevel(null); var source = Dispatch.withBuffers(buffers)) {
            for (int i = 0; i < values.length; i++) {
                Primitive p = primitives[i];
                if (p == null) {
                    values[i] = feedOf[i] >= 0 ? feeds[feedOf[i]] : constants[i];
                    continue;
                }
                int[] from = inputs[i];
                Tensor[] in = new Tensor[from.length];
                for (int k = 0; k < in.length; k++) in[k] = values[from[k]];
                if (buffers == null) {
                    values[i] = Dispatch.apply(p, in);
                    if (recorder != null) recorder.applied(p, in, values[i]);
                    continue;
                }
                for (int s : escaping[i]) buffers.escaped(values[s]);
                buffers.at(i);
                if (lends[i]) {
                    values[i] = Dispatch.apply(p, in);
                } else {
                    // calls and draws run Java code of their own: nothing lent reaches it
                    try (var none = Dispatch.withBuffers(null)) {
                        values[i] = Dispatch.apply(p, in);
                    }
                }
                buffers.computed(values[i]);
                for (int s : dying[i]) {
                    buffers.dead(values[s]);
                    values[s] = null;
                }
            }
        } finally {
            if (buffers != null) buffers.close(fetches);
        }
        var results = new ArrayList<Tensor>(fetches.length);
        for (int f : fetches) results.add(values[f]);
        return results;
    }
}
