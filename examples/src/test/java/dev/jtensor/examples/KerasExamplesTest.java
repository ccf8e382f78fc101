package dev.jtensor.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtensor.nn.callbacks.History;
import dev.jtensor.nn.data.LabeledData;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Keras-style examples: seed 002's classifier with a Dense layer, the two-layer network, the digits. */
class KerasExamplesTest {

    @Test
    void theKerasLinearClassifierSeparatesTheCloudsAsTheEagerOneDoes() {
        History h = KerasLinearClassifier.train(LinearClassifier.twoClouds(1), 40, 0);
        List<Double> losses = h.history().get("loss");
        assertEquals(40, losses.size());
        assertTrue(h.last("loss") < 0.05, "final loss " + h.last("loss"));
        assertTrue(h.last("loss") < losses.get(0) / 10, "loss fell from " + losses.get(0));
        assertTrue(h.last("binary_accuracy") > 0.97, "accuracy " + h.last("binary_accuracy"));
    }

    @Test
    void theTwoLayerNetworkWithLayersFitsItsTargets() {
        List<Double> losses = KerasTwoLayerNetwork.train(50, 0, 0).history().get("loss");
        for (int i = 1; i < losses.size(); i++) {
            assertTrue(losses.get(i) < losses.get(i - 1), "loss rose at epoch " + i + ": " + losses);
        }
        assertTrue(losses.get(49) < 0.85 * losses.get(0), "loss " + losses.get(0) + " -> " + losses.get(49));
    }

    @Test
    void anMlpReachesNinetySevenPercentOnTheDigits() {
        LabeledData.TrainTest data = Digits.data();
        assertEquals(1437, data.train().size());
        assertEquals(360, data.test().size());
        Map<String, Double> scores = Digits.mlp(data, 0);
        assertTrue(scores.get("accuracy") >= 0.97, "MLP test accuracy " + scores);
    }

    @Test
    void aSmallCnnReachesNinetyEightPercentOnTheDigits() {
        Map<String, Double> scores = Digits.cnn(Digits.data(), 0);
        assertTrue(scores.get("accuracy") >= 0.98, "CNN test accuracy " + scores);
    }
}
