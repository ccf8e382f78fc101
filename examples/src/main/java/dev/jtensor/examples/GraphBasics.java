package dev.jtensor.examples;

import static dev.jtensor.TF.*;

import dev.jtensor.DType;
import dev.jtensor.Index;
import dev.jtensor.Shape;
import dev.jtensor.Tensor;
import dev.jtensor.Variable;
import dev.jtensor.graph.GradientDescentOptimizer;
import dev.jtensor.graph.Gradients;
import dev.jtensor.graph.Graph;
import dev.jtensor.graph.Initializer;
import dev.jtensor.graph.MomentumOptimizer;
import dev.jtensor.graph.Operation;
import dev.jtensor.graph.Scope;
import dev.jtensor.graph.Session;
import dev.jtensor.graph.VariableScope;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Seed 001 (Hands-On Machine Learning, chapter 9, "Up and Running with TensorFlow") in graph mode:
 * a first graph and session, node values, linear regression on the diabetes data set by the normal
 * equation and by batch gradient descent (manual gradients, {@link Gradients}, an optimizer,
 * momentum), mini-batch gradient descent through placeholders, name scopes, and a modular ReLU that
 * shares its threshold through {@code getVariable} and variable scopes.
 *
 * <p>Where the book uses the California housing data this uses scikit-learn's diabetes data
 * ({@link Diabetes}: 442 rows, 10 features, standardised, plus a bias column), and theta starts at
 * zero instead of a random draw, so that {@code scripts/fixtures/gen_graph_basics_fixtures.py}
 * can compute the same runs with NumPy for the tests.
 *
 * <p>Run it with {@code ./mvnw -q -pl examples -am compile exec:java -Ddemo=dev.jtensor.examples.GraphBasics}.
 */
public final class GraphBasics {

    /** The learning rate of batch gradient descent. */
    public static final double LEARNING_RATE = 0.01;

    private GraphBasics() {
    }

    /** {@code f = x*x*y + y + 2} with variables x = 3 and y = 4, run in a session: 42. */
    public static int firstGraph() {
        Graph g = new Graph();
        Tensor f;
        try (Scope scope = g.asDefault()) {
            Variable x = new Variable(constant(3), "x", true);
            Variable y = new Variable(constant(4), "y", true);
            f = x.mul(x).mul(y).add(y).add(2);
        }
        try (Session session = new Session(g)) {
            session.run(g.globalVariablesInitializer());
            return session.run(f).intValue();
        }
    }

    /**
     * {@code w = 3; x = w + 2; y = x + 5; z = x * 3}, with y and z fetched in one run, so x is computed
     * once: [10, 15].
     */
    public static int[] severalFetches() {
        Graph g = new Graph();
        Tensor y, z;
        try (Scope scope = g.asDefault()) {
            Tensor w = constant(3);
            Tensor x = w.add(2);
            y = x.add(5);
            z = x.mul(3);
        }
        try (Session session = new Session(g)) {
            List<Tensor> values = session.run(List.of(y, z));
            return new int[] {values.get(0).intValue(), values.get(1).intValue()};
        }
    }

    /** theta = (X^T X)^-1 X^T y, computed in a graph; (11, 1) as a flat array. */
    public static float[] normalEquation(Tensor features, Tensor targets) {
        Graph g = new Graph();
        Tensor theta;
        try (Scope scope = g.asDefault()) {
            Tensor x = g.withName("X", () -> constant(features.toFloatArray(), DType.FLOAT32, features.shape().toArray()));
            Tensor y = g.withName("y", () -> constant(targets.toFloatArray(), DType.FLOAT32, targets.shape().toArray()));
            Tensor xt = transpose(x);
            theta = matmul(matmul(matrixInverse(matmul(xt, x)), xt), y);
        }
        try (Session session = new Session(g)) {
            return session.run(theta).toFloatArray();
        }
    }

    /** How batch gradient descent gets its step. */
    public enum Method {
        /** {@code gradients = 2/m X^T (X theta - y)}, written out, and {@code assign}. */
        MANUAL,
        /** {@code Gradients.gradients(mse, theta)} and {@code assign}. */
        GRADIENTS,
        /** {@code new GradientDescentOptimizer(0.01).minimize(mse)}. */
        OPTIMIZER,
        /** {@code new MomentumOptimizer(0.01, 0.9).minimize(mse)}. */
        MOMENTUM
    }

    /**
     * A training run's numbers.
     *
     * @param checkpoints the MSE every 100 epochs (before epochs 0, 100, ...), or after each epoch for
     *                    mini-batches
     * @param theta       the parameters at the end, (11, 1) flattened
     * @param finalMse    the MSE on all rows at the end
     */
    public record Training(float[] checkpoints, float[] theta, float finalMse) {
    }

    /** Batch gradient descent from theta = 0 for {@code epochs} epochs at {@link #LEARNING_RATE}. */
    public static Training batchGradientDescent(Tensor features, Tensor targets, Method method, int epochs,
                                                boolean verbose) {
        int m = features.shape().get(0), n = features.shape().get(1);
        Graph g = new Graph();
        Tensor mse;
        Variable theta;
        Operation trainingOp;
        try (Scope scope = g.asDefault()) {
            Tensor x = g.withName("X", () -> constant(features.toFloatArray(), DType.FLOAT32, m, n));
            Tensor y = g.withName("y", () -> constant(targets.toFloatArray(), DType.FLOAT32, m, 1));
            theta = new Variable(zeros(n, 1), "theta", true);
            Tensor yPred = g.withName("predictions", () -> matmul(x, theta));
            Tensor error = yPred.sub(y);
            mse = g.withName("mse", () -> reduceMean(square(error)));
            trainingOp = switch (method) {
                case MANUAL -> {
                    Tensor gradients = matmul(transpose(x), error).mul(2.0 / m);
                    yield Operation.of(g.assign(theta, theta.readValue().sub(gradients.mul(LEARNING_RATE))));
                }
                case GRADIENTS -> {
                    Tensor gradients = Gradients.gradients(mse, theta);
                    yield Operation.of(g.assign(theta, theta.readValue().sub(gradients.mul(LEARNING_RATE))));
                }
                case OPTIMIZER -> new GradientDescentOptimizer(LEARNING_RATE).minimize(mse);
                case MOMENTUM -> new MomentumOptimizer(LEARNING_RATE, 0.9).minimize(mse);
            };
        }
        Operation init = g.globalVariablesInitializer();
        List<Float> checkpoints = new ArrayList<>();
        try (Session session = new Session(g)) {
            session.run(init);
            for (int epoch = 0; epoch < epochs; epoch++) {
                if (epoch % 100 == 0) {
                    float value = session.run(mse).floatValue();
                    checkpoints.add(value);
                    if (verbose) System.out.printf("  epoch %4d  MSE = %.3f%n", epoch, value);
                }
                session.run(trainingOp);
            }
            return new Training(toArray(checkpoints), session.run(theta).toFloatArray(), session.run(mse).floatValue());
        }
    }

    /**
     * Mini-batch gradient descent: X and y are placeholders of {@code (None, 11)} and {@code (None, 1)},
     * fed batches of {@code batchSize} consecutive rows in order (the last one shorter), with a
     * {@link GradientDescentOptimizer}; the loss is built in the name scope {@code loss}. The
     * checkpoints are the MSE on all rows after each epoch.
     */
    public static Training miniBatchGradientDescent(Tensor features, Tensor targets, int epochs, int batchSize,
                                                    double learningRate, boolean verbose) {
        int m = features.shape().get(0), n = features.shape().get(1);
        MiniBatchGraph net = miniBatchGraph(n, learningRate);
        float[] checkpoints = new float[epochs];
        try (Session session = new Session(net.graph())) {
            session.run(net.graph().globalVariablesInitializer());
            for (int epoch = 0; epoch < epochs; epoch++) {
                for (int start = 0; start < m; start += batchSize) {
                    Index rows = Index.range(start, Math.min(m, start + batchSize));
                    session.run(net.trainingOp(), Map.of(net.x(), features.get(rows), net.y(), targets.get(rows)));
                }
                checkpoints[epoch] = session.run(net.mse(), Map.of(net.x(), features, net.y(), targets)).floatValue();
                if (verbose) System.out.printf("  epoch %2d  MSE = %.3f%n", epoch, checkpoints[epoch]);
            }
            return new Training(checkpoints, session.run(net.theta()).toFloatArray(), checkpoints[epochs - 1]);
        }
    }

    /** The mini-batch graph's parts: its placeholders, theta, the loss ops and the train op. */
    record MiniBatchGraph(Graph graph, Tensor x, Tensor y, Variable theta, Tensor error, Tensor mse,
                          Operation trainingOp) {
    }

    static MiniBatchGraph miniBatchGraph(int n, double learningRate) {
        Graph g = new Graph();
        try (Scope scope = g.asDefault()) {
            Tensor x = g.placeholder(DType.FLOAT32, Shape.of(Shape.UNKNOWN, n), "X");
            Tensor y = g.placeholder(DType.FLOAT32, Shape.of(Shape.UNKNOWN, 1), "y");
            Variable theta = new Variable(zeros(n, 1), "theta", true);
            Tensor yPred = g.withName("predictions", () -> matmul(x, theta));
            Tensor error, mse;
            try (Scope loss = g.nameScope("loss")) {
                error = yPred.sub(y);                                            // loss/sub
                mse = g.withName("mse", () -> reduceMean(square(error)));        // loss/mse
            }
            Operation trainingOp = new GradientDescentOptimizer(learningRate).minimize(mse);
            return new MiniBatchGraph(g, x, y, theta, error, mse, trainingOp);
        }
    }

    /** The names of the mini-batch graph's loss operations: {@code loss/sub} and {@code loss/mse}. */
    public static List<String> nameScopes() {
        MiniBatchGraph net = miniBatchGraph(11, 0.1);
        return List.of(Operation.of(net.error()).name(), Operation.of(net.mse()).name());
    }

    /**
     * The modular ReLU's results.
     *
     * @param output          the sum of five ReLUs of the fed rows, threshold 0
     * @param raisedThreshold the same after assigning 1 to the one shared threshold
     * @param variables       the graph's variable names
     * @param maxOps          the names of the five {@code max} operations
     */
    public record ModularRelu(float[] output, float[] raisedThreshold, List<String> variables, List<String> maxOps) {
    }

    /**
     * Five ReLUs {@code max(X w + b, threshold)} summed, each built by {@link #relu} in a variable
     * scope {@code relu} that reuses the one threshold {@code relu/threshold}, made first with
     * {@code getVariable} (the book's version, with weights of ones instead of a random draw), run
     * on {@code rows}.
     */
    public static ModularRelu modularRelu(float[][] rows) {
        Graph g = new Graph();
        Tensor x, output;
        List<Tensor> maxes = new ArrayList<>();
        Variable threshold;
        try (Scope scope = g.asDefault()) {
            x = g.placeholder(DType.FLOAT32, Shape.of(Shape.UNKNOWN, rows[0].length), "X");
            try (VariableScope relu = g.variableScope("relu")) {
                threshold = g.getVariable("threshold", Shape.scalar(), DType.FLOAT32, Initializer.constant(0.0));
            }
            for (int i = 0; i < 5; i++) maxes.add(relu(g, x));
            output = g.withName("output", () -> maxes.stream().reduce(Tensor::add).orElseThrow());
        }
        try (Session session = new Session(g)) {
            session.run(g.globalVariablesInitializer());
            float[] before = session.run(output, Map.of(x, rows)).toFloatArray();
            session.run(Operation.of(g.assign(threshold, constant(1f))));
            float[] after = session.run(output, Map.of(x, rows)).toFloatArray();
            return new ModularRelu(before, after, g.variables().stream().map(Variable::name).toList(),
                    maxes.stream().map(t -> Operation.of(t).name()).toList());
        }
    }

    /** One ReLU, sharing {@code relu/threshold}: {@code max(X w + b, threshold)}. */
    static Tensor relu(Graph g, Tensor x) {
        try (VariableScope relu = g.variableScope("relu", true)) {
            Variable threshold = g.getVariable("threshold");
            Variable w = new Variable(ones(x.shape().get(1), 1), "weights", true);
            Variable b = new Variable(constant(0f), "bias", true);
            Tensor z = g.withName("z", () -> matmul(x, w).add(b));
            return g.withName("max", () -> maximum(z, threshold));
        }
    }

    private static float[] toArray(List<Float> values) {
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) out[i] = values.get(i);
        return out;
    }

    public static void main(String[] args) {
        System.out.println("f = x*x*y + y + 2 = " + firstGraph());
        System.out.println("y, z = " + Arrays.toString(severalFetches()));
        Diabetes diabetes = Diabetes.load();
        Tensor features = diabetes.standardizedWithBias(), targets = diabetes.targetColumn();
        System.out.println("Normal equation: theta = " + Arrays.toString(normalEquation(features, targets)));
        for (Method method : Method.values()) {
            System.out.println("Batch gradient descent, " + method + ":");
            Training t = batchGradientDescent(features, targets, method, 1000, true);
            System.out.printf("  final MSE = %.3f%n", t.finalMse());
        }
        System.out.println("Mini-batch gradient descent (batches of 100, learning rate 0.1):");
        miniBatchGradientDescent(features, targets, 20, 100, 0.1, true);
        System.out.println("Name scopes: " + nameScopes());
        ModularRelu relu = modularRelu(new float[][] {{1, 2, 3}, {-1, -2, 0.5f}});
        System.out.println("Modular ReLU: output " + Arrays.toString(relu.output()) + ", with threshold 1 "
                + Arrays.toString(relu.raisedThreshold()));
        System.out.println("  variables " + relu.variables());
        System.out.println("  max ops " + relu.maxOps());
    }
}
