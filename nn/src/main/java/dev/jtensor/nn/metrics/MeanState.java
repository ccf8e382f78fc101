package dev.jtensor.nn.metrics;

import dev.jtensor.DType;
import dev.jtensor.Module;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import dev.jtensor.Variable;
import dev.jtensor.nn.losses.SameRank;

/**
 * A weighted mean's state, {@code total} and {@code count}, updated as Keras 3's {@code Mean} does
 * ({@code reduce_to_samplewise_values}): values are reduced to one per sample (the mean over all
 * axes but the first), {@code total} gains their weighted sum and {@code count} the weights' sum,
 * or the number of samples without weights.
 */
final class MeanState extends Module {
    private final Variable total = Metric.scalarState("total");
    private final Variable count = Metric.scalarState("count");

    void add(Tensor values, Tensor sampleWeight) {
        Tensor v = values.cast(DType.FLOAT32);
        Tensor w = null;
        if (sampleWeight != null) {
            SameRank pair = SameRank.of(v, sampleWeight.cast(DType.FLOAT32));
            v = pair.first();
            w = pair.second();
            if (v.rank() > w.rank()) {
                v = TF.reduceMean(v, MetricMath.axesFrom(w.rank(), v.rank()));
            }
            w = w.mul(TF.onesLike(v));
            v = v.mul(w);
            if (w.rank() > 1) {
                w = TF.reduceMean(w, MetricMath.axesFrom(1, w.rank()));
            }
        }
        if (v.rank() > 1) {
            v = TF.reduceMean(v, MetricMath.axesFrom(1, v.rank()));
        }
        total.assignAdd(TF.reduceSum(v));
        count.assignAdd(w != null ? TF.reduceSum(w) : v.rank() == 0 ? TF.constant(1f) : sampleCount(v));
    }

    Tensor result() {
        return MetricMath.divideNoNan(total.readValue(), count.readValue());
    }

    /** The length of rank-1 {@code v} as a float32 scalar: a constant when known, else counted at run time. */
    private static Tensor sampleCount(Tensor v) {
        int n = v.shape().get(0);
        return n >= 0 ? TF.constant((float) n) : TF.reduceSum(TF.onesLike(v));
    }
}
