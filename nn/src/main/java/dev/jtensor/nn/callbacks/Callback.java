package dev.jtensor.nn.callbacks;

import dev.jtensor.nn.Model;
import java.util.Map;

/**
 * Keras's {@code keras.callbacks.Callback}: hooks that {@code fit} calls around training, epochs and
 * batches. {@code logs} maps metric names ({@code loss}, {@code accuracy}, {@code val_loss}, ...)
 * to their current values. Override what you need; {@link #model()} is the model being trained.
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

    /** Called by {@code fit} before training starts. */
    public void setModel(Model model) {
        this.model = model;
    }

    /** The model being trained; null before {@code fit} starts. */
    protected Model model() {
        return model;
    }

    /** Before the first epoch. */
    public void onTrainBegin() {
    }

    /** After the last epoch (or an early stop). */
    public void onTrainEnd(Map<String, Double> logs) {
    }

    /** Before each epoch ({@code epoch} counts from 0). */
    public void onEpochBegin(int epoch) {
    }

    /** After each epoch, with the epoch's training and validation metrics. */
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
    }

    /** Before each training step ({@code batch} counts from 0 in each epoch). */
    public void onTrainBatchBegin(int batch) {
    }

    /** After each training step, with the epoch's running metrics. */
    public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
    }
}
