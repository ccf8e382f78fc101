package dev.jtensor.nn.layers;

import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Operand;
import dev.jtensor.Shape;
import dev.jtensor.TF;
import dev.jtensor.Tensor;

/** The normalisation both BatchNormalization and LayerNormalization apply. */
final class Normalization {

    private Normalization() {
    }

    /** {@code (x - mean) / sqrt(variance + epsilon) * gamma + beta}; gamma and beta may be null. */
    static Tensor normalize(Tensor x, Operand mean, Operand variance, double epsilon, Operand gamma, Operand beta) {
        Tensor y = x.sub(mean).mul(TF.rsqrt(variance.asTensor().add(epsilon)));
        if (gamma != null) y = y.mul(gamma);
        return beta != null ? y.add(beta) : y;
    }

    /** Rank at least 2 and a known last dimension, the features normalised. */
    static void requireFeatures(Layer layer, Shape inputShape) {
        layer.requireRank(inputShape, 2, false);
        if (inputShape.get(-1) == Shape.UNKNOWN) {
            throw new InvalidArgumentException("Layer \"" + layer.name() + "\": " + layer.getClass().getSimpleName()
                    + " needs the last dimension known, got input shape " + inputShape);
        }
    }
}
