package dev.jtensor.nn.metrics;

import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Operand;
import dev.jtensor.Tensor;

/**
 * The (weighted) mean of the values given, Keras's {@code Mean}: fit's loss tracker.
 *
 * {@snippet :
 * Mean loss = new Mean("loss");
 * loss.update(TF.constant(new float[] {1, 2, 3}));   // a batch of per-sample values
 * loss.update(TF.constant(4f));                        // a scalar counts as one sample
 * loss.result();                                       // 2.5
 * }
 *
 * <p>Values of rank 2 or more are first averaged to one value per sample (over all axes but the
 * first), as Keras 3 does; each update adds the samples' weighted sum and their weights' sum (their
 * number without weights). A Mean takes values, not labels and predictions: its two-operand
 * {@code update(values, sampleWeight)} is Keras's {@code update_state(values, sample_weight)}, and
 * the three-operand form is refused.
 */
public class Mean extends Metric {
    private final MeanState state = new MeanState();

    /** A mean named {@code "mean"}. */
    public Mean() {
        this("mean");
    }

    /** A mean with the given name. */
    public Mean(String name) {
        super(name);
    }

    /** Adds a batch of values (or one scalar value). */
    public void update(Operand values) {
        update(values, (Operand) null);
    }

    /**
     * Adds a batch of values with per-sample weights.
     *
     * @param sampleWeight the weights, or null for none
     */
    @Override
    public void update(Operand values, Operand sampleWeight) {
        String who = describe();
        state.add(MetricMath.required(who, "values", values), MetricMath.weight(who, sampleWeight));
    }

    /** Refused: a Mean takes values ({@link #update(Operand, Operand)}), not labels and predictions. */
    @Override
    public void update(Operand yTrue, Operand yPred, Operand sampleWeight) {
        throw new InvalidArgumentException(describe() + ".update: a Mean takes values, not (yTrue, yPred, "
                + "sampleWeight); call update(values) or update(values, sampleWeight)");
    }

    @Override
    public Tensor result() {
        return state.result();
    }
}
