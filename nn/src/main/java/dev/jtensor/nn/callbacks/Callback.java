package dev.jtensor.nn.callbacks;

import dev.jtensor.FailedPreconditionException;
import dev.jtensor.internal.Inputs;
import dev.jtensor.nn.Model;
import java.util.Map;

/**
 * Keras's {@code keras.callbacks.Callback}: hooks that {@code fit} calls around training, epochs and
 * batches. {@code logs} maps metric names ({@code loss}, {@code accuracy}, {@code val_loss}, ...)
 * to their current values. {@code logs} may be null, as Keras's {@code logs=None}: jtensor's callbacks read
 * it as no metrics, and an override should too ({@link #orEmpty}). Override what you need; {@link #model()}
 * is the model being trained.
 *
 * {@snippet :
 * class PrintLoss extends Callback {
 *     @Override public void onEpochEnd(int epoch, Map<String, Double> logs) {
 *         System.out.println(epoch + ": " + logs.get("loss"));
 *     }
 * }
 * model.fit(x, y, FitOptions.epochs(3).callbacks(new PrintLoss()));
 * }
 */
public abstract class Callback {

    private Model model;

    /**
     * Called by {@code fit} before training starts.
     *
     * @throws dev.jtensor.InvalidArgumentException if {@code model} is null
     */
    public void setModel(Model model) {
        this.model = Inputs.nonNull(model, getClass().getSimpleName() + ".setModel", "model");
    }

    /** The model being trained; null before {@code fit} starts. */
    protected Model model() {
        return model;
    }

    /** {@link #model()}, or an error naming {@code method} when none is set (the callback is used outside fit). */
    final Model requireModel(String method) {
        if (model == null) {
            throw new FailedPreconditionException(getClass().getSimpleName() + "." + method
                    + ": no model is set; fit sets it (setModel)");
        }
        return model;
    }

    /** Before the first epoch. */
    public void onTrainBegin() {
    }

    /** After the last epoch (or an early stop); {@code logs} may be null: no metrics. */
    public void onTrainEnd(Map<String, Double> logs) {
    }

    /** Before each epoch ({@code epoch} counts from 0). */
    public void onEpochBegin(int epoch) {
    }

    /** After each epoch, with the epoch's training and validation metrics; {@code logs} may be null: no metrics. */
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
    }

    /** Before each training step ({@code batch} counts from 0 in each epoch). */
    public void onTrainBatchBegin(int batch) {
    }

    /** After each training step, with the epoch's running metrics; {@code logs} may be null: no metrics. */
    public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
    }

    /** {@code logs}, or an empty map for null (Keras's {@code logs = logs or {}}). */
    protected static Map<String, Double> orEmpty(Map<String, Double> logs) {
        return logs == null ? Map.of() : logs;
    }
}
