package dev.jtensor.nn.losses;

import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Operand;
import dev.jtensor.TF;
import dev.jtensor.Tensor;

/** Weighting and reduction of per-sample losses (Keras's {@code reduce_weighted_values}). */
final class LossReduction {
    private LossReduction() {
    }

    static Tensor reduce(String who, Tensor losses, Operand sampleWeight, Reduction reduction) {
        Tensor values = sampleWeight == null ? losses : weighted(who, losses, sampleWeight.asTensor());
        if (reduction == Reduction.NONE || values.rank() == 0) {
            return values;
        }
        Tensor sum = TF.reduceSum(values);
        return reduction == Reduction.SUM ? sum : sum.div(elementCount(values));
    }

    /** The number of elements as a scalar of {@code values}' dtype; at least 1, so an empty batch gives 0. */
    private static Tensor elementCount(Tensor values) {
        if (values.shape().isFullyDefined()) {
            return TF.constant(Math.max(values.size(), 1), values.dtype());
        }
        return TF.maximum(TF.reduceSum(TF.onesLike(values)), 1);
    }

    private static Tensor weighted(String who, Tensor losses, Tensor weight) {
        if (!weight.dtype().isNumeric()) {
            throw new InvalidArgumentException(who + ": sampleWeight must be numeric, got " + weight.dtype()
                    + " (sampleWeight shape " + weight.shape() + ")");
        }
        SameRank pair = SameRank.of(losses, weight.cast(losses.dtype()));
        try {
            return pair.first().mul(pair.second());
        } catch (InvalidArgumentException e) {
            throw new InvalidArgumentException(who + ": sampleWeight shape " + weight.shape()
                    + " does not broadcast to the per-sample losses' shape " + losses.shape(), e);
        }
    }
}
