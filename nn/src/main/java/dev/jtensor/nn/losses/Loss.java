package dev.jtensor.nn.losses;

import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Operand;
import dev.jtensor.Tensor;
import dev.jtensor.internal.Inputs;

/**
 * A loss function in Keras's form: per-sample losses from {@code yTrue} and {@code yPred}, optionally
 * weighted by {@code sampleWeight}, then reduced by a {@link Reduction}.
 *
 * {@snippet :
 * Loss loss = new CategoricalCrossentropy(true);            // from logits
 * Tensor value = loss.call(oneHotLabels, logits);           // a scalar: the mean over the batch
 * Tensor weighted = loss.call(oneHotLabels, logits, TF.constant(new float[] {1, 0, 2}));
 * }
 *
 * <p>Everything is composed from public ops, so a loss works eagerly, under a
 * {@link dev.jtensor.autodiff.GradientTape} (higher orders included) and on the symbolic tensors of a
 * graph or traced function, unknown batch dimension included: nothing reads values in Java. The
 * result has {@code yPred}'s dtype; {@code yTrue} and {@code sampleWeight} are cast to it.
 *
 * <p>A subclass implements {@link #perSample}. Errors ({@link InvalidArgumentException}) name the
 * loss and the offending shapes or dtypes.
 */
public abstract class Loss {
    private final String name;
    private final Reduction reduction;

    /**
     * @param name      Keras's snake_case name, e.g. {@code "mean_squared_error"}
     * @param reduction how per-sample losses are reduced
     */
    protected Loss(String name, Reduction reduction) {
        this.name = Inputs.nonNull(name, getClass().getSimpleName(), "name");
        this.reduction = Inputs.nonNull(reduction, getClass().getSimpleName(), "reduction");
    }

    /** Keras's name of this loss, e.g. {@code "mean_squared_error"}. */
    public String name() {
        return name;
    }

    /** How per-sample losses are reduced. */
    public Reduction reduction() {
        return reduction;
    }

    /** The loss of {@code yPred} against {@code yTrue}, reduced by {@link #reduction()}. */
    public Tensor call(Operand yTrue, Operand yPred) {
        return call(yTrue, yPred, null);
    }

    /**
     * The loss with each sample's loss multiplied by its weight before the reduction. A weight of
     * rank one less than the per-sample losses, or with an extra trailing dimension of 1, is aligned
     * as Keras does; otherwise it must broadcast to them. {@code SUM_OVER_BATCH_SIZE} divides the
     * weighted sum by the number of per-sample losses (not by the weights' sum), as Keras does.
     *
     * @param sampleWeight per-sample weights, or null for none
     */
    public Tensor call(Operand yTrue, Operand yPred, Operand sampleWeight) {
        String who = describe();
        Tensor pred = Inputs.nonNull(yPred, who, "yPred").asTensor();
        Tensor truth = Inputs.nonNull(yTrue, who, "yTrue").asTensor();
        if (!pred.dtype().isFloating()) {
            throw new InvalidArgumentException(who + ": yPred must be float32 or float64, got " + pred.dtype()
                    + " (yPred shape " + pred.shape() + ", yTrue dtype " + truth.dtype() + ")");
        }
        if (!truth.dtype().isNumeric()) {
            throw new InvalidArgumentException(who + ": yTrue must be numeric (a float or integer type), got "
                    + truth.dtype() + " (yTrue shape " + truth.shape() + ", yPred " + pred.dtype() + " "
                    + pred.shape() + ")");
        }
        Tensor losses = perSample(truth, pred);
        return LossReduction.reduce(who, losses, sampleWeight, reduction);
    }

    /**
     * The per-sample losses (usually one per row: the last axis reduced), in {@code yPred}'s dtype.
     *
     * @param yTrue the labels, of a numeric dtype (not yet cast, not yet aligned with {@code yPred})
     * @param yPred the predictions, float32 or float64
     */
    protected abstract Tensor perSample(Tensor yTrue, Tensor yPred);

    /** The name errors use: the class's simple name, or {@link #name()} for an anonymous class. */
    protected String describe() {
        String simple = getClass().getSimpleName();
        return simple.isEmpty() ? name : simple;
    }

    @Override
    public String toString() {
        return describe() + "(name=" + name + ", reduction=" + reduction + ")";
    }
}
