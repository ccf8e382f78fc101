package dev.jtensor.ops;

import dev.jtensor.Tensor;
import dev.jtensor.accel.Backend;

/**
 * One call of a {@link CallBody}: the body's ops run inside a new hook level, so hooks outside
 * (an outer gradient tape, a graph being built) see this single op, and its gradient is the body's
 * ({@code PartitionedCall} in TensorFlow's graphs). Bodies compare by identity, so two calls are
 * equal when they call the same body.
 *
 * @param body what runs
 */
public record Call(CallBody body) implements Primitive {

    public Call {
        Primitives.nonNull("Call", "body", body);
    }

    @Override
    public String name() {
        return body.name();
    }

    @Override
    public boolean stateful() {
        // a body may read or update variables or draw random values: never merge or fold calls
        return true;
    }

    @Override
    public TensorSpec infer(TensorSpec... inputs) {
        Primitives.requireSpecs(this, inputs);
        return body.infer(inputs);
    }

    @Override
    public Tensor compute(Backend backend, Tensor[] inputs, TensorSpec output) {
        try (var level = Dispatch.openLevel(null)) {
            return body.call(inputs);
        }
    }
}
