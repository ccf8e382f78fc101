package dev.jtensor.ops;

import dev.jtensor.DType;
import dev.jtensor.Shape;
import dev.jtensor.Tensor;
import dev.jtensor.accel.Backend;
import dev.jtensor.accel.Backends;
import dev.jtensor.internal.RandomOps;

/**
 * Random values of a distribution (TensorFlow's {@code RandomUniform}, {@code RandomUniformInt},
 * {@code RandomStandardNormal}, {@code TruncatedNormal}), drawn anew every time the op runs. The
 * seeds follow TensorFlow's two-level scheme ({@link RandomOps}): an op seed repeats its values
 * call after call under the same global seed; without one, each call takes the next seed of the
 * thread's sequence. Values are drawn on the host and uploaded to the op's device. Stateful, so a
 * graph never merges two draws.
 *
 * @param distribution what to draw
 * @param shape        the output's dimensions, fully known
 * @param dtype        the output's dtype
 * @param a            uniform: the lower bound; normal: the mean
 * @param b            uniform: the upper bound (excluded); normal: the standard deviation
 * @param seed         the op seed, or null
 */
public record RandomDraw(Distribution distribution, Shape shape, DType dtype, double a, double b, Long seed)
        implements Primitive {


    /** Checks the parameters, so that a bad draw fails where it is written, with TensorFlow's op name. */
    public RandomDraw {
        Primitives.nonNull("RandomDraw", "distribution", distribution);
        Primitives.nonNull(name(distribution, dtype), "shape", shape);
        RandomOps.check(distribution, dtype, a, b, name(distribution, dtype));
    }

    @Override
    public String name() {
        return name(distribution, dtype);
    }

    private static String name(Distribution d, DType dtype) {
        return switch (d) {
            case UNIFORM -> dtype != null && dtype.isInteger() ? "RandomUniformInt" : "RandomUniform";
            case NORMAL -> "RandomStandardNormal";
            case TRUNCATED_NORMAL -> "TruncatedNormal";
        };
    }

    @Override
    public boolean stateful() {
        return true;
    }

    @Override
    public TensorSpec infer(TensorSpec... inputs) {
        Primitives.arity(this, inputs, 0);
        if (!shape.isFullyDefined()) {
            throw Primitives.error(this, "the shape " + shape + " to draw must be fully defined: a dimension of -1 "
                    + "(None) is known only in a graph");
        }
        return new TensorSpec(dtype, shape);
    }

    @Override
    public Tensor compute(Backend backend, Tensor[] inputs, TensorSpec output) {
        Primitives.checkFits(Backends.cpu(), output);   // drawn on the host first
        Object host = RandomOps.draw(distribution, shape.size(), dtype, a, b, seed);
        return Primitives.wrap(backend, output, backend.upload(host));
    }
}
