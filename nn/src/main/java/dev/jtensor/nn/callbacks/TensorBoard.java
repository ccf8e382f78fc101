package dev.jtensor.nn.callbacks;

import dev.jtensor.DType;
import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Variable;
import dev.jtensor.nn.tensorboard.SummaryWriter;
import java.nio.file.Path;
import java.util.Map;

/**
 * Keras's {@code TensorBoard} callback: writes what {@code fit} measures as TensorBoard event
 * files, in {@code logdir/train} and {@code logdir/validation}, under Keras's tags.
 *
 * {@snippet :
 * model.fit(x, y, FitOptions.epochs(10).validationSplit(0.2).callbacks(
 *         new TensorBoard(Path.of("logs/fit")).histogramFreq(1).updateFreq(50).writeGraph(true)));
 * // tensorboard --logdir logs/fit
 * }
 *
 * <ul>
 * <li>Every epoch: each training metric as {@code epoch_<name>} in {@code train/} ({@code epoch_loss},
 *     {@code epoch_accuracy}) and each validation metric {@code val_<name>} as {@code epoch_<name>} in
 *     {@code validation/}, at step = the epoch (from 0); and, as Keras 2.9 does, the validation
 *     metrics as {@code evaluation_<name>_vs_iterations} in {@code validation/} at step = the number of
 *     training batches so far.</li>
 * <li>With {@link #updateFreq(int) updateFreq(n)}: every n-th training batch, the running metrics of
 *     the epoch as {@code batch_<name>} in {@code train/}, at step = the batch's number counted over
 *     all epochs from 1 (Keras's {@code update_freq=n}; the default, 0, is {@code "epoch"}).</li>
 * <li>With {@link #histogramFreq(int) histogramFreq(k)}: every k-th epoch (epoch % k == 0), a
 *     histogram of every weight as {@code <variable name>/histogram} ({@code dense/kernel/histogram})
 *     in {@code train/}.</li>
 * <li>With {@link #writeGraph(boolean) writeGraph(true)}: the model's forward graph once, in
 *     {@code train/}, when training begins (see {@link SummaryWriter#graph(dev.jtensor.nn.Model)}).
 *     Unlike Keras it is off by default: a few ops (max pooling, for one) have no GraphDef form.</li>
 * </ul>
 * The writers open when training begins and close, flushed, when it ends; a second {@code fit}
 * starts new event files in the same directories.
 */
public final class TensorBoard extends Callback {

    private final Path logdir;
    private int updateFreq;
    private int histogramFreq;
    private boolean writeGraph;
    private DType graphInputDtype = DType.FLOAT32;
    private SummaryWriter train;
    private SummaryWriter validation;
    private long batches;

    /** Writes under {@code logdir} (Keras's {@code log_dir}). */
    public TensorBoard(Path logdir) {
        if (logdir == null) throw new InvalidArgumentException("TensorBoard: logdir is null");
        this.logdir = logdir;
    }

    /** Also writes the running metrics every {@code batches} training batches; 0 (the default) writes per epoch only. */
    public TensorBoard updateFreq(int batches) {
        if (batches < 0) throw new InvalidArgumentException("TensorBoard: updateFreq must be >= 0, got " + batches);
        this.updateFreq = batches;
        return this;
    }

    /** Writes weight histograms every {@code epochs} epochs; 0 (the default) never. */
    public TensorBoard histogramFreq(int epochs) {
        if (epochs < 0) throw new InvalidArgumentException("TensorBoard: histogramFreq must be >= 0, got " + epochs);
        this.histogramFreq = epochs;
        return this;
    }

    /** Whether to write the model's forward graph when training begins (default false). */
    public TensorBoard writeGraph(boolean write) {
        this.writeGraph = write;
        return this;
    }

    /** The dtype of the graph's input placeholder (float32 by default; int32 for a model starting with an Embedding). */
    public TensorBoard graphInputDtype(DType dtype) {
        if (dtype == null) throw new InvalidArgumentException("TensorBoard: graphInputDtype is null");
        this.graphInputDtype = dtype;
        return this;
    }

    /** The directory of the training writer ({@code logdir/train}). */
    public Path trainDir() {
        return logdir.resolve("train");
    }

    /** The directory of the validation writer ({@code logdir/validation}). */
    public Path validationDir() {
        return logdir.resolve("validation");
    }

    @Override
    public void onTrainBegin() {
        closeWriters();
        train = SummaryWriter.create(trainDir());
        batches = 0;
        if (writeGraph) train.graph(requireModel("onTrainBegin"), graphInputDtype);
    }

    @Override
    public void onTrainBatchBegin(int batch) {
        batches++;
    }

    @Override
    public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
        if (updateFreq == 0 || batches % updateFreq != 0) return;
        SummaryWriter writer = trainWriter("onTrainBatchEnd");
        orEmpty(logs).forEach((name, value) -> writer.scalar("batch_" + name, value, batches));
    }

    /** The open training writer; the hooks that write need {@link #onTrainBegin} first, as fit calls them. */
    private SummaryWriter trainWriter(String hook) {
        if (train == null) {
            throw new IllegalStateException("TensorBoard." + hook + ": called outside onTrainBegin..onTrainEnd, where "
                    + "the event files of " + logdir + " are open (fit calls the hooks in that order)");
        }
        return train;
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        SummaryWriter train = trainWriter("onEpochEnd");
        orEmpty(logs).forEach((name, value) -> {
            if (name.startsWith("val_")) {
                if (validation == null) validation = SummaryWriter.create(validationDir());
                String metric = name.substring(4);
                validation.scalar("epoch_" + metric, value, epoch);
                validation.scalar("evaluation_" + metric + "_vs_iterations", value, batches);
            } else {
                train.scalar("epoch_" + name, value, epoch);
            }
        });
        if (histogramFreq > 0 && epoch % histogramFreq == 0) {
            for (Variable v : requireModel("onEpochEnd").variables()) train.histogram(v.name() + "/histogram", v, epoch);
        }
    }

    @Override
    public void onTrainEnd(Map<String, Double> logs) {
        closeWriters();
    }

    private void closeWriters() {
        SummaryWriter t = train, v = validation;
        train = null;
        validation = null;
        try {
            if (t != null) t.close();
        } finally {
            if (v != null) v.close();
        }
    }
}
