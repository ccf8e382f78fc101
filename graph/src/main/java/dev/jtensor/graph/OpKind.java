package dev.jtensor.graph;

import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Tensor;
import dev.jtensor.ops.Primitive;
import dev.jtensor.ops.VariableHandle;

/**
 * What an {@link Operation} does when a session runs it. Primitives are the ops of every public
 * function; the other kinds are the graph's own: inputs it is fed, values it holds, variables it
 * declares and ops that only group others. Passes and serialisers switch over this closed set.
 */
public sealed interface OpKind {

    /** TensorFlow's op type: {@code Placeholder}, {@code Const}, {@code AddV2}, {@code VarHandleOp}, {@code NoOp}. */
    String type();

    /** A value fed by each run ({@code Placeholder}). */
    record Placeholder() implements OpKind {
        @Override
        public String type() {
            return "Placeholder";
        }
    }

    /**
     * A value held by the graph ({@code Const}): a tensor made from Java values in the graph's
     * scope, or a value tensor an op of the graph was given.
     *
     * @param value the value, never symbolic
     */
    record Constant(Tensor value) implements OpKind {
        public Constant {
            if (value == null || value.isSymbolic()) {
                throw new InvalidArgumentException("OpKind.Constant: value is " + (value == null ? "null" : "symbolic"));
            }
        }

        @Override
        public String type() {
            return "Const";
        }
    }

    /**
     * One primitive applied to the operation's inputs, run through {@link dev.jtensor.ops.Dispatch}.
     *
     * @param primitive what runs
     */
    record Apply(Primitive primitive) implements OpKind {
        public Apply {
            if (primitive == null) {
                throw new InvalidArgumentException("OpKind.Apply: primitive is null");
            }
        }

        @Override
        public String type() {
            return primitive.name();
        }
    }

    /**
     * The declaration of a graph variable ({@code VarHandleOp}); it computes nothing. Its value
     * lives in each session.
     *
     * @param handle the variable's handle
     */
    record VariableOp(VariableHandle handle) implements OpKind {
        public VariableOp {
            if (handle == null) {
                throw new InvalidArgumentException("OpKind.VariableOp: handle is null");
            }
        }

        @Override
        public String type() {
            return "VarHandleOp";
        }
    }

    /** Nothing, once its control inputs have run ({@code NoOp}: {@link Graph#group}, the initializer). */
    record NoOp() implements OpKind {
        @Override
        public String type() {
            return "NoOp";
        }
    }
}
