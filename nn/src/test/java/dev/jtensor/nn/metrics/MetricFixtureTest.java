package dev.jtensor.nn.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jtensor.DType;
import dev.jtensor.Tensor;
import dev.jtensor.nn.Fixtures;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every metric over several updates against the NumPy references of gen_nn_fixtures.py (metrics.npz). */
class MetricFixtureTest {
    private static final Fixtures FIXTURES = Fixtures.load("metrics.npz");

    static Stream<Arguments> cases() {
        Map<String, Supplier<Metric>> cases = new LinkedHashMap<>();
        cases.put("mean", Mean::new);
        cases.put("mean_weighted", Mean::new);
        cases.put("mean_rank2", Mean::new);
        cases.put("accuracy", Accuracy::new);
        cases.put("binary_accuracy", BinaryAccuracy::new);
        cases.put("binary_accuracy_07", () -> new BinaryAccuracy("binary_accuracy", 0.7));
        cases.put("categorical_accuracy", CategoricalAccuracy::new);
        cases.put("sparse_categorical_accuracy", SparseCategoricalAccuracy::new);
        cases.put("precision", Precision::new);
        cases.put("recall", Recall::new);
        cases.put("precision_weighted", Precision::new);
        cases.put("auc", AUC::new);
        cases.put("auc_weighted", AUC::new);
        cases.put("mse_metric", () -> Metrics.get("mse"));
        long inFixture = FIXTURES.arrays().keySet().stream().filter(k -> k.endsWith("__expected")).count();
        assertEquals(inFixture, cases.size(), "every fixture case has a metric here");
        return cases.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void resultAfterSeveralUpdatesMatchesNumpy(String name, Supplier<Metric> make) {
        Metric metric = make.get();
        double expected = FIXTURES.get(name, "expected").doubleValue();
        updateAll(metric, name);
        Tensor result = metric.result();
        assertEquals(DType.FLOAT32, result.dtype());
        assertEquals(0, result.rank());
        assertEquals(expected, result.floatValue(), 2e-6 * Math.max(1, Math.abs(expected)), name);

        metric.reset();
        assertEquals(0f, metric.result().floatValue(), name + " after reset");
        updateAll(metric, name);
        assertEquals(expected, metric.result().floatValue(), 2e-6 * Math.max(1, Math.abs(expected)),
                name + " after reset and the same updates");
    }

    static void updateAll(Metric metric, String name) {
        int updates = FIXTURES.get(name, "updates").intValue();
        for (int i = 0; i < updates; i++) {
            Tensor yTrue = FIXTURES.get(name, "y_true_" + i), yPred = FIXTURES.get(name, "y_pred_" + i);
            Tensor weight = FIXTURES.optional(name, "weight_" + i);
            if (metric instanceof Mean mean) {
                mean.update(yTrue, weight);
            } else {
                metric.update(yTrue, yPred, weight);
            }
        }
    }
}
