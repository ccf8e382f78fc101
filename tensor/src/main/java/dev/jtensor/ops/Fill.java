package dev.jtensor.ops;

import dev.jtensor.Shape;
import dev.jtensor.Tensor;
import dev.jtensor.accel.Backend;
import dev.jtensor.accel.Backends;
import dev.jtensor.accel.Strided;

/**
 * A tensor of {@code shape} with every element equal to its one input, a scalar (TensorFlow's
 * {@code Fill}; {@code zeros}, {@code ones} and {@code fill} are made with it). The result is a
 * fresh dense buffer on the scalar's device. Its gradient sums the upstream gradient into the scalar.
 *
 * @param shape the output's dimensions, fully known
 */
public record Fill(Shape shape) implements Primitive {

    public Fill {
        Primitives.nonNull("Fill", "shape", shape);
    }

    @Override
    public String name() {
        return "Fill";
    }

    @Override
    public TensorSpec infer(TensorSpec... inputs) {
        Primitives.arity(this, inputs, 1);
        if (inputs[0].shape().rank() != 0) {
            throw Primitives.error(this, "value must be a scalar, got shape " + inputs[0].shape().toBracketString());
        }
        if (!shape.isFullyDefined()) {
            throw Primitives.error(this, "the shape " + shape + " to fill must be fully defined: a dimension of -1 "
                    + "(None) is known only in a graph; fill the shape of a tensor with zerosLike/onesLike instead");
        }
        return new TensorSpec(inputs[0].dtype(), shape);
    }

    @Override
    public Tensor compute(Backend backend, Tensor[] inputs, TensorSpec output) {
        Strided scalar = Primitives.view(inputs[0]);
        if (backend == Backends.cpu() && isPositiveZero(scalar)) {
            return Primitives.wrap(backend, output, Primitives.allocateZeroed(backend, output));
        }
        Object out = Primitives.allocate(backend, output);
        int[] dims = shape.toArray();
        backend.kernels().copy(dims, new Strided(scalar.data(), scalar.offset(), new int[dims.length]),
                Primitives.dense(out, shape));
        return Primitives.wrap(backend, output, out);
    }

    /** Whether a host scalar is all zero bits, which a zeroed buffer already holds. */
    private static boolean isPositiveZero(Strided v) {
        int i = v.offset();
        return switch (v.data()) {
            case float[] a -> Float.floatToRawIntBits(a[i]) == 0;
            case double[] a -> Double.doubleToRawLongBits(a[i]) == 0;
            case int[] a -> a[i] == 0;
            case long[] a -> a[i] == 0;
            case boolean[] a -> !a[i];
            default -> false;
        };
    }
}
