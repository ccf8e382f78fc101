package dev.jtensor.graph;

import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Tensor;
import dev.jtensor.ops.Dispatch;
import dev.jtensor.ops.Primitive;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One {@link Session#run}: the interpreter. It prunes the graph to the operations the fetches and
 * targets need (walking inputs and control inputs back from them, stopping at fed tensors), then
 * runs those in the order they were added, which is topological since an operation's inputs exist
 * before it. Each runs once per run; primitives go through {@link Dispatch#apply} on the values of
 * their inputs, inside a level without hooks, so kernels, the device rule and error messages are
 * the eager ones, and variable primitives act on the session's values. Everything here is local to
 * the run, so runs on several threads share nothing but the variables.
 */
final class Execution {

    private Execution() {
    }

    /** Sees each primitive a run applies, with the values it took and gave (a traced function's gradient needs them). */
    @FunctionalInterface
    interface Recorder {
        void applied(Primitive primitive, Tensor[] inputs, Tensor output);
    }

    /** The values of {@code fetches}, after running what they and {@code targets} need. */
    static List<Tensor> run(SessionVariables variables, List<Tensor> fetches, List<Operation> targets,
                            Map<Tensor, Tensor> feeds) {
        return run(variables, fetches, targets, feeds, null);
    }

    /** {@link #run}, telling {@code recorder} (may be null) of every primitive applied. */
    static List<Tensor> run(SessionVariables variables, List<Tensor> fetches, List<Operation> targets,
                            Map<Tensor, Tensor> feeds, Recorder recorder) {
        List<Operation> plan = prune(fetches, targets, feeds);
        Map<Tensor, Tensor> values = new IdentityHashMap<>(feeds);
        try (var eager = Dispatch.openLevel(null)) {
            for (Operation op : plan) {
                if (op.hasOutput() && values.containsKey(op.output())) continue;
                Tensor value = execute(op, variables, values, recorder);
                if (value != null) {
                    values.put(op.output(), value);
                }
            }
        }
        var results = new ArrayList<Tensor>(fetches.size());
        for (Tensor fetch : fetches) {
            results.add(values.get(fetch));
        }
        return results;
    }

    /** The operations needed, in the order they were added. */
    static List<Operation> prune(List<Tensor> fetches, List<Operation> targets, Map<Tensor, Tensor> feeds) {
        Set<Operation> needed = new HashSet<>();
        ArrayDeque<Operation> work = new ArrayDeque<>(targets);
        for (Tensor fetch : fetches) {
            if (!feeds.containsKey(fetch)) work.add(Operation.of(fetch));
        }
        while (!work.isEmpty()) {
            Operation op = work.pop();
            if (!needed.add(op)) continue;
            for (Tensor in : op.inputs()) {
                if (!feeds.containsKey(in)) work.push(Operation.of(in));
            }
            work.addAll(op.controlInputs());
        }
        var plan = new ArrayList<>(needed);
        plan.sort(Comparator.comparingInt(Operation::id));
        return plan;
    }

    private static Tensor execute(Operation op, SessionVariables variables, Map<Tensor, Tensor> values,
                                  Recorder recorder) {
        return switch (op.kind()) {
            case OpKind.Placeholder p -> throw new InvalidArgumentException("You must feed a value for placeholder "
                    + "tensor '" + op.name() + "' with dtype " + Feeds.runtimeName(op.output().dtype()) + " and shape "
                    + op.output().shape().toBracketString());
            case OpKind.Constant c -> c.value();
            case OpKind.Apply a -> {
                Tensor[] inputs = new Tensor[op.inputs().size()];
                for (int i = 0; i < inputs.length; i++) {
                    inputs[i] = values.get(op.inputs().get(i));
                }
                Primitive primitive = variables.bind(a.primitive());
                Tensor output = Dispatch.apply(primitive, inputs);
                if (recorder != null) recorder.applied(primitive, inputs, output);
                yield output;
            }
            case OpKind.VariableOp v -> null;
            case OpKind.NoOp n -> null;
        };
    }
}
