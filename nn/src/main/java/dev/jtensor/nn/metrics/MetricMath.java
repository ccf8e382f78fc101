package dev.jtensor.nn.metrics;

import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Operand;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import dev.jtensor.internal.Inputs;

/** Small helpers the metrics share. */
final class MetricMath {
    private MetricMath() {
    }

    /** TensorFlow's {@code divide_no_nan}: {@code a / b}, and 0 where {@code b} is 0. */
    static Tensor divideNoNan(Tensor a, Tensor b) {
        return TF.where(b.notEqual(TF.zerosLike(b)), a.div(b), TF.zerosLike(a));
    }

    /** The tensor of a required operand, or an error naming the metric and the argument. */
    static Tensor required(String who, String argument, Operand value) {
        return Inputs.nonNull(value, who + ".update", argument).asTensor();
    }

    /** The tensor of an optional numeric operand (null stays null). */
    static Tensor weight(String who, Operand sampleWeight) {
        if (sampleWeight == null) {
            return null;
        }
        Tensor w = sampleWeight.asTensor();
        if (!w.dtype().isNumeric()) {
            throw new InvalidArgumentException(who + ".update: sampleWeight must be numeric, got " + w.dtype()
                    + " (sampleWeight shape " + w.shape() + ")");
        }
        return w;
    }

    /** Axes {@code from, ..., rank - 1}. */
    static int[] axesFrom(int from, int rank) {
        int[] axes = new int[rank - from];
        for (int i = 0; i < axes.length; i++) axes[i] = from + i;
        return axes;
    }
}
