package dev.jtensor.ops;

import dev.jtensor.Tensor;
import dev.jtensor.internal.Inputs;

/**
 * What a graph builder made for a {@link dev.jtensor.Variable} created inside its scope
 * ({@link OpHook#createVariable}): the variable's handle, whose value lives in each session rather
 * than in the handle, and the symbolic output of the op that assigns the initial value.
 *
 * @param handle      the variable's state as ops see it
 * @param initializer the output of the op that assigns the initial value
 */
public record CreatedVariable(VariableHandle handle, Tensor initializer) {

    public CreatedVariable {
        Inputs.nonNull(handle, "CreatedVariable", "handle");
        Inputs.nonNull(initializer, "CreatedVariable", "initializer");
    }
}
