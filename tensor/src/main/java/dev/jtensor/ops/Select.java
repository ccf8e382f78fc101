package dev.jtensor.ops;

import dev.jtensor.DType;
import dev.jtensor.Tensor;

/**
 * {@code where(cond, x, y)}: elements of {@code x} where the bool {@code cond} is true, else of
 * {@code y}. All three have one shape (the frontend broadcasts); {@code x} and {@code y} one dtype.
 */
public record Select() implements Primitive {

    @Override
    public String name() {
        return "SelectV2";
    }

    @Override
    public TensorSpec infer(TensorSpec... inputs) {
        Storage.arity(this, inputs, 3);
        Storage.requireDType(this, inputs[0], 0, DType.BOOL);
        Storage.requireSameDType(this, inputs[1], inputs[2], 2);
        if (!inputs[0].shape().equals(inputs[1].shape()) || !inputs[1].shape().equals(inputs[2].shape())) {
            throw Storage.error(this, "condition, x and y must have one shape, got "
                    + inputs[0].shape().toBracketString() + ", " + inputs[1].shape().toBracketString() + " and "
                    + inputs[2].shape().toBracketString());
        }
        return inputs[1];
    }

    @Override
    public Tensor compute(Tensor[] inputs, TensorSpec output) {
        Object out = Storage.allocate(output);
        Storage.kernels().select(output.shape().toArray(), Storage.view(inputs[0]), Storage.view(inputs[1]),
                Storage.view(inputs[2]), Storage.dense(out, output.shape()));
        return Storage.wrap(output, out);
    }
}
