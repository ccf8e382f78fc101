package dev.jtensor.ops;

import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Tensor;

/**
 * {@code y + alpha * x} in one pass: the fused kernel behind optimizer updates (TensorFlow's
 * {@code ApplyGradientDescent} computes {@code var - alpha * delta} in one kernel the same way).
 * Two ops would make two passes and allocate two fresh tensors, which for a large weight matrix
 * costs more than the arithmetic. Not a primitive: tapes never record it and it has no gradient.
 * The result is bit-identical to {@code y.add(x.mul(alpha))}.
 *
 * {@snippet :
 * Tensor w = TF.constant(new float[] {1, 2}), g = TF.constant(new float[] {10, 20});
 * Tensor updated = Axpy.apply(-0.1, g, w);   // [0, 0]
 * }
 */
public final class Axpy {

    private Axpy() {
    }

    /**
     * {@code y + alpha * x} for floating tensors of one shape and dtype; {@code alpha} is rounded to
     * that dtype.
     *
     * @throws InvalidArgumentException if the shapes or dtypes differ or are not floating point
     */
    public static Tensor apply(double alpha, Tensor x, Tensor y) {
        if (x == null || y == null) {
            throw InvalidArgumentException.of("Axpy", "x and y must not be null");
        }
        if (!x.dtype().isFloating() || x.dtype() != y.dtype() || !x.shape().equals(y.shape())) {
            throw InvalidArgumentException.of("Axpy", "x and y need one floating dtype and shape, got x "
                    + x.dtype() + x.shape() + " and y " + y.dtype() + y.shape());
        }
        Object out = x.dtype().allocate(x.size());
        Storage.kernels().axpy(x.size(), alpha, Storage.denseData(x), Storage.denseData(y), out);
        return Storage.wrap(new TensorSpec(x.dtype(), x.shape()), out);
    }
}
