package dev.jtensor.nn.losses;

/**
 * What {@link BinaryCrossentropy} and {@link CategoricalCrossentropy} share: whether predictions are
 * logits or probabilities, and the label-smoothing factor in [0, 1].
 */
public abstract class Crossentropy extends Loss {

    /** Keras's {@code backend.epsilon()}, the clipping margin for probabilities. */
    public static final double EPSILON = 1e-7;

    private final boolean fromLogits;
    private final double labelSmoothing;

    /** A crossentropy named {@code name} (Keras's snake case), checking {@code labelSmoothing} is in [0, 1]. */
    protected Crossentropy(String name, boolean fromLogits, double labelSmoothing, Reduction reduction) {
        super(name, reduction);
        this.fromLogits = fromLogits;
        this.labelSmoothing = LossInputs.fraction(getClass().getSimpleName(), "labelSmoothing", labelSmoothing);
    }

    /** Whether {@code yPred} holds logits rather than probabilities. */
    public boolean fromLogits() {
        return fromLogits;
    }

    /** The label-smoothing factor. */
    public double labelSmoothing() {
        return labelSmoothing;
    }
}
