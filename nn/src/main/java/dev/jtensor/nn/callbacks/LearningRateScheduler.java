package dev.jtensor.nn.callbacks;

import dev.jtensor.InvalidArgumentException;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Keras's {@code LearningRateScheduler}: before each epoch, sets the optimizer's learning rate to
 * {@code schedule(epoch, currentRate)}.
 *
 * {@snippet :
 * var halve = new LearningRateScheduler((epoch, lr) -> epoch < 5 ? lr : lr * 0.5);
 * model.fit(x, y, FitOptions.epochs(10).callbacks(halve));
 * }
 */
public final class LearningRateScheduler extends Callback {

    private final BiFunction<Integer, Double, Double> schedule;

    /** Uses {@code schedule(epoch, currentLearningRate)}, which must return a finite non-negative rate. */
    public LearningRateScheduler(BiFunction<Integer, Double, Double> schedule) {
        if (schedule == null) throw new InvalidArgumentException("LearningRateScheduler: schedule is null");
        this.schedule = schedule;
    }

    @Override
    public void onEpochBegin(int epoch) {
        var optimizer = requireModel("onEpochBegin").optimizer();
        Double rate = schedule.apply(epoch, optimizer.learningRate());
        if (rate == null || !(rate >= 0) || rate.isInfinite()) {
            throw new InvalidArgumentException("LearningRateScheduler: the schedule returned " + rate + " for epoch "
                    + epoch + "; it must be a finite non-negative number");
        }
        optimizer.setLearningRate(rate);
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        if (logs != null) logs.put("learning_rate", requireModel("onEpochEnd").optimizer().learningRate());
    }
}
