package dev.jtensor.nn.layers;

import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Tensor;
import java.util.List;

/**
 * Keras's {@code Add}: the elementwise sum of several inputs of the same shape (a residual
 * connection).
 *
 * {@snippet :
 * KerasTensor x = Input.of(16);
 * KerasTensor residual = new Add().call(x, new Dense(16, "relu").call(x));
 * }
 */
public final class Add extends Merge {

    @Override
    protected Tensor merge(List<Tensor> inputs) {
        Tensor sum = inputs.get(0);
        for (Tensor t : inputs.subList(1, inputs.size())) {
            if (!t.shape().isCompatibleWith(sum.shape())) {
                throw new InvalidArgumentException("Layer \"" + name() + "\": inputs must have the same shape, got "
                        + inputs.stream().map(Tensor::shape).toList());
            }
            sum = sum.add(t);
        }
        return sum;
    }
}
