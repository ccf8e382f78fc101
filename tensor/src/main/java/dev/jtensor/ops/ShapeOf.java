package dev.jtensor.ops;

import dev.jtensor.DType;
import dev.jtensor.Shape;
import dev.jtensor.Tensor;
import dev.jtensor.accel.Backend;

/**
 * The run-time dimensions of its input as an int32 vector of length rank (TensorFlow's
 * {@code Shape}, {@code tf.shape(x)}). A graph uses it where a size is unknown until the graph
 * runs, e.g. the element count of a mean over a batch axis of unknown size. The input's values are
 * never read, and it has no gradient.
 *
 * {@snippet :
 * Dispatch.apply(new ShapeOf(), TF.zeros(2, 3));   // [2 3], int32
 * }
 */
public record ShapeOf() implements Primitive {

    @Override
    public String name() {
        return "Shape";
    }

    @Override
    public TensorSpec infer(TensorSpec... inputs) {
        Primitives.arity(this, inputs, 1);
        return new TensorSpec(DType.INT32, Shape.of(inputs[0].shape().rank()));
    }

    @Override
    public Tensor compute(Backend backend, Tensor[] inputs, TensorSpec output) {
        return Primitives.wrap(backend, output, backend.upload(inputs[0].shape().toArray()));
    }
}
