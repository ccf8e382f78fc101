package dev.jtensor.nn;

import dev.jtensor.DType;
import dev.jtensor.InvalidArgumentException;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import dev.jtensor.Variable;
import dev.jtensor.autodiff.GradientTape;
import dev.jtensor.graph.TracedFunction;
import dev.jtensor.nn.callbacks.Callback;
import dev.jtensor.nn.callbacks.History;
import dev.jtensor.nn.data.Dataset;
import dev.jtensor.nn.distribute.MirroredStrategy;
import dev.jtensor.nn.distribute.ReplicaStep;
import dev.jtensor.nn.metrics.Mean;
import dev.jtensor.nn.metrics.Metric;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The loops behind {@link Model#fit}, {@link Model#evaluate}, {@link Model#predict} and
 * {@link Model#trainOnBatch}: batching, shuffling, validation, callbacks, progress, and the step
 * functions (traced once per batch shape, or eager).
 */
final class Trainer {

    /** A compile's step functions and loss tracker, made on first use. */
    static final class Steps {
        TracedFunction train;
        TracedFunction test;
        TracedFunction predict;
        ReplicaStep replicaStep;
        final Mean lossTracker = new Mean("loss");
    }

    private final Model model;
    private final Model.Compiled compiled;
    private MirroredStrategy strategy;   // fit's, or null

    Trainer(Model model, Model.Compiled compiled) {
        this.model = model;
        this.compiled = compiled;
    }

    History fit(List<Tensor> x, List<Tensor> y, FitOptions options) {
        long n = checkData(x, y, "fit");
        List<Tensor> trainX = x, trainY = y;
        Batches validation = validation(options);
        if (options.validationSplit > 0) {
            if (validation != null) {
                throw new InvalidArgumentException("fit: give validationSplit or validationData, not both");
            }
            int split = (int) (n * (1 - options.validationSplit));
            if (split == 0 || split == n) {
                throw new InvalidArgumentException("fit: validationSplit " + options.validationSplit + " of " + n
                        + " examples leaves " + (split == 0 ? "no training" : "no validation") + " examples");
            }
            trainX = Batches.slice(x, 0, split);
            trainY = Batches.slice(y, 0, split);
            validation = Batches.of(Batches.slice(x, split, (int) n), Batches.slice(y, split, (int) n),
                    options.batchSize, false, 0);
        }
        long seed = options.seed != null ? options.seed : drawSeed();
        return fit(Batches.of(trainX, trainY, options.batchSize, options.shuffle, seed), validation, options);
    }

    History fit(Dataset data, FitOptions options) {
        if (options.validationSplit > 0) {
            throw new InvalidArgumentException("fit: validationSplit needs tensors; give a Dataset as validationData instead");
        }
        return fit(Batches.of(data, "fit"), validation(options), options);
    }

    Map<String, Double> evaluate(Dataset data) {
        return evaluate(Batches.of(data, "evaluate"));
    }

    private Batches validation(FitOptions options) {
        if (options.validationDataset != null) return Batches.of(options.validationDataset, "fit (validation data)");
        if (options.validationX == null) return null;
        checkData(options.validationX, options.validationY, "fit (validation data)");
        return Batches.of(options.validationX, options.validationY, options.batchSize, false, 0);
    }

    private History fit(Batches train, Batches validation, FitOptions options) {
        prepare(train.sample());
        strategy = options.strategy;
        History history = new History();
        List<Callback> callbacks = new ArrayList<>(options.callbacks);
        callbacks.add(history);
        callbacks.forEach(c -> c.setModel(model));
        model.stopTraining(false);
        boolean batchHooks = hasBatchHooks(callbacks);
        callbacks.forEach(Callback::onTrainBegin);
        Map<String, Double> logs = Map.of();
        long knownSteps = train.steps();
        for (int epoch = 0; epoch < options.epochs && !model.stopTrainingRequested(); epoch++) {
            for (Callback c : callbacks) c.onEpochBegin(epoch);
            if (options.verbose > 0) options.out.println("Epoch " + (epoch + 1) + "/" + options.epochs);
            Progbar bar = new Progbar(knownSteps, options.verbose, options.out);
            resetMetrics();
            int step = 0;
            for (Iterator<Batches.Batch> it = train.epoch(epoch); it.hasNext(); step++) {
                for (Callback c : callbacks) c.onTrainBatchBegin(step);
                Batches.Batch batch = it.next();
                trainStep(batch.x(), batch.y());
                if (bar.due(step + 1) || batchHooks) {
                    Map<String, Double> running = currentLogs();
                    for (Callback c : callbacks) c.onTrainBatchEnd(step, running);
                    bar.update(step + 1, running);
                }
            }
            Map<String, Double> epochLogs = currentLogs();
            if (validation != null) {
                evaluate(validation).forEach((k, v) -> epochLogs.put("val_" + k, v));
            }
            bar.finish(step, epochLogs);
            for (Callback c : callbacks) c.onEpochEnd(epoch, epochLogs);
            logs = epochLogs;
        }
        for (Callback c : callbacks) c.onTrainEnd(logs);
        return history;
    }

    Map<String, Double> evaluate(List<Tensor> x, List<Tensor> y, int batchSize) {
        checkData(x, y, "evaluate");
        requirePositive(batchSize, "evaluate");
        return evaluate(Batches.of(x, y, batchSize, false, 0));
    }

    Map<String, Double> evaluate(Batches batches) {
        prepare(batches.sample());
        resetMetrics();
        for (Iterator<Batches.Batch> it = batches.epoch(0); it.hasNext(); ) {
            Batches.Batch batch = it.next();
            testStep(batch.x(), batch.y());
        }
        return currentLogs();
    }

    Tensor predict(List<Tensor> x, int batchSize) {
        long n = checkInputs(x, "predict");
        requirePositive(batchSize, "predict");
        prepare(Batches.slice(x, 0, 1));
        List<Tensor> parts = new ArrayList<>();
        for (int start = 0; start < n; start += batchSize) {
            parts.add(predictStep(Batches.slice(x, start, (int) Math.min(n, start + batchSize))));
        }
        return parts.size() == 1 ? parts.get(0) : TF.concat(parts, 0);
    }

    Map<String, Double> trainOnBatch(List<Tensor> x, List<Tensor> y) {
        checkData(x, y, "trainOnBatch");
        prepare(Batches.slice(x, 0, 1));
        resetMetrics();
        trainStep(x, y);
        return currentLogs();
    }

    // ---- steps -----------------------------------------------------------------------------

    private Tensor trainStep(List<Tensor> x, List<Tensor> y) {
        if (strategy != null) return distributedTrainStep(x, y);
        if (model.runsEagerly()) return trainStepBody(x, y);
        Steps steps = compiled.steps();
        if (steps.train == null) steps.train = traced("train_step", x.size(), y.size(), this::trainStepBody);
        return steps.train.call(concat(x, y));
    }

    /** A traced function of the inputs then the targets, as one list. */
    private static TracedFunction traced(String name, int nx, int ny, BiFunction<List<Tensor>, List<Tensor>, Tensor> body) {
        return TracedFunction.ofList(nx + ny, all -> body.apply(all.subList(0, nx), all.subList(nx, nx + ny))).named(name);
    }

    /** Forward on a tape, loss plus penalties, gradients, the update, the metrics; returns the loss. */
    private Tensor trainStepBody(List<Tensor> x, List<Tensor> y) {
        List<Variable> vars = model.trainableVariables();
        Tensor loss;
        List<Tensor> predictions;
        List<Tensor> grads;
        try (GradientTape tape = new GradientTape()) {
            predictions = model.callAll(x, true);
            loss = model.computeLoss(y, predictions);
            grads = tape.gradient(loss, vars);
        }
        compiled.optimizer().applyGradients(grads, vars);
        updateMetrics(loss, x.get(0), y, predictions);
        return loss;
    }

    /** The step on the strategy's replicas; the metrics are updated here from the whole batch's predictions. */
    private Tensor distributedTrainStep(List<Tensor> x, List<Tensor> y) {
        Steps steps = compiled.steps();
        if (steps.replicaStep == null) steps.replicaStep = ReplicaStep.of(model);
        if (y.size() != 1 && !compiled.metrics().isEmpty()) {   // before the step: a refused step changes nothing
            throw new InvalidArgumentException("Model \"" + model.name() + "\": compiled metrics need a model of one output;"
                    + " this one has " + y.size());
        }
        MirroredStrategy.StepResult result = strategy.run(steps.replicaStep, x, y);
        updateMetrics(result.loss(), x.get(0), y, result.predictions() == null ? List.of() : List.of(result.predictions()));
        return result.loss();
    }

    private Tensor testStep(List<Tensor> x, List<Tensor> y) {
        if (model.runsEagerly()) return testStepBody(x, y);
        Steps steps = compiled.steps();
        if (steps.test == null) steps.test = traced("test_step", x.size(), y.size(), this::testStepBody);
        return steps.test.call(concat(x, y));
    }

    private Tensor testStepBody(List<Tensor> x, List<Tensor> y) {
        List<Tensor> predictions = model.callAll(x, false);
        Tensor loss = model.computeLoss(y, predictions);
        updateMetrics(loss, x.get(0), y, predictions);
        return loss;
    }

    private Tensor predictStep(List<Tensor> x) {
        if (model.runsEagerly() || compiled == null) return model.callAll(x, false).get(0);
        Steps steps = compiled.steps();
        if (steps.predict == null) {
            steps.predict = TracedFunction.ofList(x.size(), all -> model.callAll(all, false).get(0)).named("predict_step");
        }
        return steps.predict.call(x.toArray(Tensor[]::new));
    }

    private void updateMetrics(Tensor loss, Tensor firstInput, List<Tensor> y, List<Tensor> predictions) {
        // Keras 3 weighs each batch's loss by its size, so the epoch's loss is the mean over examples
        compiled.steps().lossTracker.update(loss, TF.constant((float) firstInput.shape().get(0)));
        if (!compiled.metrics().isEmpty() && predictions.size() != 1) {
            throw new InvalidArgumentException("Model \"" + model.name() + "\": compiled metrics need a model of one "
                    + "output; this one has " + predictions.size());
        }
        for (Metric m : compiled.metrics()) m.update(y.get(0), predictions.get(0));
    }

    // ---- helpers ---------------------------------------------------------------------------

    /**
     * Builds the model and the optimizer's slots eagerly before any step is traced (a subclassed
     * model's layers build on their first call): one eager forward on a single example.
     */
    private void prepare(List<Tensor> sample) {
        Steps steps = compiled == null ? null : compiled.steps();
        if (steps != null && steps.train == null && steps.test == null && steps.replicaStep == null) {
            model.callAll(sample, false);
            compiled.optimizer().build(model.trainableVariables());
        }
    }

    private void resetMetrics() {
        compiled.steps().lossTracker.reset();
        compiled.metrics().forEach(Metric::reset);
    }

    private Map<String, Double> currentLogs() {
        Map<String, Double> logs = new LinkedHashMap<>();
        logs.put("loss", compiled.steps().lossTracker.result().doubleValue());
        for (Metric m : compiled.metrics()) logs.put(m.name(), m.result().doubleValue());
        return logs;
    }

    private static boolean hasBatchHooks(List<Callback> callbacks) {
        for (Callback c : callbacks) {
            try {
                if (c.getClass().getMethod("onTrainBatchEnd", int.class, Map.class).getDeclaringClass() != Callback.class) {
                    return true;
                }
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(e);
            }
        }
        return false;
    }

    private long checkData(List<Tensor> x, List<Tensor> y, String method) {
        long n = checkInputs(x, method);
        if (y == null || y.isEmpty() || y.stream().anyMatch(java.util.Objects::isNull)) {
            throw new InvalidArgumentException(method + ": y is null or empty");
        }
        for (int i = 0; i < y.size(); i++) {
            Tensor t = y.get(i);
            if (t.rank() == 0 || t.shape().get(0) != n) {
                throw new InvalidArgumentException(method + ": x and y must have the same number of examples, got x "
                        + x.get(0).shape() + " (" + n + ") and y" + (y.size() > 1 ? "[" + i + "] " : " ") + t.shape());
            }
        }
        return n;
    }

    private static long checkInputs(List<Tensor> x, String method) {
        if (x == null || x.isEmpty() || x.stream().anyMatch(java.util.Objects::isNull)) {
            throw new InvalidArgumentException(method + ": x is null or empty");
        }
        long n = -1;
        for (Tensor t : x) {
            if (t.rank() == 0) throw new InvalidArgumentException(method + ": x must have a batch axis, got a scalar");
            if (n >= 0 && t.shape().get(0) != n) {
                throw new InvalidArgumentException(method + ": every input must have the same number of examples, got "
                        + x.stream().map(Tensor::shape).toList());
            }
            n = t.shape().get(0);
        }
        if (n == 0) throw new InvalidArgumentException(method + ": x has no examples (shape " + x.get(0).shape() + ")");
        return n;
    }

    private static void requirePositive(int batchSize, String method) {
        if (batchSize <= 0) throw new InvalidArgumentException(method + ": batchSize must be positive, got " + batchSize);
    }

    private static long drawSeed() {
        return TF.randomUniform(new int[0], 0, Long.MAX_VALUE, DType.INT64, null).longValue();
    }

    private static Tensor[] concat(List<Tensor> a, List<Tensor> b) {
        List<Tensor> all = new ArrayList<>(a);
        all.addAll(b);
        return all.toArray(Tensor[]::new);
    }
}
