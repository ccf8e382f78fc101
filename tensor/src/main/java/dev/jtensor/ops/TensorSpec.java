package dev.jtensor.ops;

import dev.jtensor.DType;
import dev.jtensor.Shape;
import dev.jtensor.Tensor;

/**
 * The static description of a tensor: its dtype and shape, without values.
 *
 * @param dtype element type
 * @param shape dimensions
 */
public record TensorSpec(DType dtype, Shape shape) {

    /** The spec of an existing tensor. */
    public static TensorSpec of(Tensor t) {
        return new TensorSpec(t.dtype(), t.shape());
    }

    @Override
    public String toString() {
        return dtype + shape.toBracketString();
    }
}
