package dev.jtensor.nn.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.jtensor.DType;
import dev.jtensor.Shape;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import dev.jtensor.Variable;
import dev.jtensor.graph.Graph;
import dev.jtensor.graph.Session;
import dev.jtensor.graph.TracedFunction;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Metric state: variables, traced updates that run at every call, graph mode, Keras's accuracy choice. */
class MetricStateTest {
    private static final Tensor BIN_TRUE = TF.constant(new float[][] {{1}, {0}, {1}, {0}});
    private static final List<Tensor> BIN_PREDS = List.of(
            TF.constant(new float[][] {{0.9f}, {0.2f}, {0.4f}, {0.7f}}),
            TF.constant(new float[][] {{0.6f}, {0.1f}, {0.8f}, {0.3f}}),
            TF.constant(new float[][] {{0.2f}, {0.9f}, {0.55f}, {0.45f}}));

    static Stream<Arguments> metrics() {
        return Stream.<Supplier<Metric>>of(Accuracy::new, BinaryAccuracy::new, Precision::new, Recall::new, AUC::new,
                () -> Metrics.get("accuracy"), () -> Metrics.get("mse")).map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("metrics")
    void aTracedUpdateCalledThreeTimesAccumulatesLikeThreeEagerUpdates(Supplier<Metric> make) {
        Metric eager = make.get(), traced = make.get();
        for (Tensor p : BIN_PREDS) eager.update(BIN_TRUE, p);
        TracedFunction step = TracedFunction.of((yTrue, yPred) -> {
            traced.update(yTrue, yPred);
            return traced.result();
        });
        Tensor last = null;
        for (Tensor p : BIN_PREDS) last = step.call(BIN_TRUE, p);
        assertEquals(1, step.tracingCount());
        assertEquals(eager.result().floatValue(), traced.result().floatValue(), 1e-7f, traced.name());
        assertEquals(eager.result().floatValue(), last.floatValue(), 1e-7f, "the step's own result");
    }

    @ParameterizedTest
    @MethodSource("metrics")
    void stateIsNonTrainableVariables(Supplier<Metric> make) {
        Metric metric = make.get();
        assertFalse(metric.variables().isEmpty());
        for (Variable v : metric.variables()) assertFalse(v.trainable(), v.name());
        assertEquals(List.of(), metric.trainableVariables());
    }

    @Test
    void aTracedUpdateInAGraphWithAnUnknownBatchRunsAtEveryRun() {
        Mean mean = new Mean("loss");
        TracedFunction step = TracedFunction.of(values -> {
            mean.update(values);
            return mean.result();
        });
        Graph graph = new Graph();
        Tensor values, result;
        try (var scope = graph.asDefault()) {
            values = graph.placeholder(DType.FLOAT32, Shape.unknown(1));
            result = step.call(values);
        }
        try (Session session = new Session(graph)) {
            assertEquals(2f, session.run(result, Map.of(values, TF.constant(new float[] {1, 2, 3}))).floatValue());
            assertEquals(4f, session.run(result, Map.of(values, TF.constant(new float[] {10}))).floatValue());
        }
        assertEquals(4f, mean.result().floatValue(), "the eager variables hold the graph's updates");
    }

    @Test
    void meanAveragesPerSampleAndCountsScalarsOnce() {
        Mean mean = new Mean();
        mean.update(TF.constant(new float[][] {{1, 3}, {5, 7}}));   // per sample 2 and 6
        mean.update(TF.constant(10f));
        assertEquals(6f, mean.result().floatValue());
        assertEquals("mean", mean.name());
    }

    @Test
    void accuracyByNameResolvesAsKerasCompileDoes() {
        Metric binary = Metrics.get("accuracy");
        binary.update(TF.constant(new float[][] {{1}, {0}}), TF.constant(new float[][] {{0.7f}, {0.6f}}));
        assertEquals(0.5f, binary.result().floatValue());
        assertEquals("accuracy", binary.name());

        Tensor probs = TF.constant(new float[][] {{0.1f, 0.9f, 0}, {0.8f, 0.1f, 0.1f}});
        Metric sparse = Metrics.get("acc");
        sparse.update(TF.constant(new int[] {1, 2}), probs);
        assertEquals(0.5f, sparse.result().floatValue());
        assertEquals("accuracy", sparse.name());

        Metric sparseColumn = Metrics.get("accuracy");
        sparseColumn.update(TF.constant(new int[][] {{1}, {0}}), probs);
        assertEquals(1f, sparseColumn.result().floatValue());

        Metric categorical = Metrics.get("accuracy");
        categorical.update(TF.constant(new float[][] {{0, 0, 1}, {1, 0, 0}}), probs);
        assertEquals(0.5f, categorical.result().floatValue());
    }

    @Test
    void resultBeforeAnyUpdateIsZero() {
        for (Metric m : List.of(new Mean(), new Accuracy(), new Precision(), new Recall(), new AUC())) {
            assertEquals(0f, m.result().floatValue(), m.name());
        }
    }

    @Test
    void aucOfASeparableBatchIsOneAndOfTheDocExampleThreeQuarters() {
        AUC auc = new AUC();
        auc.update(TF.constant(new float[] {0, 0, 1, 1}), TF.constant(new float[] {0.1f, 0.4f, 0.35f, 0.8f}));
        assertEquals(0.75f, auc.result().floatValue(), 1e-6f);
        AUC perfect = new AUC("auc", 50);
        perfect.update(TF.constant(new float[] {0, 1, 0, 1}), TF.constant(new float[] {0f, 1f, 0.2f, 0.9f}));
        assertEquals(1f, perfect.result().floatValue(), 1e-6f);
    }
}
