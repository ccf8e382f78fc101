package dev.jtensor.ops;

import dev.jtensor.DType;
import dev.jtensor.Shape;
import dev.jtensor.Tensor;
import dev.jtensor.accel.Backend;

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
        Primitives.arity(this, inputs, 3);
        Primitives.requireDType(this, inputs[0], 0, DType.BOOL);
        Primitives.requireSameDType(this, inputs[1], inputs[2], 2);
        Shape c = inputs[0].shape(), x = inputs[1].shape(), y = inputs[2].shape();
        boolean same = c.equals(x) && x.equals(y); // the eager fast path: the spec reused
        if (!same && (!c.isCompatibleWith(x) || !x.isCompatibleWith(y) || !c.isCompatibleWith(y))) {
            throw Primitives.error(this, "condition, x and y must have one shape, got "
                    + inputs[0].shape().toBracketString() + ", " + inputs[1].shape().toBracketString() + " and "
                    + inputs[2].shape().toBracketString());
        }
        return same ? inputs[1] : new TensorSpec(inputs[1].dtype(), x.mergeWith(y).mergeWith(c));
    }

    @Override
    public Tensor compute(Backend backend, Tensor[] inputs, TensorSpec output) {
        Object out = Primitives.allocate(backend, output);
        backend.kernels().select(output.shape().toArray(), Primitives.view(inputs[0]), Primitives.view(inputs[1]),
                Primitives.view(inputs[2]), Primitives.dense(out, output.shape()));
        return Primitives.wrap(backend, output, out);
    }
}
