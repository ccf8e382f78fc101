package dev.jtensor.nn.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtensor.InvalidArgumentException;
import dev.jtensor.TF;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad input to metrics: each a specific InvalidArgumentException naming the metric. */
class MetricErrorTest {

    @Test
    void unknownNamesListTheKnownOnes() {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> Metrics.get("acuracy"));
        assertTrue(e.getMessage().startsWith("Metrics.get: unknown metric 'acuracy'; known metrics: accuracy, acc, "
                + "binary_accuracy"), e.getMessage());
        assertTrue(e.getMessage().contains("auc") && e.getMessage().contains("mse"), e.getMessage());
    }

    @Test
    void nullsAndBadParametersAreNamed() {
        assertMessage(() -> new Accuracy().update(null, TF.zeros(2)), "Accuracy.update: yTrue is null");
        assertMessage(() -> new AUC().update(TF.zeros(2), null), "AUC.update: yPred is null");
        assertMessage(() -> new Mean().update(null), "Mean.update: values is null");
        assertMessage(() -> new Precision("p", 1.5), "Precision: threshold must be in [0, 1], got 1.5");
        assertMessage(() -> new AUC("auc", 1), "AUC: numThresholds must be > 1, got 1");
        assertMessage(() -> new BinaryAccuracy("b", Double.NaN), "BinaryAccuracy: threshold must be finite, got NaN");
        assertMessage(() -> new Mean().update(TF.zeros(2), TF.zeros(2), TF.zeros(2)),
                "Mean.update: a Mean takes values, not (yTrue, yPred, sampleWeight); call update(values) or "
                        + "update(values, sampleWeight)");
        assertMessage(() -> new Accuracy().update(TF.zeros(2), TF.zeros(2), TF.constant(new boolean[] {true, false})),
                "Accuracy.update: sampleWeight must be numeric, got bool (sampleWeight shape (2,))");
    }

    @Test
    void mismatchedShapesNameTheMetricAndBothShapes() {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> new Accuracy().update(TF.zeros(4, 3), TF.zeros(4, 2)));
        assertTrue(e.getMessage().startsWith("Accuracy.update: cannot compare yTrue shape (4, 3) with yPred shape (4, 2): "),
                e.getMessage());
        assertMessage(() -> new Recall().update(TF.zeros(4, 3), TF.zeros(4, 2)),
                "Recall.update: yTrue and yPred must have the same shape, got yTrue shape (4, 3) and yPred shape (4, 2)");
    }

    private static void assertMessage(Executable call, String message) {
        assertEquals(message, assertThrows(InvalidArgumentException.class, call).getMessage());
    }
}
