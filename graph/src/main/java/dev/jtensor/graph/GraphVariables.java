package dev.jtensor.graph;

import dev.jtensor.Tensor;
import dev.jtensor.Variable;
import dev.jtensor.ops.VariableHandle;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The variables of one graph (TensorFlow's global variables collection), each with its
 * initializer operation and the tensor that reads it. Thread-safe.
 */
final class GraphVariables {

    private record Entry(Variable variable, Operation initializer, Tensor read) {
    }

    private final Map<VariableHandle, Entry> byHandle = new IdentityHashMap<>();
    private final List<Entry> inOrder = new ArrayList<>();

    synchronized void add(Variable variable, VariableHandle handle, Operation initializer, Tensor read) {
        Entry e = new Entry(variable, initializer, read);
        byHandle.put(handle, e);
        inOrder.add(e);
    }

    synchronized boolean contains(VariableHandle handle) {
        return byHandle.containsKey(handle);
    }

    /** The read tensor of a variable of this graph, or null. */
    synchronized Tensor readOf(VariableHandle handle) {
        Entry e = byHandle.get(handle);
        return e == null ? null : e.read();
    }

    synchronized List<Variable> all() {
        return inOrder.stream().map(Entry::variable).toList();
    }

    synchronized List<Operation> initializers() {
        return inOrder.stream().map(Entry::initializer).toList();
    }
}
