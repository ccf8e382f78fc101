package dev.jtensor.ops;

import dev.jtensor.Tensor;
import dev.jtensor.accel.Backend;

/**
 * Running sum or product along an axis: {@code out[i] = x[0] + ... + x[i]} (or {@code *});
 * {@code exclusive} leaves out {@code x[i]}, {@code reverse} runs from the end.
 *
 * @param product   product instead of sum
 * @param axis      a non-negative axis
 * @param exclusive whether element i is left out of its own result
 * @param reverse   whether to run from the last element backwards
 */
public record Cumulative(boolean product, int axis, boolean exclusive, boolean reverse) implements Primitive {

    @Override
    public String name() {
        return product ? "Cumprod" : "Cumsum";
    }

    @Override
    public TensorSpec infer(TensorSpec... inputs) {
        Primitives.arity(this, inputs, 1);
        Primitives.requireNumeric(this, inputs[0], 0);
        Primitives.requireAxis(this, axis, inputs[0].shape().rank());
        return inputs[0];
    }

    @Override
    public Tensor compute(Backend backend, Tensor[] inputs, TensorSpec output) {
        Object out = Primitives.allocate(backend, output);
        if (output.shape().size() > 0) {
            backend.kernels().cumulative(product, output.shape().toArray(), axis, exclusive, reverse,
                    Primitives.view(inputs[0]), out);
        }
        return Primitives.wrap(backend, output, out);
    }
}
