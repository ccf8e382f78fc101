package dev.jtensor.examples;

import static dev.jtensor.TF.*;

import dev.jtensor.DType;
import dev.jtensor.Shape;
import dev.jtensor.Tensor;
import dev.jtensor.Variable;
import dev.jtensor.graph.Gradients;
import dev.jtensor.graph.GradientDescentOptimizer;
import dev.jtensor.graph.Graph;
import dev.jtensor.graph.Operation;
import dev.jtensor.graph.Scope;
import dev.jtensor.graph.Session;
import dev.jtensor.nn.initializers.Initializers;
import dev.jtensor.nn.layers.Dense;
import dev.jtensor.nn.losses.MeanSquaredError;
import java.util.List;
import java.util.Map;

/**
 * Seed 003's two-layer network (cs231n lecture 8) in TensorFlow 1's graph mode: placeholders for x
 * and y, variables w1 and w2, {@code relu(x @ w1) @ w2} with the L2 loss, gradients from
 * {@link Gradients}, updates as assign operations {@link Graph#group grouped} into one operation
 * that each run fetches with the loss. It also shows the lecture's pitfall: fetching only the loss
 * runs no update, so the weights never change.
 *
 * <p>Run it with {@code ./mvnw -q -pl examples -am compile exec:java -Ddemo=dev.jtensor.examples.TwoLayerNetworkGraph}.
 */
public final class TwoLayerNetworkGraph {

    /** N, D, H: the batch size, the input and output width, the hidden width. */
    public static final int N = 64, D = 1000, H = 100;
    /** The learning rate. */
    public static final float LEARNING_RATE = 1e-5f;

    private TwoLayerNetworkGraph() {
    }

    /**
     * The values the network starts from: x and y, fed each step, and the initial weights, all drawn
     * eagerly from {@code seed}.
     */
    public record Start(Tensor x, Tensor y, Tensor w1, Tensor w2) {
        public static Start draw(long seed) {
            return new Start(randomNormal(new int[] {N, D}, 0, 1, DType.FLOAT32, seed),
                    randomNormal(new int[] {N, D}, 0, 1, DType.FLOAT32, seed + 1),
                    randomNormal(new int[] {D, H}, 0, 1, DType.FLOAT32, seed + 2),
                    randomNormal(new int[] {H, D}, 0, 1, DType.FLOAT32, seed + 3));
        }
    }

    /**
     * Runs {@code steps} steps from {@code start} and gives the loss of each (computed before that
     * step's update). With {@code fetchUpdates} false each run fetches only the loss, the pitfall.
     */
    public static float[] train(Start start, int steps, boolean fetchUpdates, boolean verbose) {
        Graph g = new Graph();
        Tensor x, y, loss;
        Operation updates;
        try (Scope scope = g.asDefault()) {
            x = g.placeholder(DType.FLOAT32, Shape.of(N, D), "x");
            y = g.placeholder(DType.FLOAT32, Shape.of(N, D), "y");
            Variable w1 = new Variable(start.w1(), "w1", true);
            Variable w2 = new Variable(start.w2(), "w2", true);
            Tensor h = maximum(matmul(x, w1), 0);
            Tensor yPred = matmul(h, w2);
            Tensor diff = yPred.sub(y);
            loss = reduceMean(reduceSum(diff.square(), 1));
            List<Tensor> grads = Gradients.gradients(List.of(loss), List.of(w1, w2));
            Tensor newW1 = g.assign(w1, w1.readValue().sub(grads.get(0).mul(LEARNING_RATE)));
            Tensor newW2 = g.assign(w2, w2.readValue().sub(grads.get(1).mul(LEARNING_RATE)));
            updates = g.group(newW1, newW2);
        }
        float[] losses = new float[steps];
        try (Session session = new Session(g)) {
            session.run(g.globalVariablesInitializer());
            Map<Tensor, Object> values = Map.of(x, start.x(), y, start.y());
            for (int t = 0; t < steps; t++) {
                Tensor lossValue = fetchUpdates
                        ? session.runner().feed(x, start.x()).feed(y, start.y()).fetch(loss).addTarget(updates).run()
                                .getFirst()
                        : session.run(loss, values);
                losses[t] = lossValue.floatValue();
                if (verbose) System.out.printf("step %2d  loss %.1f%n", t, losses[t]);
            }
        }
        return losses;
    }

    /**
     * The lecture's last version: the same network from Dense layers (Xavier-initialised, as
     * {@code tf.layers.dense}), the built-in mean squared error and {@code GradientDescentOptimizer}'s
     * {@code minimize}, still in graph mode: the layers' weights are the graph's variables. Gives the
     * loss before each of {@code steps} steps.
     */
    public static float[] trainWithLayers(Start start, int steps, double learningRate, boolean verbose) {
        Graph g = new Graph();
        Tensor x, y, loss;
        Operation train;
        try (Scope scope = g.asDefault()) {
            x = g.placeholder(DType.FLOAT32, Shape.of(N, D), "x");
            y = g.placeholder(DType.FLOAT32, Shape.of(N, D), "y");
            Tensor h = new Dense(H, "relu").kernelInitializer(Initializers.glorotUniform(1)).call(x);
            Tensor yPred = new Dense(D).kernelInitializer(Initializers.glorotUniform(2)).call(h);
            loss = new MeanSquaredError().call(y, yPred);
            train = new GradientDescentOptimizer(learningRate).minimize(loss);
        }
        float[] losses = new float[steps];
        try (Session session = new Session(g)) {
            session.run(g.globalVariablesInitializer());
            for (int t = 0; t < steps; t++) {
                losses[t] = session.runner().feed(x, start.x()).feed(y, start.y()).fetch(loss).addTarget(train).run()
                        .getFirst().floatValue();
                if (verbose) System.out.printf("step %2d  loss %.4f%n", t, losses[t]);
            }
        }
        return losses;
    }

    public static void main(String[] args) {
        Start start = Start.draw(0);
        System.out.println("With the updates grouped and run each step:");
        train(start, 50, true, true);
        System.out.println("Fetching only the loss (the pitfall: no update runs):");
        train(start, 3, false, true);
        System.out.println("With Dense layers, the mean squared error and GradientDescentOptimizer:");
        trainWithLayers(start, 50, 1.0, true);
    }
}
