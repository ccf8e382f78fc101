package dev.jtensor.nn.callbacks;

import dev.jtensor.InvalidArgumentException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keras's {@code History}, what {@code fit} returns: each metric's value at the end of every epoch.
 *
 * {@snippet :
 * History h = model.fit(x, y, FitOptions.epochs(5).validationSplit(0.2));
 * List<Double> losses = h.history().get("loss");        // five values
 * double lastValidation = h.last("val_loss");
 * }
 */
public final class History extends Callback {

    private final Map<String, List<Double>> history = new LinkedHashMap<>();
    private final List<Integer> epochs = new ArrayList<>();

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        epochs.add(epoch);
        orEmpty(logs).forEach((k, v) -> history.computeIfAbsent(k, key -> new ArrayList<>()).add(v));
    }

    /** Metric name to its value per epoch, in the order the metrics first appeared. */
    public Map<String, List<Double>> history() {
        Map<String, List<Double>> copy = new LinkedHashMap<>();
        history.forEach((k, v) -> copy.put(k, Collections.unmodifiableList(new ArrayList<>(v))));
        return Collections.unmodifiableMap(copy);
    }

    /** The epochs that ran (Keras's {@code history.epoch}). */
    public List<Integer> epochs() {
        return List.copyOf(epochs);
    }

    /**
     * The last epoch's value of {@code metric}.
     *
     * @throws InvalidArgumentException if {@code metric} is null or was not recorded
     */
    public double last(String metric) {
        if (metric == null) throw new InvalidArgumentException("History.last: metric is null");
        List<Double> values = history.get(metric);
        if (values == null || values.isEmpty()) {
            throw new InvalidArgumentException("History: no metric '" + metric + "'; recorded: " + history.keySet());
        }
        return values.get(values.size() - 1);
    }

    @Override
    public String toString() {
        return "History" + history;
    }
}
