package dev.jtensor.nn;

import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Operand;
import dev.jtensor.Tensor;
import dev.jtensor.internal.Inputs;
import dev.jtensor.nn.callbacks.History;
import dev.jtensor.nn.data.Dataset;
import dev.jtensor.nn.layers.KerasTensor;
import dev.jtensor.nn.layers.Layer;
import dev.jtensor.nn.losses.Loss;
import dev.jtensor.nn.losses.Losses;
import dev.jtensor.nn.metrics.Metric;
import dev.jtensor.nn.metrics.Metrics;
import dev.jtensor.nn.optimizers.Optimizer;
import dev.jtensor.nn.optimizers.Optimizers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Keras's {@code Model}: a layer that trains. Make one from a functional graph ({@link #of}), as a
 * {@link Sequential} stack, or by subclassing (override {@code forward}, keep layers in fields);
 * then {@link #compile}, {@link #fit}, {@link #evaluate} and {@link #predict}.
 *
 * {@snippet :
 * Model model = new Sequential(new InputLayer(64), new Dense(32, "relu"), new Dense(10));
 * model.compile(new Adam(1e-3), new SparseCategoricalCrossentropy(true), List.of(Metrics.get("accuracy")));
 * History history = model.fit(x, y, FitOptions.epochs(5).batchSize(32).validationSplit(0.1));
 * Map<String, Double> scores = model.evaluate(xTest, yTest);   // {loss=..., accuracy=...}
 * }
 *
 * <p>{@code fit}'s train step (forward on a tape, the loss plus regularization penalties,
 * gradients, the optimizer's update, the metrics' updates) runs as a traced function of the batch
 * (graph mode's {@code TracedFunction}, Keras's {@code jit_compile} off, {@code tf.function} on)
 * unless {@link #runEagerly(boolean) runEagerly(true)}; both give the same numbers. A model of
 * several inputs takes them as a list ({@link #fit(List, List, FitOptions)}).
 */
public abstract class Model extends Layer {

    Compiled compiled;
    private boolean runEagerly;
    private boolean stopTraining;

    /** What {@code compile} set; the step functions are traced again after each compile. */
    record Compiled(Optimizer optimizer, Loss loss, List<Metric> metrics, Trainer.Steps steps) {
    }

    /** For subclassed models. */
    protected Model() {
    }

    /** A functional model from {@code inputs} to {@code outputs} (Keras's {@code keras.Model(inputs, outputs)}). */
    public static Model of(KerasTensor inputs, KerasTensor outputs) {
        if (inputs == null || outputs == null) {
            throw new InvalidArgumentException("Model.of: " + (inputs == null ? "inputs" : "outputs") + " is null");
        }
        return new Functional(List.of(inputs), List.of(outputs));
    }

    /** A functional model of several inputs and outputs. */
    public static Model of(List<KerasTensor> inputs, List<KerasTensor> outputs) {
        return new Functional(inputs, outputs);
    }

    /** The model's outputs for a list of inputs (one per model input). */
    public List<Tensor> callAll(List<? extends Operand> inputs, boolean training) {
        if (inputs == null || inputs.isEmpty() || inputs.stream().anyMatch(java.util.Objects::isNull)) {
            throw new InvalidArgumentException("Model \"" + name() + "\": the inputs are null or empty: " + inputs);
        }
        List<Tensor> xs = inputs.stream().map(Operand::asTensor).toList();
        ensureBuilt(xs.get(0).shape());
        return forwardOutputs(xs, training);
    }

    /** The outputs for the inputs; a single-input, single-output model (the default) runs {@code forward}. */
    protected List<Tensor> forwardOutputs(List<Tensor> inputs, boolean training) {
        return List.of(forwardAll(inputs, training));
    }

    /** The layers directly inside this model, in order (for a subclassed model, those in its fields). */
    public List<Layer> layers() {
        List<Layer> found = new ArrayList<>();
        for (Object value : trackedValues()) collectLayers(value, found);
        return found;
    }

    private static void collectLayers(Object value, List<Layer> found) {
        switch (value) {
            case Layer l -> { if (!found.contains(l)) found.add(l); }
            case Map<?, ?> map -> map.values().forEach(v -> collectLayers(v, found));
            case Collection<?> items -> items.forEach(v -> collectLayers(v, found));
            case Object[] items -> Arrays.asList(items).forEach(v -> collectLayers(v, found));
            case null, default -> { }
        }
    }

    /** The penalties of this model's and all its layers' regularized weights. */
    @Override
    public List<Tensor> regularizationLosses() {
        List<Tensor> all = new ArrayList<>(super.regularizationLosses());
        for (Layer l : layers()) all.addAll(l.regularizationLosses());
        return all;
    }

    /**
     * The compiled loss of {@code predictions} against the targets {@code y} (summed over outputs),
     * plus the regularization penalties (Keras 3's {@code compute_loss}): what a train step
     * differentiates. Custom training loops and distribution strategies call it.
     *
     * @throws InvalidArgumentException if the model is not compiled, or the counts of targets and outputs differ
     */
    public Tensor computeLoss(List<Tensor> y, List<Tensor> predictions) {
        nonNull(y, "computeLoss", "y");
        nonNull(predictions, "computeLoss", "predictions");
        Loss loss = requireCompiled("computeLoss").loss();
        if (y.size() != predictions.size()) {
            throw new InvalidArgumentException("Model \"" + name() + "\" has " + predictions.size()
                    + " outputs but got " + y.size() + " targets");
        }
        Tensor total = loss.call(y.get(0), predictions.get(0));
        for (int i = 1; i < y.size(); i++) total = total.add(loss.call(y.get(i), predictions.get(i)));
        for (Tensor penalty : regularizationLosses()) total = total.add(penalty.cast(total.dtype()));
        return total;
    }

    /** Sets the optimizer, loss and metrics, by Keras's names: {@code compile("adam", "mse", "mae")}. */
    public Model compile(String optimizer, String loss, String... metrics) {
        nonNull(optimizer, "compile", "optimizer");
        nonNull(loss, "compile", "loss");
        nonNullElements(metrics, "compile", "metrics");
        return compile(Optimizers.get(optimizer), Losses.get(loss), Arrays.stream(metrics).map(Metrics::get).toList());
    }

    /** Sets the optimizer and loss, with metrics by name. */
    public Model compile(Optimizer optimizer, Loss loss, String... metrics) {
        nonNull(optimizer, "compile", "optimizer");
        nonNull(loss, "compile", "loss");
        nonNullElements(metrics, "compile", "metrics");
        return compile(optimizer, loss, Arrays.stream(metrics).map(Metrics::get).toList());
    }

    /** Sets the optimizer, loss and metrics; replaces an earlier compile (its traced steps are dropped). */
    public Model compile(Optimizer optimizer, Loss loss, List<Metric> metrics) {
        nonNull(optimizer, "compile", "optimizer");
        nonNull(loss, "compile", "loss");
        Inputs.nonNullElements(metrics, "Model \"" + name() + "\".compile", "metrics");
        compiled = new Compiled(optimizer, loss, List.copyOf(metrics), new Trainer.Steps());
        return this;
    }

    /** Runs train, test and predict steps eagerly (true) or as traced functions (false, the default). */
    public Model runEagerly(boolean eager) {
        this.runEagerly = eager;
        if (compiled != null) compiled = new Compiled(compiled.optimizer(), compiled.loss(), compiled.metrics(), new Trainer.Steps());
        return this;
    }

    /** Whether steps run eagerly. */
    public boolean runsEagerly() {
        return runEagerly;
    }

    /** The compiled loss (Keras's {@code model.loss}). */
    public Loss loss() {
        return requireCompiled("loss").loss();
    }

    /** The compiled optimizer. */
    public Optimizer optimizer() {
        return requireCompiled("optimizer").optimizer();
    }

    /** The compiled metrics. */
    public List<Metric> metrics() {
        return requireCompiled("metrics").metrics();
    }

    /** Asks {@code fit} to stop after the current epoch (what EarlyStopping does), or clears the request. */
    public void stopTraining(boolean stop) {
        this.stopTraining = stop;
    }

    /** Whether a stop was requested. */
    public boolean stopTrainingRequested() {
        return stopTraining;
    }

    /** Trains on {@code x} and {@code y} (one input, one output); {@code options} may be null: Keras's defaults. */
    public History fit(Operand x, Operand y, FitOptions options) {
        nonNullData(x, y, "fit");
        return fit(List.of(x.asTensor()), List.of(y.asTensor()), options);
    }

    /**
     * Trains a model of several inputs or outputs: one tensor per input in {@code x}, per output in {@code y};
     * {@code options} may be null: Keras's defaults ({@link FitOptions#defaults()}).
     */
    public History fit(List<Tensor> x, List<Tensor> y, FitOptions options) {
        return new Trainer(this, requireCompiled("fit")).fit(x, y, options == null ? FitOptions.defaults() : options);
    }

    /**
     * Trains on a Dataset of {@code (x, y)} batches (it batches and shuffles itself; {@code batchSize}
     * and {@code shuffle} are ignored). An unknown cardinality shows as {@code 12/Unknown}. {@code options} may
     * be null: Keras's defaults.
     */
    public History fit(Dataset data, FitOptions options) {
        nonNull(data, "fit", "data");
        return new Trainer(this, requireCompiled("fit")).fit(data, options == null ? FitOptions.defaults() : options);
    }

    /** The loss and metrics over a Dataset of {@code (x, y)} batches. */
    public Map<String, Double> evaluate(Dataset data) {
        nonNull(data, "evaluate", "data");
        return new Trainer(this, requireCompiled("evaluate")).evaluate(data);
    }

    /** The loss and metrics on {@code x} and {@code y}, in batches of 32, silently. */
    public Map<String, Double> evaluate(Operand x, Operand y) {
        return evaluate(x, y, 32);
    }

    /** The loss and metrics on {@code x} and {@code y} in batches of {@code batchSize}: {@code {loss=..., accuracy=...}}. */
    public Map<String, Double> evaluate(Operand x, Operand y, int batchSize) {
        nonNullData(x, y, "evaluate");
        return new Trainer(this, requireCompiled("evaluate")).evaluate(List.of(x.asTensor()), List.of(y.asTensor()), batchSize);
    }

    /** The outputs for {@code x} in batches of 32, concatenated (inference mode). */
    public Tensor predict(Operand x) {
        return predict(x, 32);
    }

    /** The outputs for {@code x} in batches of {@code batchSize}, concatenated (inference mode). */
    public Tensor predict(Operand x, int batchSize) {
        nonNull(x, "predict", "x");
        return new Trainer(this, compiled).predict(List.of(x.asTensor()), batchSize);
    }

    /** One training step on one batch, after resetting the metrics: the step's loss and metrics. */
    public Map<String, Double> trainOnBatch(Operand x, Operand y) {
        nonNullData(x, y, "trainOnBatch");
        return new Trainer(this, requireCompiled("trainOnBatch")).trainOnBatch(List.of(x.asTensor()), List.of(y.asTensor()));
    }

    /** Keras's summary table: each layer's name and type, output shape and parameter count, then the totals. */
    public String summary() {
        return ModelSummary.of(this);
    }

    private Compiled requireCompiled(String method) {
        if (compiled == null) {
            throw new InvalidArgumentException("Model \"" + name() + "\": " + method + " needs the model compiled first: "
                    + "call compile(optimizer, loss, metrics)");
        }
        return compiled;
    }

    private void nonNullData(Operand x, Operand y, String method) {
        nonNull(x, method, "x");
        nonNull(y, method, "y");
    }

    /** {@code value}, or an InvalidArgumentException {@code Model "name".method: parameter is null}. */
    private <T> T nonNull(T value, String method, String parameter) {
        return Inputs.nonNull(value, "Model \"" + name() + "\"." + method, parameter);
    }

    /** {@code values}, checked for null and for null elements ({@code metrics[1] is null}). */
    private void nonNullElements(Object[] values, String method, String parameter) {
        nonNull(values, method, parameter);
        Inputs.nonNullElements(Arrays.asList(values), "Model \"" + name() + "\"." + method, parameter);
    }
}
