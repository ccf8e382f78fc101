package dev.jtensor.nn.callbacks;

import dev.jtensor.InvalidArgumentException;
import dev.jtensor.internal.io.FileErrors;
import dev.jtensor.nn.checkpoint.Checkpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keras's {@code ModelCheckpoint}: saves the model's weights and optimizer state
 * ({@link Checkpoint}) at the end of epochs, to a path formatted with the epoch (from 1) and the
 * logs, Python-style: {@code "ckpt/model-{epoch:02d}-{val_loss:.3f}.safetensors"}. With
 * {@link #saveBestOnly} it saves only when {@link #monitor} improves on its best so far (lower, or
 * higher in {@link Mode#MAX}; {@link Mode#AUTO} takes higher for accuracies, AUC, precision and
 * recall, as EarlyStopping); {@link #everyEpochs} saves every N epochs (Keras 2's {@code period}).
 *
 * {@snippet :
 * ModelCheckpoint best = new ModelCheckpoint("ckpt/best.safetensors").monitor("val_loss").saveBestOnly(true);
 * model.fit(x, y, FitOptions.epochs(20).validationSplit(0.2).callbacks(best));
 * Checkpoint.of(model).restore(best.lastSaved());
 * }
 */
public final class ModelCheckpoint extends Callback {

    /** Whether the monitored value should fall or rise. */
    public enum Mode { AUTO, MIN, MAX }

    private static final Pattern FIELD = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)(?::([0-9]*(?:\\.[0-9]+)?)([dfeg]))?}");

    private final String filepath;
    private String monitor = "val_loss";
    private boolean saveBestOnly;
    private Mode mode = Mode.AUTO;
    private int everyEpochs = 1;
    private boolean weightsOnly;
    private double best;
    private int sinceSave;
    private Path lastSaved;

    /** Saves after every epoch to {@code filepath} (formatted as the class comment says). */
    public ModelCheckpoint(String filepath) {
        if (filepath == null || filepath.isBlank()) {
            throw new InvalidArgumentException("ModelCheckpoint: filepath is " + (filepath == null ? "null" : "blank"));
        }
        this.filepath = filepath;
    }

    /** The metric {@link #saveBestOnly} watches ({@code val_loss} by default). */
    public ModelCheckpoint monitor(String metric) {
        if (metric == null || metric.isBlank()) {
            throw new InvalidArgumentException("ModelCheckpoint.monitor: metric is " + (metric == null ? "null" : "blank"));
        }
        this.monitor = metric;
        return this;
    }

    /** Saves only when the monitored metric improves. */
    public ModelCheckpoint saveBestOnly(boolean on) {
        this.saveBestOnly = on;
        return this;
    }

    /** Whether lower ({@link Mode#MIN}) or higher ({@link Mode#MAX}) is better; AUTO decides by the name. */
    public ModelCheckpoint mode(Mode mode) {
        if (mode == null) throw new InvalidArgumentException("ModelCheckpoint.mode: mode is null");
        this.mode = mode;
        return this;
    }

    /** Considers saving every {@code n} epochs (the n-th, 2n-th, ...) instead of every epoch. */
    public ModelCheckpoint everyEpochs(int n) {
        if (n < 1) throw new InvalidArgumentException("ModelCheckpoint.everyEpochs: n must be >= 1, got " + n);
        this.everyEpochs = n;
        return this;
    }

    /** Saves the model's variables only, without the optimizer's state. */
    public ModelCheckpoint weightsOnly(boolean on) {
        this.weightsOnly = on;
        return this;
    }

    /** The last file written, or null. */
    public Path lastSaved() {
        return lastSaved;
    }

    /** The best monitored value seen when {@link #saveBestOnly} is on (an infinity before the first). */
    public double best() {
        return best;
    }

    @Override
    public void onTrainBegin() {
        best = higherIsBetter() ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        sinceSave = 0;
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        logs = orEmpty(logs);
        if (++sinceSave < everyEpochs) return;
        sinceSave = 0;
        if (saveBestOnly) {
            Double value = logs.get(monitor);
            if (value == null) {
                throw new InvalidArgumentException("ModelCheckpoint: the monitored metric '" + monitor
                        + "' is not among the logs " + logs.keySet());
            }
            if (!(higherIsBetter() ? value > best : value < best)) return;
            best = value;
        }
        Path path = Path.of(format(filepath, epoch + 1, logs));
        try {
            if (path.toAbsolutePath().getParent() != null) Files.createDirectories(path.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw FileErrors.writing("checkpoint", path, e);
        }
        var model = requireModel("onEpochEnd");
        Checkpoint.of(model, weightsOnly ? null : model.optimizer()).save(path);
        lastSaved = path;
    }

    private boolean higherIsBetter() {
        return mode == Mode.MAX || (mode == Mode.AUTO && Monitors.higherIsBetter(monitor));
    }

    /**
     * {@code pattern} with {@code {epoch}} and {@code {name}} of the logs replaced, each optionally with a
     * Python format spec ({@code {epoch:03d}}, {@code {loss:.4f}}, {@code {loss:e}}).
     */
    static String format(String pattern, int epoch, Map<String, Double> logs) {
        Matcher m = FIELD.matcher(pattern);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            Number value = name.equals("epoch") ? (Number) epoch : logs.get(name);
            if (value == null) {
                throw new InvalidArgumentException("ModelCheckpoint: the file path " + pattern + " names {" + name
                        + "}, which is neither epoch nor among the logs " + logs.keySet());
            }
            String type = m.group(3);
            String text;
            if (type == null) {
                text = value instanceof Integer ? value.toString() : Double.toString(value.doubleValue());
            } else if (type.equals("d")) {
                text = String.format(Locale.ROOT, "%" + m.group(2) + "d", value.longValue());
            } else {
                String spec = m.group(2).contains(".") ? m.group(2) : m.group(2) + ".6";
                text = String.format(Locale.ROOT, "%" + spec + type, value.doubleValue());
            }
            m.appendReplacement(out, Matcher.quoteReplacement(text));
        }
        return m.appendTail(out).toString();
    }
}
