package dev.jtensor.graph;

import dev.jtensor.DType;
import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Shape;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import dev.jtensor.internal.Creation;

/**
 * Makes the initial value of a variable of a given shape and dtype, for {@link Graph#getVariable}
 * (TensorFlow's {@code initializer=} argument: {@code tf.constant_initializer(0.0)},
 * {@code tf.zeros_initializer()}, {@code tf.glorot_uniform_initializer()}). It is called inside the
 * graph's scope, so the value it builds is part of the variable's initializer: a random one draws
 * anew each time the initializer runs.
 *
 * {@snippet :
 * Variable threshold = g.getVariable("threshold", Shape.scalar(), DType.FLOAT32, Initializer.constant(0.0));
 * Variable w = g.getVariable("w", Shape.of(784, 10), DType.FLOAT32, Initializer.glorotUniform(42L));
 * }
 */
@FunctionalInterface
public interface Initializer {

    /** The initial value: a tensor of {@code shape} (fully defined) and {@code dtype}. */
    Tensor initialValue(Shape shape, DType dtype);

    /** Every element {@code value} ({@code tf.constant_initializer(value)}). */
    static Initializer constant(double value) {
        return (shape, dtype) -> Creation.fill(shape, value, dtype);
    }

    /** Zeros ({@code tf.zeros_initializer()}). */
    static Initializer zeros() {
        return constant(0);
    }

    /** Ones ({@code tf.ones_initializer()}). */
    static Initializer ones() {
        return constant(1);
    }

    /**
     * Uniform in {@code [-limit, limit)} with {@code limit = sqrt(6 / (fanIn + fanOut))}, Glorot and
     * Bengio's initialisation and TensorFlow's default for floating-point {@code get_variable}
     * ({@code tf.glorot_uniform_initializer(seed)}). The fans are TensorFlow's: for a matrix its two
     * dimensions, for a kernel {@code (..., in, out)} those times the receptive field (the product of
     * the leading dimensions), for a vector its length twice, for a scalar 1 and 1.
     *
     * @param seed the op seed, or null for none (a new draw each run of the initializer)
     */
    static Initializer glorotUniform(Long seed) {
        return (shape, dtype) -> {
            if (!dtype.isFloating()) {
                throw new InvalidArgumentException("glorotUniform: a " + dtype + " variable cannot be drawn uniformly; "
                        + "give it an initializer such as Initializer.zeros()");
            }
            int[] dims = shape.toArray();
            double fanIn, fanOut;
            if (dims.length == 0) {
                fanIn = fanOut = 1;
            } else if (dims.length == 1) {
                fanIn = fanOut = dims[0];
            } else {
                double receptive = 1;
                for (int d = 0; d < dims.length - 2; d++) receptive *= dims[d];
                fanIn = dims[dims.length - 2] * receptive;
                fanOut = dims[dims.length - 1] * receptive;
            }
            double limit = Math.sqrt(6 / Math.max(1, fanIn + fanOut));
            return TF.randomUniform(dims, -limit, limit, dtype, seed);
        };
    }
}
