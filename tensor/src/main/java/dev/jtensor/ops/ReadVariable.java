package dev.jtensor.ops;

import dev.jtensor.Tensor;
import dev.jtensor.accel.Backend;

/**
 * Reads a variable's current value (TensorFlow's {@code ReadVariableOp}). It takes no tensor
 * inputs; the value is the variable's own tensor, not a copy. Tapes watch trainable variables
 * through this op, and a graph tracer turns it into a read that runs every time the graph runs
 * instead of capturing today's value.
 *
 * @param variable the variable read
 */
public record ReadVariable(VariableHandle variable) implements Primitive {

    public ReadVariable {
        Primitives.nonNull("ReadVariableOp", "variable", variable);
    }

    @Override
    public String name() {
        return "ReadVariableOp";
    }

    @Override
    public boolean stateful() {
        return true;
    }

    @Override
    public TensorSpec infer(TensorSpec... inputs) {
        Primitives.arity(this, inputs, 0);
        return new TensorSpec(variable.dtype(), variable.shape());
    }

    @Override
    public Tensor compute(Backend backend, Tensor[] inputs, TensorSpec output) {
        BufferSource source = Dispatch.bufferSource();
        return source == null ? variable.value() : source.read(variable);
    }
}
