package dev.jtensor.graph;

import dev.jtensor.ops.Primitive;
import dev.jtensor.ops.VariableHandle;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One session's values of its graph's variables: a handle of its own per graph variable,
 * uninitialised until an initializer runs in this session. The graph's primitives act on the
 * graph's handles; {@link #bind} points them at this session's. Updates are atomic under each
 * handle's lock, as for eager variables, so concurrent runs never see a half-written value.
 * Variables of no graph (eager ones that graph ops read or update) are shared by reference.
 */
final class SessionVariables {

    private final Graph graph;
    private final Map<VariableHandle, VariableHandle> values = new ConcurrentHashMap<>();

    SessionVariables(Graph graph) {
        this.graph = graph;
    }

    /** {@code primitive} acting on this session's value of its variable, if it has one. */
    Primitive bind(Primitive primitive) {
        return VariablePrimitives.rebind(primitive, this::storage);
    }

    private VariableHandle storage(VariableHandle handle) {
        if (!graph.owns(handle)) {
            return handle;
        }
        return values.computeIfAbsent(handle, h -> new VariableHandle(h.variable(), h.name(), h.trainable(), h.dtype(),
                h.shape(), h.backend(), null));
    }

    /** Forgets every value (the session closed). */
    void clear() {
        values.clear();
    }
}
