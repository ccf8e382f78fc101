package dev.jtensor.nn.initializers;

import dev.jtensor.DType;
import dev.jtensor.Shape;
import dev.jtensor.Tensor;

/**
 * Makes a layer's initial weight values, as Keras's {@code keras.initializers}. The factories in
 * {@link Initializers} cover Keras's built-in ones; a lambda is an initializer too.
 *
 * {@snippet :
 * Dense dense = new Dense(64).kernelInitializer(Initializers.heNormal(42));
 * Initializer halves = (shape, dtype) -> TF.fill(shape.toArray(), 0.5).cast(dtype);
 * }
 */
@FunctionalInterface
public interface Initializer {

    /** A new tensor of the given (fully defined) shape and floating dtype. */
    Tensor apply(Shape shape, DType dtype);
}
