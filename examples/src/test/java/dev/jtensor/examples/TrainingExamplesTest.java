package dev.jtensor.examples;

import static org.junit.jupiter.api.Assertions.*;

import dev.jtensor.Shape;
import org.junit.jupiter.api.Test;

/** The training examples converge as the seeds' runs do. */
class TrainingExamplesTest {

    @Test
    void linearClassifierSeparatesTheTwoClouds() {
        LinearClassifier.Data data = LinearClassifier.twoClouds(1);
        assertEquals(Shape.of(2000, 2), data.inputs().shape());
        double[] means = TF_mean(data);
        assertEquals(0, means[0], 0.1);
        assertEquals(3, means[1], 0.1);
        LinearClassifier.Result r = LinearClassifier.train(data, 40, 0.1f, 1, false);
        assertTrue(r.losses()[39] < 0.05, "final loss " + r.losses()[39]);
        assertTrue(r.losses()[39] < r.losses()[0] / 10, "loss fell from " + r.losses()[0]);
        assertTrue(r.accuracy() > 0.97, "accuracy " + r.accuracy());
    }

    /** Mean of the first cloud's coordinates. */
    private static double[] TF_mean(LinearClassifier.Data data) {
        float[] xs = data.inputs().toFloatArray();
        double mx = 0, my = 0;
        for (int i = 0; i < 1000; i++) {
            mx += xs[2 * i] / 1000.0;
            my += xs[2 * i + 1] / 1000.0;
        }
        return new double[] {mx, my};
    }

    @Test
    void twoLayerNetworkLossFalls() {
        float[] losses = TwoLayerNetwork.train(10, 0, false);
        for (int i = 1; i < losses.length; i++) {
            assertTrue(losses[i] < losses[i - 1], "loss rose at step " + i + ": " + losses[i - 1] + " -> " + losses[i]);
        }
        assertTrue(losses[9] < losses[0] / 2, "loss " + losses[0] + " -> " + losses[9]);
    }
}
