package dev.jtensor.ops;

import dev.jtensor.DType;
import dev.jtensor.Shape;
import dev.jtensor.Tensor;
import dev.jtensor.internal.Inputs;

/**
 * The static description of a tensor: its dtype and shape, without values.
 *
 * @param dtype element type
 * @param shape dimensions
 */
public record TensorSpec(DType dtype, Shape shape) {

    public TensorSpec {
        Inputs.nonNull(dtype, "TensorSpec", "dtype");
        Inputs.nonNull(shape, "TensorSpec", "shape");
    }

    /** The spec of an existing tensor. */
    public static TensorSpec of(Tensor t) {
        Inputs.nonNull(t, "TensorSpec.of", "t");
        return new TensorSpec(t.dtype(), t.shape());
    }

    @Override
    public String toString() {
        return dtype + shape.toBracketString();
    }
}
