package dev.jtensor.ops;

import dev.jtensor.Tensor;

/**
 * Running sum along an axis: {@code out[i] = x[0] + ... + x[i]}; {@code exclusive} leaves out
 * {@code x[i]}, {@code reverse} sums from the end.
 *
 * @param axis      a non-negative axis
 * @param exclusive whether element i is left out of its own sum
 * @param reverse   whether to sum from the last element backwards
 */
public record CumulativeSum(int axis, boolean exclusive, boolean reverse) implements Primitive {

    @Override
    public String name() {
        return "Cumsum";
    }

    @Override
    public TensorSpec infer(TensorSpec... inputs) {
        Storage.arity(this, inputs, 1);
        Storage.requireNumeric(this, inputs[0], 0);
        Storage.requireAxis(this, axis, inputs[0].shape().rank());
        return inputs[0];
    }

    @Override
    public Tensor compute(Tensor[] inputs, TensorSpec output) {
        Object out = Storage.allocate(output);
        if (output.shape().size() > 0) {
            Storage.kernels().cumulativeSum(output.shape().toArray(), axis, exclusive, reverse,
                    Storage.view(inputs[0]), out);
        }
        return Storage.wrap(output, out);
    }
}
