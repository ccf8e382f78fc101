package dev.jtensor.bench;

import static dev.jtensor.bench.ResultCheck.requireClose;

import static dev.jtensor.TF.constant;
import static dev.jtensor.TF.tile;

import dev.jtensor.Tensor;
import dev.jtensor.Variable;
import dev.jtensor.autodiff.GradientTape;
import dev.jtensor.graph.TracedFunction;
import dev.jtensor.nn.FitOptions;
import dev.jtensor.nn.Sequential;
import dev.jtensor.nn.callbacks.History;
import dev.jtensor.nn.distribute.MirroredStrategy;
import dev.jtensor.nn.layers.Dense;
import dev.jtensor.nn.layers.InputLayer;
import dev.jtensor.nn.losses.CategoricalCrossentropy;
import dev.jtensor.nn.metrics.Mean;
import dev.jtensor.nn.optimizers.SGD;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One SGD training step of a 784-256-10 ReLU network at batch 64 with softmax cross-entropy
 * ({@link MlpModel}), in eager mode with a GradientTape ({@code step}) and as a traced function of
 * the batch ({@code tracedStep}: the same Java code traced once by {@link TracedFunction}, the
 * variables captured by reference and updated inside every call), next to its forward pass alone
 * and its forward pass recorded on a tape (the tape's recording overhead).
 * {@code step - recordedForward} is the backward pass. {@code TfJavaTrainingStepBenchmark} (under
 * {@code -Ptfjava}) is the same step in TensorFlow Java's graph mode.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 6, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TrainingStepBenchmark {

    private Tensor images;
    private Tensor labels;
    private MlpModel model;
    private TracedFunction tracedStep;
    static final int FIT_STEPS = 16;
    private Sequential keras;
    private Sequential kerasByHand;
    private TracedFunction kerasStep;
    private Tensor fitImages;
    private Tensor fitLabels;
    private final MirroredStrategy oneReplica = new MirroredStrategy(1);
    private final MirroredStrategy twoReplicas = new MirroredStrategy(2);

    @Setup
    public void setUp() {
        TrainingData data = TrainingData.create();
        images = data.images();
        labels = data.labels();
        model = new MlpModel(data);
        tracedStep = TracedFunction.of((x, y) -> model.step(x, y)).named("train_step");
        requireTracedStepMatchesEager(data);
        keras = new Sequential(new InputLayer(TrainingData.INPUTS), new Dense(TrainingData.HIDDEN, "relu"),
                new Dense(TrainingData.CLASSES));
        keras.setWeights(List.of(data.w1(), data.b1(), data.w2(), data.b2()));
        keras.compile(new SGD(TrainingData.LEARNING_RATE), new CategoricalCrossentropy(true));
        fitImages = tile(images, FIT_STEPS, 1);
        fitLabels = tile(labels, FIT_STEPS, 1);
        requireFitMatchesEager(data);
        kerasByHand = new Sequential(new InputLayer(TrainingData.INPUTS), new Dense(TrainingData.HIDDEN, "relu"),
                new Dense(TrainingData.CLASSES));
        kerasByHand.setWeights(List.of(data.w1(), data.b1(), data.w2(), data.b2()));
        SGD sgd = new SGD(TrainingData.LEARNING_RATE);
        CategoricalCrossentropy loss = new CategoricalCrossentropy(true);
        Mean lossTracker = new Mean("loss");
        List<Variable> vars = kerasByHand.trainableVariables();
        sgd.build(vars);
        kerasStep = TracedFunction.of((x, y) -> {
            Tensor value;
            List<Tensor> grads;
            try (GradientTape tape = new GradientTape()) {
                value = loss.call(y, kerasByHand.call(x, true));
                grads = tape.gradient(value, vars);
            }
            sgd.applyGradients(grads, vars);
            lossTracker.update(value, constant((float) TrainingData.BATCH));
            return value;
        }).named("keras_step");
    }

    /** One fit step from the benchmark's weights must give the eager step's loss. */
    private void requireFitMatchesEager(TrainingData data) {
        MlpModel eager = new MlpModel(data);
        Sequential check = new Sequential(new InputLayer(TrainingData.INPUTS), new Dense(TrainingData.HIDDEN, "relu"),
                new Dense(TrainingData.CLASSES));
        check.setWeights(List.of(data.w1(), data.b1(), data.w2(), data.b2()));
        check.compile(new SGD(TrainingData.LEARNING_RATE), new CategoricalCrossentropy(true));
        double fitLoss = check.trainOnBatch(images, labels).get("loss");
        requireClose("fit step: loss", eager.step(images, labels), constant((float) fitLoss), 1e-5f);
        requireClose("fit step: updated kernel", eager.w1.asTensor(), check.variables().get(0).asTensor(), 1e-5f);
    }

    /**
     * Two steps from the same weights, one traced and one eager on a model of its own, must give
     * the same loss and the same updated weights.
     */
    private void requireTracedStepMatchesEager(TrainingData data) {
        MlpModel eager = new MlpModel(data);
        MlpModel traced = new MlpModel(data);
        TracedFunction check = TracedFunction.of((x, y) -> traced.step(x, y));
        requireClose("traced training step: loss", eager.step(images, labels), check.call(images, labels), 1e-5f);
        List<Tensor> expected = eager.values(), actual = traced.values();
        for (int i = 0; i < expected.size(); i++) {
            requireClose("traced training step: updated variable " + i, expected.get(i), actual.get(i), 1e-5f);
        }
    }

    @Benchmark
    public Tensor forward() {
        return model.loss(images, labels);
    }

    @Benchmark
    public Tensor recordedForward() {
        try (GradientTape tape = new GradientTape()) {
            return model.loss(images, labels);
        }
    }

    /** One eager step on a tape. */
    @Benchmark
    public Tensor step() {
        return model.step(images, labels);
    }

    /** The same step as one call of the traced function (traced in the first warm-up call). */
    @Benchmark
    public Tensor tracedStep() {
        return tracedStep.call(images, labels);
    }

    /**
     * The step {@code fit} runs, written out and traced by hand: the Keras model on a tape, its loss,
     * the optimizer's update and the loss tracker's update, for one batch. {@code fitStep} minus this
     * is what fit's loop costs.
     */
    @Benchmark
    public Tensor kerasStep() {
        return kerasStep.call(images, labels);
    }

    /**
     * The same network as a Keras model trained by {@code fit}: one epoch of {@link #FIT_STEPS}
     * batches of 64 (the benchmark's batch repeated, unshuffled, silent), so the time per step adds
     * fit's batching, loss tracking and callbacks to the traced step.
     */
    @Benchmark
    @OperationsPerInvocation(FIT_STEPS)
    public History fitStep() {
        return keras.fit(fitImages, fitLabels, FitOptions.epochs(1).batchSize(TrainingData.BATCH).shuffle(false).verbose(0));
    }

    /**
     * {@link #fitStep} through a {@link MirroredStrategy} of one replica: the strategy's own cost
     * (the replica step's flat vector, the eager update, the metrics outside the trace).
     */
    @Benchmark
    @OperationsPerInvocation(FIT_STEPS)
    public History fitStepOneReplica() {
        return keras.fit(fitImages, fitLabels, FitOptions.epochs(1).batchSize(TrainingData.BATCH).shuffle(false).verbose(0)
                .strategy(oneReplica));
    }

    /** {@link #fitStep} on two replicas (32 examples each, on two threads). */
    @Benchmark
    @OperationsPerInvocation(FIT_STEPS)
    public History fitStepTwoReplicas() {
        return keras.fit(fitImages, fitLabels, FitOptions.epochs(1).batchSize(TrainingData.BATCH).shuffle(false).verbose(0)
                .strategy(twoReplicas));
    }
}
