package dev.jtensor.bench;

import static dev.jtensor.TF.*;

import dev.jtensor.DType;
import dev.jtensor.Tensor;
import dev.jtensor.autodiff.GradientTape;
import dev.jtensor.autodiff.Variable;
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
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TrainingStepBenchmark {

    private Tensor images;
    private Tensor labels;
    private Variable w1, b1, w2, b2;

    @Setup
    public void setUp() {
        images = randomUniform(new int[] {64, 784}, 0, 1, DType.FLOAT32, 1L);
        labels = oneHot(randomUniform(new int[] {64}, 0, 10, DType.INT32, 2L), 10);
        w1 = new Variable(randomNormal(new int[] {784, 256}, 0, 0.05, DType.FLOAT32, 3L));
        b1 = new Variable(zeros(256));
        w2 = new Variable(randomNormal(new int[] {256, 10}, 0, 0.05, DType.FLOAT32, 4L));
        b2 = new Variable(zeros(10));
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
            params.get(i).applyGradientDescent(0.01, grads.get(i));
        }
        return loss;
    }
}
