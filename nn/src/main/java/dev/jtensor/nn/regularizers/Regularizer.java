package dev.jtensor.nn.regularizers;

import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Operand;
import dev.jtensor.TF;
import dev.jtensor.Tensor;

/**
 * A penalty on a weight that training adds to the loss, as Keras's {@code keras.regularizers}:
 * {@code L1(l1)} is {@code l1 * sum(|w|)}, {@code L2(l2)} is {@code l2 * sum(w^2)} (no one-half, as
 * in Keras), {@code L1L2} the sum of both.
 *
 * {@snippet :
 * Dense dense = new Dense(64).kernelRegularizer(Regularizer.l2(1e-4));
 * Tensor penalty = Regularizer.l1(0.01).apply(TF.constant(new float[] {1, -2}));   // 0.03
 * }
 */
@FunctionalInterface
public interface Regularizer {

    /** The penalty for {@code weight}, a scalar of its dtype. */
    Tensor apply(Operand weight);

    /** {@code l1 * sum(|w|)}. */
    static Regularizer l1(double l1) {
        return l1l2(l1, 0);
    }

    /** {@code l2 * sum(w^2)}. */
    static Regularizer l2(double l2) {
        return l1l2(0, l2);
    }

    /** {@code l1 * sum(|w|) + l2 * sum(w^2)}; both factors must be finite and non-negative. */
    static Regularizer l1l2(double l1, double l2) {
        if (!(l1 >= 0 && l2 >= 0) || Double.isInfinite(l1) || Double.isInfinite(l2)) {
            throw new InvalidArgumentException("Regularizer: l1 and l2 must be finite and non-negative, got l1="
                    + l1 + ", l2=" + l2);
        }
        return new L1L2(l1, l2);
    }

    /** The regularizer behind {@link #l1}, {@link #l2} and {@link #l1l2}. */
    record L1L2(double l1, double l2) implements Regularizer {
        @Override
        public Tensor apply(Operand weight) {
            Tensor w = dev.jtensor.internal.Inputs.nonNull(weight, "Regularizer.apply", "weight").asTensor();
            Tensor penalty = TF.zeros(w.dtype());
            if (l1 > 0) penalty = penalty.add(TF.reduceSum(TF.abs(w)).mul(l1));
            if (l2 > 0) penalty = penalty.add(TF.reduceSum(TF.square(w)).mul(l2));
            return penalty;
        }
    }
}
