package dev.jtensor.ops;

import dev.jtensor.Tensor;

/**
 * Observes, and may take over, primitive applications on the current thread. Gradient tapes
 * implement {@link #recorded} to remember what ran; graph tracing implements {@link #intercept}
 * to build a node instead of computing. Install one with {@link Dispatch#push}.
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
}
