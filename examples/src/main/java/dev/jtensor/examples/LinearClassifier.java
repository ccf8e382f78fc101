package dev.jtensor.examples;

import static dev.jtensor.TF.*;

import dev.jtensor.DType;
import dev.jtensor.Tensor;
import dev.jtensor.Variable;
import dev.jtensor.autodiff.GradientTape;
import java.nio.file.Path;
import java.util.List;

/**
 * Seed 002's linear classifier: two Gaussian clouds of 1000 points (means (0, 3) and (3, 0),
 * covariance [[1, 0.5], [0.5, 1]]) labelled 0 and 1, a linear model {@code x @ W + b}, square loss,
 * 40 steps of gradient descent with learning rate 0.1 computed by a GradientTape, and the scatter
 * plot of the clouds with the decision boundary ({@link #plot}).
 *
 * <p>Run it with {@code ./mvnw -q -pl examples -am compile exec:java -Ddemo=dev.jtensor.examples.LinearClassifier}.
 */
public final class LinearClassifier {

    /** Points {@code (2000, 2)} and labels {@code (2000, 1)}. */
    public record Data(Tensor inputs, Tensor targets) {
    }

    /** The trained model and its history. */
    public record Result(Variable w, Variable b, float[] losses, double accuracy) {
    }

    private LinearClassifier() {
    }

    /** The two clouds, repeatable for a seed. */
    public static Data twoClouds(long seed) {
        Tensor negative = multivariateNormal(1000, constant(new float[] {0, 3}), seed);
        Tensor positive = multivariateNormal(1000, constant(new float[] {3, 0}), seed + 1);
        Tensor inputs = concat(List.of(negative, positive), 0);
        Tensor targets = concat(List.of(zeros(1000, 1), ones(1000, 1)), 0);
        return new Data(inputs, targets);
    }

    /** {@code n} samples with covariance [[1, 0.5], [0.5, 1]]: standard normals times its Cholesky factor. */
    private static Tensor multivariateNormal(int n, Tensor mean, long seed) {
        Tensor cholesky = constant(new float[][] {{1, 0}, {0.5f, (float) Math.sqrt(0.75)}});
        Tensor z = randomNormal(new int[] {n, 2}, 0, 1, DType.FLOAT32, seed);
        return matmul(z, cholesky, false, true).add(mean);
    }

    /** Trains for {@code steps} steps, printing the loss of each if {@code verbose}. */
    public static Result train(Data data, int steps, float learningRate, long seed, boolean verbose) {
        Variable w = new Variable(randomUniform(new int[] {2, 1}, 0, 1, DType.FLOAT32, seed), "W", true);
        Variable b = new Variable(zeros(1), "b", true);
        float[] losses = new float[steps];
        for (int step = 0; step < steps; step++) {
            List<Tensor> grads;
            Tensor loss;
            try (GradientTape tape = new GradientTape()) {
                Tensor predictions = matmul(data.inputs(), w).add(b);
                loss = reduceMean(square(data.targets().sub(predictions)));
                grads = tape.gradient(loss, List.of(w, b));
            }
            w.assignSub(grads.get(0).mul(learningRate));
            b.assignSub(grads.get(1).mul(learningRate));
            losses[step] = loss.floatValue();
            if (verbose) {
                System.out.printf("Loss at step %d: %.4f%n", step, losses[step]);
            }
        }
        Tensor predicted = matmul(data.inputs(), w).add(b).greater(0.5);
        Tensor correct = cast(equal(cast(predicted, DType.FLOAT32), data.targets()), DType.FLOAT32);
        return new Result(w, b, losses, reduceMean(correct).floatValue());
    }

    /** The clouds and the trained model's decision boundary as a PNG scatter plot. */
    public static Path plot(Data data, Result r, Path png) {
        float[] w = r.w().asTensor().toFloatArray();
        return Plots.classifier(data.inputs(), data.targets(), new double[] {w[0], w[1]}, r.b().asTensor().floatValue(),
                0.5, png);
    }

    public static void main(String[] args) {
        Data data = twoClouds(1);
        Result r = train(data, 40, 0.1f, 1, true);
        System.out.printf("accuracy: %.4f%n", r.accuracy());
        System.out.println("W = " + r.w());
        System.out.println("b = " + r.b());
        System.out.println("scatter plot: " + plot(data, r, Path.of("target/plots/linear_classifier.png")));
    }
}
