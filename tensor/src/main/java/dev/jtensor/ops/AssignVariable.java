package dev.jtensor.ops;

import dev.jtensor.Tensor;
import dev.jtensor.accel.Backend;
import dev.jtensor.accel.BinaryOp;

/**
 * Replaces a variable's value with its input, or adds or subtracts the input in place (TensorFlow's
 * {@code AssignVariableOp}, {@code AssignAddVariableOp}, {@code AssignSubVariableOp}). The input
 * must have the variable's dtype and shape and live on its device; a failed check changes nothing.
 * The update is atomic: it runs under the variable's lock. The output is the new value. Not
 * differentiable.
 *
 * @param variable the variable updated
 * @param mode     replace, add or subtract
 */
public record AssignVariable(VariableHandle variable, Mode mode) implements Primitive {

    public AssignVariable {
        Primitives.nonNull("AssignVariableOp", "variable", variable);
        Primitives.nonNull("AssignVariableOp", "mode", mode);
    }

    /** How the input combines with the old value. */
    public enum Mode {
        /** {@code v = x} */
        ASSIGN,
        /** {@code v = v + x} */
        ADD,
        /** {@code v = v - x} */
        SUB
    }

    @Override
    public String name() {
        return switch (mode) {
            case ASSIGN -> "AssignVariableOp";
            case ADD -> "AssignAddVariableOp";
            case SUB -> "AssignSubVariableOp";
        };
    }

    @Override
    public boolean stateful() {
        return true;
    }

    @Override
    public TensorSpec infer(TensorSpec... inputs) {
        Primitives.arity(this, inputs, 1);
        Primitives.requireVariableSpec(this, variable, inputs[0], verb());
        if (mode != Mode.ASSIGN) {
            Primitives.requireNumeric(this, inputs[0], 0);
        }
        return new TensorSpec(variable.dtype(), variable.shape());
    }

    private String verb() {
        return switch (mode) {
            case ASSIGN -> "assign";
            case ADD -> "assignAdd";
            case SUB -> "assignSub";
        };
    }

    @Override
    public Tensor compute(Backend backend, Tensor[] inputs, TensorSpec output) {
        Primitives.requireVariableDevice(this, variable, backend, verb());
        Tensor x = inputs[0];
        synchronized (variable) {
            Tensor updated = switch (mode) {
                case ASSIGN -> x;
                case ADD -> combine(BinaryOp.ADD, backend, x, output);
                case SUB -> combine(BinaryOp.SUBTRACT, backend, x, output);
            };
            variable.set(updated);
            if (mode != Mode.ASSIGN) Primitives.updated(variable);   // an assigned value is the caller's too
            return updated;
        }
    }

    private Tensor combine(BinaryOp op, Backend backend, Tensor x, TensorSpec output) {
        Tensor old = variable.current();
        Object out = Primitives.allocateUpdate(backend, output, variable);   // may be old's: elementwise
        backend.kernels().binary(op, output.shape().toArray(), Primitives.view(old), Primitives.view(x),
                Primitives.dense(out, output.shape()));
        return Primitives.wrap(backend, output, out);
    }
}
