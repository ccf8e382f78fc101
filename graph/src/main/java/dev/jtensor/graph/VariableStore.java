package dev.jtensor.graph;

import dev.jtensor.DType;
import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Shape;
import dev.jtensor.Tensor;
import dev.jtensor.Variable;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * A graph's variables made by {@link Graph#getVariable}, by full name (TensorFlow's
 * {@code _VariableStore}), and each thread's stack of {@link VariableScope}s while it builds the
 * graph. The map is guarded by this store; the stacks are per thread.
 */
final class VariableStore {

    private final Graph graph;
    private final Map<String, Variable> byName = new HashMap<>();
    private final ThreadLocal<ArrayDeque<VariableScope>> scopes = ThreadLocal.withInitial(() -> {
        var stack = new ArrayDeque<VariableScope>();
        stack.push(new VariableScope("", null, VariableScope.Reuse.INHERIT, null, () -> { }));
        return stack;
    });

    VariableStore(Graph graph) {
        this.graph = graph;
    }

    /** This thread's innermost variable scope (the top level if none is open). */
    VariableScope current() {
        return scopes.get().peek();
    }

    /** Opens {@code name} inside the current scope, with its name scope. */
    VariableScope open(String name, VariableScope.Reuse reuse) {
        Names.requireValid(name, "variable scope name");
        if (name.endsWith("/")) {
            throw new InvalidArgumentException("'" + name + "' is not a valid variable scope name: it ends with '/'");
        }
        ArrayDeque<VariableScope> stack = scopes.get();
        VariableScope parent = stack.peek();
        Scope names = graph.nameScope(name);
        VariableScope[] opened = new VariableScope[1];
        opened[0] = new VariableScope(parent.prefix() + name, parent, reuse, names,
                () -> stack.removeFirstOccurrence(opened[0]));
        stack.push(opened[0]);
        return opened[0];
    }

    /**
     * The variable {@code name} of the current scope: the existing one if the scope reuses, or
     * auto-reuses and it exists (checked against {@code shape} and {@code dtype} where given), else a
     * new one from {@code initializer}.
     * {@code shape}, {@code dtype} and {@code initializer} may be null only to reuse.
     */
    Variable get(String name, Shape shape, DType dtype, Initializer initializer) {
        Names.requireValid(name, "variable name");
        VariableScope scope = current();
        String full = scope.prefix() + name;
        synchronized (this) {
            Variable existing = byName.get(full);
            VariableScope.Reuse mode = scope.reuseMode();
            if (mode == VariableScope.Reuse.REUSE || (mode == VariableScope.Reuse.AUTO_REUSE && existing != null)) {
                if (existing == null) {
                    throw new InvalidArgumentException("Variable " + full + " does not exist, or was not created with "
                            + "tf.get_variable(). Did you mean to set reuse=tf.AUTO_REUSE in VarScope? (create it "
                            + "first with graph.getVariable in a scope that does not reuse, or open this one with "
                            + "VariableScope.Reuse.AUTO_REUSE)");
                }
                if (shape != null && !shape.equals(existing.shape())) {
                    throw new InvalidArgumentException("Trying to share variable " + full + ", but specified shape "
                            + shape + " and found shape " + existing.shape() + ".");
                }
                if (dtype != null && dtype != existing.dtype()) {
                    throw new InvalidArgumentException("Trying to share variable " + full + ", but specified dtype "
                            + dtype + " and found dtype " + existing.dtype() + ".");
                }
                return existing;
            }
            if (existing != null) {
                throw new InvalidArgumentException("Variable " + full + " already exists, disallowed. Did you mean to "
                        + "set reuse=True or reuse=tf.AUTO_REUSE in VarScope? (open the scope with "
                        + "graph.variableScope(name, true) or with VariableScope.Reuse.AUTO_REUSE, or call "
                        + "scope.reuseVariables())");
            }
            if (shape == null || !shape.isFullyDefined()) {
                throw new InvalidArgumentException("Shape of a new variable (" + full + ") must be fully defined, but "
                        + "instead was " + (shape == null ? "<unknown>" : shape) + ".");
            }
            if (dtype == null || initializer == null) {
                throw new InvalidArgumentException("Graph.getVariable: a new variable (" + full + ") needs its "
                        + (dtype == null ? "dtype" : "initializer") + ", got null");
            }
            Variable created = create(full, shape, dtype, initializer);
            byName.put(full, created);
            return created;
        }
    }

    /** A trainable graph variable named exactly {@code full}, its initial value under {@code full/Initializer/}. */
    private Variable create(String full, Shape shape, DType dtype, Initializer initializer) {
        try (Scope inGraph = graph.asDefault()) {
            Tensor initial;
            try (Scope named = graph.nameScope(full + "/Initializer/")) {
                initial = initializer.initialValue(shape, dtype);
            }
            if (initial == null || initial.dtype() != dtype || !initial.shape().isCompatibleWith(shape)) {
                throw new InvalidArgumentException("Graph.getVariable: the initializer of " + full + " gave "
                        + initial + ", not a " + dtype + " tensor of shape " + shape);
            }
            try (Scope top = graph.nameScope("")) {
                return new Variable(initial, full, true);
            }
        }
    }
}
