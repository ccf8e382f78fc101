package dev.jtensor.ops;

import dev.jtensor.Tensor;
import dev.jtensor.Variable;

/**
 * Observes, and may take over, primitive applications on the current thread. Gradient tapes
 * implement {@link #recorded} to remember what ran; graph tracing implements {@link #intercept}
 * to build a node instead of computing, {@link #constant} to turn tensors made from Java values into
 * graph constants, and {@link #createVariable} to make variables whose values live in sessions.
 * Install one with {@link Dispatch#push}.
 */
public interface OpHook {

    /**
     * Called before a primitive runs, after its inputs passed its rules.
     *
     * @return the result to use instead of running the primitive, or {@code null} to run it
     */
    default Tensor intercept(Primitive primitive, Tensor[] inputs, TensorSpec output) {
        return null;
    }

    /** Called after a primitive produced {@code output} (whether it ran or was intercepted). */
    default void recorded(Primitive primitive, Tensor[] inputs, Tensor output) {
    }

    /**
     * Called when a tensor is made from Java values (a constant, range, ...) on the current level.
     *
     * @return the tensor to use instead (a graph's constant node), or {@code null} to keep {@code value}
     */
    default Tensor constant(Tensor value) {
        return null;
    }

    /**
     * Called when a {@link Variable} is created on the current level, like TensorFlow's variable
     * creator scope: a graph builder makes the variable a graph variable, with an initializer op
     * and its value kept per session.
     *
     * @param name         the requested name, or null for a generated one
     * @param initialValue the initial value (symbolic or not)
     * @return the graph variable's handle and initializer, or {@code null} for an ordinary (eager) variable
     */
    default CreatedVariable createVariable(Variable variable, String name, boolean trainable, Tensor initialValue) {
        return null;
    }
}
