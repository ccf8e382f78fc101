package dev.jtensor.examples;

import static org.junit.jupiter.api.Assertions.*;

import dev.jtensor.NumpyFiles;
import dev.jtensor.Tensor;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The graph-mode seed examples give the numbers computed independently: by hand, by NumPy in
 * float64 ({@code scripts/fixtures/gen_graph_basics_fixtures.py} wrote {@code graph_basics.npz}),
 * and for the two-layer network by a plain-Java double-precision forward and backward pass.
 */
class GraphExamplesTest {

    private static Map<String, Tensor> fixture;
    private static Tensor features, targets;

    @BeforeAll
    static void load() throws URISyntaxException {
        fixture = NumpyFiles.loadz(Path.of(GraphExamplesTest.class.getResource("/fixtures/graph_basics.npz").toURI()));
        Diabetes diabetes = Diabetes.load();
        features = diabetes.standardizedWithBias();
        targets = diabetes.targetColumn();
    }

    private static double[] expected(String key) {
        return fixture.get(key).toDoubleArray();
    }

    /** Each value within {@code relative} of NumPy's (or {@code absolute}, for values near zero). */
    private static void close(double[] numpy, float[] jtensor, double relative, double absolute, String what) {
        assertEquals(numpy.length, jtensor.length, what);
        for (int i = 0; i < numpy.length; i++) {
            double tolerance = Math.max(absolute, relative * Math.abs(numpy[i]));
            assertEquals(numpy[i], jtensor[i], tolerance, what + " #" + i);
        }
    }

    @Test
    void firstGraphAndSeveralFetches() {
        assertEquals(42, GraphBasics.firstGraph());
        assertArrayEquals(new int[] {10, 15}, GraphBasics.severalFetches());
    }

    @Test
    void theDataIsDiabetes() {
        assertEquals(List.of(442, 11), List.of(features.shape().get(0), features.shape().get(1)));
        assertEquals(151.0f, targets.toFloatArray()[0]);
        assertEquals(59.0, Diabetes.load().features()[0][0], "the first patient's age");
    }

    @Test
    void normalEquationMatchesNumpy() {
        close(expected("theta_normal"), GraphBasics.normalEquation(features, targets), 1e-4, 1e-2, "theta");
    }

    @Test
    void batchGradientDescentMatchesNumpyEveryWay() {
        for (GraphBasics.Method method : List.of(GraphBasics.Method.MANUAL, GraphBasics.Method.GRADIENTS,
                GraphBasics.Method.OPTIMIZER)) {
            GraphBasics.Training t = GraphBasics.batchGradientDescent(features, targets, method, 1000, false);
            close(expected("gd_mse"), t.checkpoints(), 1e-4, 0, method + " MSE every 100 epochs");
            close(expected("gd_theta"), t.theta(), 1e-3, 1e-2, method + " theta");
            assertEquals(expected("gd_final_mse")[0], t.finalMse(), 1e-4 * 2875.6, method + " final MSE");
        }
    }

    @Test
    void momentumMatchesNumpyAndGetsCloserToTheNormalEquation() {
        GraphBasics.Training t = GraphBasics.batchGradientDescent(features, targets, GraphBasics.Method.MOMENTUM, 1000,
                false);
        close(expected("momentum_mse"), t.checkpoints(), 1e-4, 0, "momentum MSE every 100 epochs");
        close(expected("momentum_theta"), t.theta(), 1e-3, 1e-2, "momentum theta");
        assertEquals(expected("momentum_final_mse")[0], t.finalMse(), 1e-4 * 2860.4);
        double best = expected("mse_normal")[0];
        assertTrue(t.finalMse() < expected("gd_final_mse")[0] && t.finalMse() > best * (1 - 1e-4),
                "between the normal equation's " + best + " and plain gradient descent's: " + t.finalMse());
    }

    @Test
    void miniBatchesThroughPlaceholdersMatchNumpy() {
        GraphBasics.Training t = GraphBasics.miniBatchGradientDescent(features, targets, 20, 100, 0.1, false);
        close(expected("minibatch_epoch_mse"), t.checkpoints(), 1e-4, 0, "MSE after each epoch");
        close(expected("minibatch_theta"), t.theta(), 1e-3, 1e-2, "theta");
    }

    @Test
    void nameScopesAndTheModularRelu() {
        assertEquals(List.of("loss/sub", "loss/mse"), GraphBasics.nameScopes());
        GraphBasics.ModularRelu relu = GraphBasics.modularRelu(new float[][] {{1, 2, 3}, {-1, -2, 0.5f}});
        // each ReLU: max(sum of the row, threshold); five of them
        assertArrayEquals(new float[] {30, 0}, relu.output());
        assertArrayEquals(new float[] {30, 5}, relu.raisedThreshold(), "one threshold, shared by all five");
        assertEquals("relu/threshold", relu.variables().getFirst());
        assertEquals(1 + 5 * 2, relu.variables().size(), "one threshold, and weights and bias per ReLU");
        assertEquals(List.of("relu_1/max", "relu_2/max", "relu_3/max", "relu_4/max", "relu_5/max"), relu.maxOps());
    }

    @Test
    void twoLayerNetworkFollowsAnIndependentDoublePrecisionRun() {
        TwoLayerNetworkGraph.Start start = TwoLayerNetworkGraph.Start.draw(0);
        int steps = 10;
        float[] losses = TwoLayerNetworkGraph.train(start, steps, true, false);
        double[] reference = ReferenceNetwork.losses(start, steps, TwoLayerNetworkGraph.LEARNING_RATE);
        for (int t = 0; t < steps; t++) {
            assertEquals(reference[t], losses[t], 1e-3 * reference[t], "step " + t);
            if (t > 0) assertTrue(losses[t] < losses[t - 1], "loss rose at step " + t);
        }
        assertTrue(losses[steps - 1] < reference[0] / 2, "the loss halves: " + reference[0] + " -> " + losses[steps - 1]);
    }

    @Test
    void withoutTheGroupedUpdatesTheWeightsDoNotChange() {
        TwoLayerNetworkGraph.Start start = TwoLayerNetworkGraph.Start.draw(0);
        float[] losses = TwoLayerNetworkGraph.train(start, 3, false, false);
        assertEquals(losses[0], losses[1]);
        assertEquals(losses[0], losses[2]);
        assertEquals(ReferenceNetwork.losses(start, 1, 0)[0], losses[0], 1e-3 * losses[0]);
    }

    @Test
    void theNetworkFromDenseLayersTrainsInGraphMode() {
        float[] losses = TwoLayerNetworkGraph.trainWithLayers(TwoLayerNetworkGraph.Start.draw(0), 50, 1.0, false);
        for (int t = 1; t < losses.length; t++) {
            assertTrue(losses[t] < losses[t - 1], "loss rose at step " + t + ": " + losses[t - 1] + " -> " + losses[t]);
        }
        assertTrue(losses[49] < 0.8 * losses[0], "loss " + losses[0] + " -> " + losses[49]);
    }
}
