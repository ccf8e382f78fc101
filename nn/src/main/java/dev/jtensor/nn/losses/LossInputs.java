package dev.jtensor.nn.losses;

import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Shape;
import dev.jtensor.Tensor;

/** The shape checks of the losses; every message names the loss and both shapes. */
final class LossInputs {
    private LossInputs() {
    }

    /**
     * {@code yTrue} and {@code yPred} of one shape (after {@link SameRank}), {@code yTrue} cast to
     * {@code yPred}'s dtype; a rank-0 pair is refused, since the last axis is what is reduced.
     */
    static SameRank matched(String who, Tensor yTrue, Tensor yPred) {
        SameRank pair = SameRank.of(yTrue, yPred);
        Shape t = pair.first().shape(), p = pair.second().shape();
        if (!t.isCompatibleWith(p)) {
            throw new InvalidArgumentException(who + ": yTrue and yPred must have the same shape, got yTrue shape "
                    + yTrue.shape() + " and yPred shape " + yPred.shape());
        }
        if (p.rank() == 0) {
            throw new InvalidArgumentException(who + ": yTrue and yPred must have rank >= 1 (a batch), got scalars");
        }
        return new SameRank(pair.first().cast(yPred.dtype()), pair.second());
    }

    /** The number of classes: the last dimension of {@code yPred}, which must be known. */
    static int classCount(String who, Tensor yTrue, Tensor yPred) {
        int classes = yPred.shape().get(yPred.rank() - 1);
        if (classes == Shape.UNKNOWN) {
            throw new InvalidArgumentException(who + ": the number of classes (yPred's last dimension) must be known, "
                    + "got yPred shape " + yPred.shape() + " (yTrue shape " + yTrue.shape() + ")");
        }
        return classes;
    }

    /** Checks that {@code value} lies in [0, 1] (a label-smoothing factor). */
    static double fraction(String who, String parameter, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new InvalidArgumentException(who + ": " + parameter + " must be in [0, 1], got " + value);
        }
        return value;
    }
}
