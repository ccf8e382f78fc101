package dev.jtensor.examples;

import static dev.jtensor.TF.*;

import dev.jtensor.DType;
import dev.jtensor.Tensor;
import dev.jtensor.Variable;
import dev.jtensor.autodiff.GradientTape;
import java.util.List;

/**
 * Seed 003's two-layer network, in eager mode: {@code relu(x @ w1) @ w2} fitted to random targets
 * with the L2 (squared Euclidean) loss, gradients from a GradientTape, plain gradient descent.
 *
 * <p>Run it with {@code ./mvnw -q -pl examples -am compile exec:java -Ddemo=dev.jtensor.examples.TwoLayerNetwork}.
 */
public final class TwoLayerNetwork {

    private TwoLayerNetwork() {
    }

    /** Trains for {@code steps} steps on N=64, D=1000, H=100 and returns the loss of each step. */
    public static float[] train(int steps, long seed, boolean verbose) {
        int n = 64, d = 1000, h = 100;
        float learningRate = 1e-5f;
        Tensor x = randomNormal(new int[] {n, d}, 0, 1, DType.FLOAT32, seed);
        Tensor y = randomNormal(new int[] {n, d}, 0, 1, DType.FLOAT32, seed + 1);
        Variable w1 = new Variable(randomNormal(new int[] {d, h}, 0, 1, DType.FLOAT32, seed + 2), "w1", true);
        Variable w2 = new Variable(randomNormal(new int[] {h, d}, 0, 1, DType.FLOAT32, seed + 3), "w2", true);
        float[] losses = new float[steps];
        for (int step = 0; step < steps; step++) {
            Tensor loss;
            List<Tensor> grads;
            try (GradientTape tape = new GradientTape()) {
                Tensor hidden = maximum(matmul(x, w1), 0);
                Tensor diff = matmul(hidden, w2).sub(y);
                loss = reduceMean(reduceSum(diff.square(), 1));
                grads = tape.gradient(loss, List.of(w1, w2));
            }
            w1.assignSub(grads.get(0).mul(learningRate));
            w2.assignSub(grads.get(1).mul(learningRate));
            losses[step] = loss.floatValue();
            if (verbose) {
                System.out.printf("step %2d  loss %.1f%n", step, losses[step]);
            }
        }
        return losses;
    }

    public static void main(String[] args) {
        train(50, 0, true);
    }
}
