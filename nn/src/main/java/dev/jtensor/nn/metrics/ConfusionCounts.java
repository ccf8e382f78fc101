package dev.jtensor.nn.metrics;

import dev.jtensor.DType;
import dev.jtensor.InvalidArgumentException;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import dev.jtensor.nn.losses.SameRank;

/**
 * The weighted confusion counts of one batch at each threshold, as Keras's
 * {@code update_confusion_matrix_variables}: a prediction is positive when {@code yPred > threshold},
 * a label when it is non-zero; every element of the batch counts (they are flattened).
 *
 * @param truePositives  per threshold
 * @param falsePositives per threshold
 * @param trueNegatives  per threshold
 * @param falseNegatives per threshold
 */
record ConfusionCounts(Tensor truePositives, Tensor falsePositives, Tensor trueNegatives, Tensor falseNegatives) {

    /**
     * @param thresholds a float32 vector; the counts have its shape
     */
    static ConfusionCounts of(String who, Tensor yTrue, Tensor yPred, Tensor sampleWeight, Tensor thresholds) {
        SameRank pair = SameRank.of(yTrue.cast(DType.FLOAT32), yPred.cast(DType.FLOAT32));
        if (!pair.first().shape().isCompatibleWith(pair.second().shape())) {
            throw new InvalidArgumentException(who + ".update: yTrue and yPred must have the same shape, got yTrue shape "
                    + yTrue.shape() + " and yPred shape " + yPred.shape());
        }
        Tensor pred = pair.second();
        Tensor predicted = pred.reshape(-1, 1).greater(thresholds.reshape(1, -1));
        Tensor labels = pair.first().reshape(-1, 1).notEqual(TF.zeros(1, 1));
        Tensor notPredicted = TF.logicalNot(predicted), notLabels = TF.logicalNot(labels);
        Tensor weights = sampleWeight == null ? null : flatWeights(who, pred, sampleWeight);
        return new ConfusionCounts(count(labels, predicted, weights), count(notLabels, predicted, weights),
                count(notLabels, notPredicted, weights), count(labels, notPredicted, weights));
    }

    private static Tensor count(Tensor a, Tensor b, Tensor weights) {
        Tensor hits = TF.logicalAnd(a, b).cast(DType.FLOAT32);
        return TF.reduceSum(weights == null ? hits : hits.mul(weights), 0);
    }

    /** The weights broadcast to the predictions' shape, as a column. */
    private static Tensor flatWeights(String who, Tensor pred, Tensor sampleWeight) {
        SameRank pair = SameRank.of(pred, sampleWeight.cast(DType.FLOAT32));
        try {
            return pair.second().mul(TF.onesLike(pair.first())).reshape(-1, 1);
        } catch (InvalidArgumentException e) {
            throw new InvalidArgumentException(who + ".update: sampleWeight shape " + sampleWeight.shape()
                    + " does not broadcast to yPred shape " + pred.shape(), e);
        }
    }
}
