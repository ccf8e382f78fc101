package dev.jtensor.bench;

import static dev.jtensor.TF.*;

import dev.jtensor.Tensor;
import dev.jtensor.Variable;
import dev.jtensor.autodiff.GradientTape;
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
 * One SGD training step of a 784-256-10 ReLU network at batch 64 with softmax cross-entropy, in
 * eager mode with a GradientTape, next to its forward pass alone and its forward pass recorded on
 * a tape (the tape's recording overhead). {@code step - recordedForward} is the backward pass.
 * The update is {@link Variable#applyGradientDescent}, the fused kernel TensorFlow's optimizer uses
 * too. {@code TfJavaTrainingStepBenchmark} (under {@code -Ptfjava}) is the same step in TensorFlow
 * Java's graph mode.
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
    private Variable w1, b1, w2, b2;

    @Setup
    public void setUp() {
        TrainingData data = TrainingData.create();
        images = data.images();
        labels = data.labels();
        w1 = new Variable(data.w1());
        b1 = new Variable(data.b1());
        w2 = new Variable(data.w2());
        b2 = new Variable(data.b2());
    }

    private Tensor loss() {
        Tensor hidden = relu(matmul(images, w1).add(b1));
        Tensor logits = matmul(hidden, w2).add(b2);
        return reduceMean(reduceSum(labels.mul(logSoftmax(logits)), 1).neg());
    }

    @Benchmark
    public Tensor forward() {
        return loss();
    }

    @Benchmark
    public Tensor recordedForward() {
        try (GradientTape tape = new GradientTape()) {
            return loss();
        }
    }

    @Benchmark
    public Tensor step() {
        List<Tensor> grads;
        Tensor loss;
        try (GradientTape tape = new GradientTape()) {
            loss = loss();
            grads = tape.gradient(loss, List.of(w1, b1, w2, b2));
        }
        List<Variable> params = List.of(w1, b1, w2, b2);
        for (int i = 0; i < params.size(); i++) {
            params.get(i).applyGradientDescent(TrainingData.LEARNING_RATE, grads.get(i));
        }
        return loss;
    }
}
