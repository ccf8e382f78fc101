package dev.jtensor.graph;

import dev.jtensor.InvalidArgumentException;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import dev.jtensor.Variable;
import dev.jtensor.autodiff.Backprop;
import dev.jtensor.ops.Call;
import dev.jtensor.ops.CallBody;
import dev.jtensor.ops.Dispatch;
import dev.jtensor.ops.Primitive;
import dev.jtensor.ops.ReadVariable;
import dev.jtensor.ops.TensorSpec;
import dev.jtensor.ops.VariableHandle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.Function;

/**
 * One trace of a {@link TracedFunction} for one input signature (TensorFlow's
 * {@code ConcreteFunction}): the graph the function built from placeholders, run as the body of a
 * {@link Call} op. The call's inputs are the function's, then the values of the variables it reads
 * (read by the caller, so that outer tapes see the reads and can give the variables gradients);
 * every call runs the graph's variable updates, in program order, whether the result needs them or
 * not. Each call records what its ops computed, held while the call's output is alive, so that its
 * gradient reuses the forward's values (random draws included) instead of recomputing them; while
 * a tape records (a higher-order gradient), the stateless ops are replayed for it to see.
 */
final class ConcreteFunction implements CallBody {

    private final String name;
    private final Graph graph;
    private final List<Tensor> placeholders;
    private final List<Variable> captured;
    private final Map<Tensor, Integer> capturedReads;
    private final Tensor result;
    private final List<Operation> effects;
    private final SessionVariables variables;
    /** The run of a call, planned on first use: without and with a recorder (which keeps every value intact). */
    private volatile Execution plain, recorded;
    private final Map<Tensor, Trace> traces = Collections.synchronizedMap(new WeakHashMap<>());

    /** What one call computed: its ops in order, and the value that became the call's output. */
    private record Trace(List<Backprop.Node> nodes, Tensor output) {
    }

    private ConcreteFunction(String name, Graph graph, List<Tensor> placeholders, Tensor result) {
        this.name = name;
        this.graph = graph;
        this.placeholders = placeholders;
        this.result = result;
        this.variables = new SessionVariables(graph);
        this.captured = new ArrayList<>();
        this.capturedReads = new IdentityHashMap<>();
        this.effects = new ArrayList<>();
        Set<VariableHandle> updated = new HashSet<>();
        Map<Variable, Integer> index = new LinkedHashMap<>();
        for (Operation op : graph.operations()) {
            if (!(op.kind() instanceof OpKind.Apply apply)) continue;
            Primitive p = apply.primitive();
            if (p instanceof ReadVariable read && !updated.contains(read.variable())) {
                // a read before any update in the function sees the value the caller passes in
                int j = index.computeIfAbsent(read.variable().variable(), v -> {
                    captured.add(v);
                    return captured.size() - 1;
                });
                capturedReads.put(op.output(), j);
            }
            if (VariablePrimitives.updates(p)) updated.addAll(VariablePrimitives.handlesOf(p));
            if (VariablePrimitives.updates(p) || p instanceof Call) effects.add(op);
        }
    }

    /**
     * Traces {@code fn} on placeholders of {@code signature} in a graph of its own, in a level of
     * its own (outer tapes and graphs see none of it).
     *
     * @throws InvalidArgumentException if the function returns null or creates variables
     */
    static ConcreteFunction trace(String name, Function<List<Tensor>, Tensor> fn, List<TensorSpec> signature) {
        Graph graph = new Graph();
        List<Tensor> placeholders = new ArrayList<>();
        Tensor out;
        try (var level = Dispatch.openLevel(null); var scope = graph.asDefault()) {
            for (TensorSpec spec : signature) {
                placeholders.add(graph.placeholder(spec.dtype(), spec.shape(), "input"));
            }
            out = fn.apply(List.copyOf(placeholders));
            if (out == null) {
                throw new InvalidArgumentException("TracedFunction '" + name + "' returned null");
            }
            if (!out.isSymbolic()) {
                out = graph.constant(out);   // a value computed outside: the function returns it every time
            }
        }
        if (!graph.variables().isEmpty()) {
            throw new InvalidArgumentException("TracedFunction '" + name + "' created variables "
                    + graph.variables().stream().map(Variable::name).toList()
                    + ": create them outside the function; it reads and updates them by reference");
        }
        if (Operation.of(out).graph() != graph) {
            throw new InvalidArgumentException("TracedFunction '" + name + "' returned a tensor of another graph: "
                    + out);
        }
        return new ConcreteFunction(name, graph, List.copyOf(placeholders), out);
    }

    /** Whether the call about to run on this thread may be differentiated (a tape was active when it was made). */
    private static final ThreadLocal<Boolean> RECORD = ThreadLocal.withInitial(() -> false);

    /**
     * Applies the call op on {@code inputs} (the function's, then {@link #callInputs}'), keeping
     * what it computes for a gradient only where something records ops: with no hook active no tape
     * can ask for one, and a long loop of calls must not keep every call's intermediates.
     */
    Tensor apply(Tensor[] inputs) {
        boolean previous = RECORD.get();
        RECORD.set(Dispatch.hasHooks());
        try {
            return Dispatch.apply(new Call(this), inputs);
        } finally {
            RECORD.set(previous);
        }
    }

    /** The variables the caller holds for the call running on this thread (none when a tape watches). */
    private static final ThreadLocal<List<VariableHandle>> HELD = ThreadLocal.withInitial(List::of);

    /**
     * Calls the function on {@code xs}. Without a tape, the captured variables are read by holding
     * them ({@link VariableHandle#hold}), so that the call's updates may write them in place; a tape
     * records plain reads, which it keeps.
     */
    Tensor invoke(Tensor[] xs) {
        if (Dispatch.hasHooks() || captured.isEmpty()) return apply(callInputs(xs));
        Tensor[] all = new Tensor[xs.length + captured.size()];
        System.arraycopy(xs, 0, all, 0, xs.length);
        var held = new ArrayList<VariableHandle>(captured.size());
        List<VariableHandle> previous = HELD.get();
        try {
            for (int j = 0; j < captured.size(); j++) {
                VariableHandle handle = captured.get(j).handle();
                all[xs.length + j] = handle.hold();
                held.add(handle);
            }
            HELD.set(held);
            return apply(all);
        } finally {
            HELD.set(previous);
            held.forEach(VariableHandle::release);
        }
    }

    /** The call op's inputs: the function's, then the current values of the variables it reads. */
    Tensor[] callInputs(Tensor[] inputs) {
        Tensor[] all = new Tensor[inputs.length + captured.size()];
        System.arraycopy(inputs, 0, all, 0, inputs.length);
        for (int j = 0; j < captured.size(); j++) {
            all[inputs.length + j] = captured.get(j).asTensor();
        }
        return all;
    }

    /** The output's spec, had the function been called on inputs of these specs. */
    TensorSpec resultSpec() {
        return TensorSpec.of(result);
    }

    /** The graph of the trace. */
    Graph graph() {
        return graph;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public TensorSpec infer(TensorSpec[] inputs) {
        if (inputs.length != placeholders.size() + captured.size()) {
            throw new InvalidArgumentException("TracedFunction '" + name + "' takes " + placeholders.size()
                    + " inputs and " + captured.size() + " variable values, got " + inputs.length);
        }
        for (int i = 0; i < placeholders.size(); i++) {
            TensorSpec want = TensorSpec.of(placeholders.get(i));
            if (inputs[i].dtype() != want.dtype() || !want.shape().isCompatibleWith(inputs[i].shape())) {
                throw new InvalidArgumentException("TracedFunction '" + name + "': input #" + i + " is "
                        + inputs[i] + " but the trace takes " + want);
            }
        }
        return resultSpec();
    }

    @Override
    public Tensor call(Tensor[] inputs) {
        Tensor[] feeds = new Tensor[placeholders.size() + capturedReads.size()];
        System.arraycopy(inputs, 0, feeds, 0, placeholders.size());
        int next = placeholders.size();
        for (int j : capturedReads.values()) feeds[next++] = inputs[placeholders.size() + j];
        if (!RECORD.get()) {
            if (plain == null) plain = plan(GraphOptimization.ALL);
            List<VariableHandle> held = HELD.get();
            HELD.set(List.of());   // the holds are this run's, not those of calls nested in it
            return plain.run(feeds, null, held).getFirst();
        }
        // nested calls see RECORD too, and record when this one does
        Set<Tensor> connected = Collections.newSetFromMap(new IdentityHashMap<>());
        Collections.addAll(connected, inputs);
        List<Backprop.Node> nodes = new ArrayList<>();
        Execution.Recorder recorder = (primitive, in, out) -> {
            boolean[] needed = new boolean[in.length];
            boolean any = false;
            for (int k = 0; k < in.length; k++) {
                needed[k] = connected.contains(in[k]);
                any |= needed[k];
            }
            if (any) {
                connected.add(out);
                nodes.add(new Backprop.Node(primitive, in, out, needed));
            }
        };
        if (recorded == null) recorded = plan(RECORDABLE);
        Tensor value = recorded.run(feeds, recorder).getFirst();
        // the output is a fresh view, never a recorded value, so that the weakly held key is not
        // reachable from its trace, and tapes can tell calls apart when the function hands back
        // an input or a constant (the gradient flows from the value)
        Tensor output = TF.stopGradient(value);
        traces.put(output, new Trace(List.copyOf(nodes), value));
        return output;
    }

    /**
     * What a call that records for a tape may do: only fold constants, which the tape would not have
     * recorded anyway. Merged or fused nodes would sum the same gradient contributions in another
     * order, and the gradient is to be the eager tape's, bit for bit; buffer reuse and in-place
     * updates would overwrite values the gradient needs.
     */
    private static final Set<GraphOptimization> RECORDABLE = EnumSet.of(GraphOptimization.CONSTANT_FOLDING);

    /** The call's run, fed the placeholders and then the captured reads (in {@code capturedReads}' order). */
    private Execution plan(Set<GraphOptimization> optimizations) {
        var fed = new ArrayList<Tensor>(placeholders);
        fed.addAll(capturedReads.keySet());
        return new Execution(Planner.plan(variables, List.of(result), effects, fed, optimizations),
                optimizations.contains(GraphOptimization.BUFFER_REUSE),
                optimizations.contains(GraphOptimization.IN_PLACE_UPDATES));
    }

    @Override
    public Tensor[] gradient(Tensor[] inputs, Tensor output, Tensor upstream, boolean[] needed) {
        Trace trace = traces.get(output);
        if (trace == null) {
            throw new IllegalStateException("TracedFunction '" + name + "': no record of the call that gave " + output);
        }
        Trace used = Dispatch.hasHooks() ? replay(trace) : trace;
        Map<Tensor, Tensor> grads = Backprop.gradients(used.nodes(), used.output(), upstream);
        Tensor[] result = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            if (needed[i]) result[i] = grads.get(inputs[i]);
        }
        return result;
    }

    /**
     * The call's ops applied again where the hooks of this level (a tape taking a higher-order
     * gradient) see them, so that the gradient's dependence on the inputs through the forward's
     * intermediates is recorded too. Stateful ops (random draws, variable reads and updates, nested
     * calls) are not run again: their recorded values stand, so the replay draws nothing new.
     */
    private static Trace replay(Trace trace) {
        Map<Tensor, Tensor> replayed = new IdentityHashMap<>();
        List<Backprop.Node> nodes = new ArrayList<>(trace.nodes().size());
        for (Backprop.Node node : trace.nodes()) {
            Tensor[] in = new Tensor[node.inputs().length];
            for (int i = 0; i < in.length; i++) {
                in[i] = replayed.getOrDefault(node.inputs()[i], node.inputs()[i]);
            }
            Tensor out = node.primitive().stateful() ? node.output() : Dispatch.apply(node.primitive(), in);
            replayed.put(node.output(), out);
            nodes.add(new Backprop.Node(node.primitive(), in, out, node.needed()));
        }
        return new Trace(nodes, replayed.getOrDefault(trace.output(), trace.output()));
    }
}
