package dev.jtensor.nn.losses;

import dev.jtensor.TF;
import dev.jtensor.Tensor;

/**
 * Keras's {@code CategoricalCrossentropy} over one-hot (or soft) labels along the last axis:
 * {@code -sum(yTrue * log(p))}. From logits, {@code log p} is {@code logSoftmax} (log-sum-exp, finite
 * for any logit); from probabilities they are divided by their sum and clipped to
 * {@code [1e-7, 1 - 1e-7]}, as Keras does. Label smoothing: {@code y (1 - s) + s / classes}.
 *
 * {@snippet :
 * Loss loss = new CategoricalCrossentropy(true, 0.1);
 * Tensor value = loss.call(TF.oneHot(labels, 10), logits);
 * }
 */
public final class CategoricalCrossentropy extends Crossentropy {
    /** From probabilities, without label smoothing. */
    public CategoricalCrossentropy() {
        this(false);
    }

    /** From logits or probabilities, without label smoothing. */
    public CategoricalCrossentropy(boolean fromLogits) {
        this(fromLogits, 0);
    }

    /** From logits or probabilities, with label smoothing in [0, 1]. */
    public CategoricalCrossentropy(boolean fromLogits, double labelSmoothing) {
        this(fromLogits, labelSmoothing, Reduction.SUM_OVER_BATCH_SIZE);
    }

    /** From logits or probabilities, with label smoothing in [0, 1] and the given reduction. */
    public CategoricalCrossentropy(boolean fromLogits, double labelSmoothing, Reduction reduction) {
        super("categorical_crossentropy", fromLogits, labelSmoothing, reduction);
    }

    @Override
    protected Tensor perSample(Tensor yTrue, Tensor yPred) {
        SameRank pair = LossInputs.matched(describe(), yTrue, yPred);
        Tensor labels = pair.first(), pred = pair.second();
        if (labelSmoothing() > 0) {
            int classes = LossInputs.classCount(describe(), yTrue, pred);
            labels = labels.mul(1 - labelSmoothing()).add(labelSmoothing() / classes);
        }
        return TF.reduceSum(labels.mul(logProbabilities(pred, fromLogits())), -1).neg();
    }

    /** {@code log p} along the last axis: {@code logSoftmax} of logits, or Keras's normalised, clipped log. */
    static Tensor logProbabilities(Tensor pred, boolean fromLogits) {
        if (fromLogits) {
            return TF.logSoftmax(pred, -1);
        }
        Tensor normalised = pred.div(TF.reduceSum(pred, new int[] {-1}, true));
        return TF.clipByValue(normalised, EPSILON, 1 - EPSILON).log();
    }
}
