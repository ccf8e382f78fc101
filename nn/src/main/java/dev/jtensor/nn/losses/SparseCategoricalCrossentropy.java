package dev.jtensor.nn.losses;

import dev.jtensor.DType;
import dev.jtensor.InvalidArgumentException;
import dev.jtensor.TF;
import dev.jtensor.Tensor;

/**
 * Keras's {@code SparseCategoricalCrossentropy}: class indices as labels (shape {@code (batch,)}, or
 * {@code (batch, 1)}), {@code -log p[label]}. From logits {@code log p} is {@code logSoftmax}; from
 * probabilities it is Keras's {@code log_softmax(log(clip(p, 1e-7, 1 - 1e-7)))}. Float labels are
 * truncated to integers. A label outside {@code [0, classes)} gives a NaN loss (TensorFlow's GPU
 * behaviour), since checking values would need reading them.
 *
 * {@snippet :
 * Loss loss = new SparseCategoricalCrossentropy(true);
 * Tensor value = loss.call(TF.constant(new int[] {3, 0}), logits);   // logits of shape (2, classes)
 * }
 */
public final class SparseCategoricalCrossentropy extends Loss {
    private final boolean fromLogits;

    /** From probabilities. */
    public SparseCategoricalCrossentropy() {
        this(false);
    }

    /** From logits or probabilities. */
    public SparseCategoricalCrossentropy(boolean fromLogits) {
        this(fromLogits, Reduction.SUM_OVER_BATCH_SIZE);
    }

    /** From logits or probabilities, with the given reduction. */
    public SparseCategoricalCrossentropy(boolean fromLogits, Reduction reduction) {
        super("sparse_categorical_crossentropy", reduction);
        this.fromLogits = fromLogits;
    }

    /** Whether {@code yPred} holds logits rather than probabilities. */
    public boolean fromLogits() {
        return fromLogits;
    }

    @Override
    protected Tensor perSample(Tensor yTrue, Tensor yPred) {
        String who = describe();
        Tensor labels = sparseLabels(who, yTrue, yPred);
        int classes = LossInputs.classCount(who, yTrue, yPred);
        Tensor logP = fromLogits ? TF.logSoftmax(yPred, -1)
                : TF.logSoftmax(TF.clipByValue(yPred, Crossentropy.EPSILON, 1 - Crossentropy.EPSILON).log(), -1);
        Tensor hot = TF.oneHot(labels, classes, 1, 0, -1, yPred.dtype());
        Tensor losses = TF.reduceSum(hot.mul(logP), -1).neg();
        Tensor valid = TF.logicalAnd(labels.greaterEqual(TF.zerosLike(labels)), labels.less(classes));
        return TF.where(valid, losses, TF.constant(Double.NaN, yPred.dtype()));
    }

    /**
     * Labels as int32 of {@code yPred}'s shape without its last axis: rank one less, or the same rank
     * with a last dimension of 1 (squeezed).
     */
    static Tensor sparseLabels(String who, Tensor yTrue, Tensor yPred) {
        Tensor labels = yTrue;
        if (yTrue.rank() == yPred.rank() && yTrue.rank() > 0 && yTrue.shape().get(yTrue.rank() - 1) == 1) {
            labels = yTrue.squeeze(-1);
        }
        if (yPred.rank() == 0 || labels.rank() != yPred.rank() - 1) {
            throw new InvalidArgumentException(who + ": yTrue must hold class indices, of rank one less than yPred "
                    + "(or with a last dimension of 1), got yTrue shape " + yTrue.shape() + " and yPred shape "
                    + yPred.shape());
        }
        for (int i = 0; i < labels.rank(); i++) {
            int t = labels.shape().get(i), p = yPred.shape().get(i);
            if (t != -1 && p != -1 && t != p) {
                throw new InvalidArgumentException(who + ": yTrue and yPred disagree on dimension " + i
                        + ", got yTrue shape " + yTrue.shape() + " and yPred shape " + yPred.shape());
            }
        }
        return labels.dtype() == DType.INT32 ? labels : labels.cast(DType.INT32);
    }
}
