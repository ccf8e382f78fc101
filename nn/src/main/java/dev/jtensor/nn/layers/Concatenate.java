package dev.jtensor.nn.layers;

import dev.jtensor.InvalidArgumentException;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import java.util.List;

/**
 * Keras's {@code Concatenate}: joins several inputs along an axis (the last by default); the other
 * dimensions must agree.
 *
 * {@snippet :
 * KerasTensor a = Input.of(4), b = Input.of(6);
 * KerasTensor joined = new Concatenate().call(a, b);   // (None, 10)
 * }
 */
public final class Concatenate extends Merge {

    private final int axis;

    /** Joins along the last axis. */
    public Concatenate() {
        this(-1);
    }

    /** Joins along {@code axis} (negative counts from the end; 0, the batch, is not allowed). */
    public Concatenate(int axis) {
        if (axis == 0) {
            throw new InvalidArgumentException("Concatenate: axis 0 is the batch axis");
        }
        this.axis = axis;
    }

    @Override
    protected Tensor merge(List<Tensor> inputs) {
        int rank = inputs.get(0).rank();
        for (Tensor t : inputs) {
            if (t.rank() != rank) {
                throw new InvalidArgumentException("Layer \"" + name() + "\": inputs must have the same rank, got shapes "
                        + inputs.stream().map(Tensor::shape).toList());
            }
        }
        return TF.concat(inputs, axis < 0 ? rank + axis : axis);
    }
}
