package dev.jtensor.nn.metrics;

import dev.jtensor.DType;
import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Operand;
import dev.jtensor.Tensor;
import java.util.function.BiFunction;

/**
 * The mean over all samples of a per-sample function of {@code (yTrue, yPred)}, Keras's
 * {@code MeanMetricWrapper}: the accuracies, and losses used as metrics ({@code "mse"}).
 *
 * {@snippet :
 * Metric maxError = new MeanMetricWrapper("max_error",
 *         (yTrue, yPred) -> TF.reduceMax(yPred.sub(yTrue).abs(), -1));
 * maxError.update(labels, predictions);
 * }
 *
 * <p>Both operands are cast to float32 before the function sees them, as Keras does; its values are
 * averaged as {@link Mean} averages them (sample weights included).
 */
public class MeanMetricWrapper extends Metric {
    private final MeanState state = new MeanState();
    private final BiFunction<Tensor, Tensor, Tensor> fn;

    /**
     * @param name the metric's name
     * @param fn   per-sample values from float32 {@code yTrue} and {@code yPred}
     */
    public MeanMetricWrapper(String name, BiFunction<Tensor, Tensor, Tensor> fn) {
        super(name);
        this.fn = dev.jtensor.internal.Inputs.nonNull(fn, "MeanMetricWrapper", "fn");
    }

    @Override
    public void update(Operand yTrue, Operand yPred, Operand sampleWeight) {
        String who = describe();
        Tensor t = MetricMath.required(who, "yTrue", yTrue), p = MetricMath.required(who, "yPred", yPred);
        Tensor w = MetricMath.weight(who, sampleWeight);
        Tensor values;
        try {
            values = fn.apply(t.cast(DType.FLOAT32), p.cast(DType.FLOAT32));
        } catch (InvalidArgumentException e) {
            throw new InvalidArgumentException(who + ".update: cannot compare yTrue shape " + t.shape()
                    + " with yPred shape " + p.shape() + ": " + e.getMessage(), e);
        }
        state.add(values, w);
    }

    @Override
    public Tensor result() {
        return state.result();
    }
}
