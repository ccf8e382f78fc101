package dev.jtensor.bench;

import static dev.jtensor.bench.ResultCheck.requireClose;

import dev.jtensor.Tensor;
import dev.jtensor.autodiff.GradientTape;
import dev.jtensor.graph.TracedFunction;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
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

    @Setup
    public void setUp() {
        TrainingData data = TrainingData.create();
        images = data.images();
        labels = data.labels();
        model = new MlpModel(data);
        tracedStep = TracedFunction.of((x, y) -> model.step(x, y)).named("train_step");
        requireTracedStepMatchesEager(data);
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
}
