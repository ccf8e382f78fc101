package dev.jtensor.nn.distribute;

import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Tensor;
import dev.jtensor.Variable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Where a layer's state updates go while a replica computes its part of a step. Outside a replica
 * step {@link #assignState} assigns, as usual; inside one it records the new value instead, and the
 * strategy assigns the example-weighted mean of the replicas' values once the step's gradients are
 * applied (TensorFlow's sync-on-read variables with {@code MEAN} aggregation). Replicas share the
 * variables they read, so no replica writes one while others read it. Inside a replica a second
 * assignment of the same variable replaces the first, and reads still see the value from before the
 * step (a layer called twice in one step moves its state once). States must be floating.
 *
 * {@snippet :
 * // in a layer's forward, for state that training moves (BatchNormalization's moving statistics)
 * ReplicaContext.assignState(movingMean, movingMean.mul(momentum).add(mean.mul(1 - momentum)));
 * }
 */
public final class ReplicaContext {

    private static final ThreadLocal<ReplicaContext> CURRENT = new ThreadLocal<>();

    private final Map<Variable, Tensor> updates = new LinkedHashMap<>();

    private ReplicaContext() {
    }

    /** Assigns {@code value} to {@code variable}, or records it when the current thread runs a replica step. */
    public static void assignState(Variable variable, Tensor value) {
        if (variable == null || value == null) {
            throw new InvalidArgumentException("ReplicaContext.assignState: " + (variable == null ? "variable" : "value")
                    + " is null");
        }
        ReplicaContext context = CURRENT.get();
        if (context == null) {
            variable.assign(value);
        } else {
            context.updates.put(variable, value);
        }
    }

    /** Whether the current thread is computing a replica's part of a step. */
    public static boolean inReplica() {
        return CURRENT.get() != null;
    }

    /** Runs {@code body} as a replica: the state updates it makes are returned instead of assigned, in order. */
    static <T> Recorded<T> record(Supplier<T> body) {
        ReplicaContext outer = CURRENT.get();
        ReplicaContext context = new ReplicaContext();
        CURRENT.set(context);
        try {
            return new Recorded<>(body.get(), Collections.unmodifiableMap(context.updates));
        } finally {
            if (outer == null) CURRENT.remove(); else CURRENT.set(outer);
        }
    }

    /** What a replica body returned, and the state updates it recorded. */
    record Recorded<T>(T value, Map<Variable, Tensor> updates) {
    }
}
