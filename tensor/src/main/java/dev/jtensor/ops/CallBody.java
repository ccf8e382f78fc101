package dev.jtensor.ops;

import dev.jtensor.Tensor;

/**
 * What a {@link Call} op runs: a function of tensors whose inner ops the hooks outside it do not
 * see, with a gradient of its own. A traced function (its graph), a custom gradient (the user's
 * rule) and a recomputed block are bodies.
 */
public interface CallBody {

    /** The op's name in errors and graphs (a function's name, {@code CustomGradient}, ...). */
    String name();

    /**
     * The output spec for inputs of these specs.
     *
     * @throws dev.jtensor.InvalidArgumentException if the body cannot take them
     */
    TensorSpec infer(TensorSpec[] inputs);

    /**
     * Runs the body on concrete inputs. {@link Call} runs it inside a {@link Dispatch#openLevel}
     * level, so outer hooks see only the call.
     */
    Tensor call(Tensor[] inputs);

    /**
     * The gradients of the inputs (null where none) given the gradient {@code upstream} of the
     * output, written with public ops so that outer tapes can differentiate them again.
     */
    Tensor[] gradient(Tensor[] inputs, Tensor output, Tensor upstream, boolean[] needed);
}
