package dev.jtensor.nn.losses;

import dev.jtensor.TF;
import dev.jtensor.Tensor;

/**
 * Keras's {@code BinaryCrossentropy}, averaged over the last axis. From logits it is TensorFlow's
 * stable {@code sigmoid_cross_entropy_with_logits}, {@code max(x, 0) - x z + log(1 + exp(-|x|))},
 * finite for any logit; from probabilities they are clipped to {@code [1e-7, 1 - 1e-7]} first, as
 * Keras does. Label smoothing moves each label towards 0.5: {@code z (1 - s) + 0.5 s}.
 *
 * {@snippet :
 * Loss loss = new BinaryCrossentropy(true);
 * Tensor value = loss.call(TF.constant(new float[][] {{1}, {0}}), TF.constant(new float[][] {{2}, {-1}}));
 * }
 */
public final class BinaryCrossentropy extends Crossentropy {
    /** From probabilities, without label smoothing. */
    public BinaryCrossentropy() {
        this(false);
    }

    /** From logits or probabilities, without label smoothing. */
    public BinaryCrossentropy(boolean fromLogits) {
        this(fromLogits, 0);
    }

    /** From logits or probabilities, with label smoothing in [0, 1]. */
    public BinaryCrossentropy(boolean fromLogits, double labelSmoothing) {
        this(fromLogits, labelSmoothing, Reduction.SUM_OVER_BATCH_SIZE);
    }

    /** From logits or probabilities, with label smoothing in [0, 1] and the given reduction. */
    public BinaryCrossentropy(boolean fromLogits, double labelSmoothing, Reduction reduction) {
        super("binary_crossentropy", fromLogits, labelSmoothing, reduction);
    }

    @Override
    protected Tensor perSample(Tensor yTrue, Tensor yPred) {
        SameRank pair = LossInputs.matched(describe(), yTrue, yPred);
        Tensor z = pair.first(), x = pair.second();
        if (labelSmoothing() > 0) {
            z = z.mul(1 - labelSmoothing()).add(0.5 * labelSmoothing());
        }
        Tensor elementwise = fromLogits() ? withLogits(z, x) : withProbabilities(z, x);
        return TF.reduceMean(elementwise, -1);
    }

    private static Tensor withLogits(Tensor z, Tensor x) {
        return x.relu().sub(x.mul(z)).add(TF.log1p(x.abs().neg().exp()));
    }

    private static Tensor withProbabilities(Tensor z, Tensor p) {
        Tensor clipped = TF.clipByValue(p, EPSILON, 1 - EPSILON);
        Tensor positive = z.mul(clipped.log());
        Tensor negative = TF.onesLike(z).sub(z).mul(TF.log1p(clipped.neg()));
        return positive.add(negative).neg();
    }
}
