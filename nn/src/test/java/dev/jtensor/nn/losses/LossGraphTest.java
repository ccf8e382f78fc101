package dev.jtensor.nn.losses;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jtensor.DType;
import dev.jtensor.Shape;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import dev.jtensor.graph.Graph;
import dev.jtensor.graph.Session;
import dev.jtensor.graph.TracedFunction;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Losses on symbolic tensors: placeholders with an unknown batch dimension, and traced functions. */
class LossGraphTest {
    private static final Tensor Y = TF.constant(new float[][] {{0, 1, 0}, {1, 0, 0}, {0, 0, 1}});
    private static final Tensor P = TF.constant(new float[][] {{0.2f, 0.7f, 0.1f}, {0.5f, 0.3f, 0.2f}, {0.1f, 0.3f, 0.6f}});
    private static final Tensor X = TF.constant(new float[][] {{2, -1, 0.5f}, {-100, 100, 3}, {0, 0.25f, -2}});
    private static final Tensor LABELS = TF.constant(new int[] {1, 0, 2});
    private static final Tensor WEIGHT = TF.constant(new float[] {1, 0.5f, 2});

    record Case(String name, Supplier<Loss> loss, Tensor yTrue, Tensor yPred) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                new Case("mse", MeanSquaredError::new, Y, P),
                new Case("mae", MeanAbsoluteError::new, Y, P),
                new Case("huber", () -> new Huber(0.2), Y, X),
                new Case("bce_probs", BinaryCrossentropy::new, Y, P),
                new Case("bce_logits", () -> new BinaryCrossentropy(true, 0.1), Y, X),
                new Case("cce_probs", () -> new CategoricalCrossentropy(false, 0.1), Y, P),
                new Case("cce_logits", () -> new CategoricalCrossentropy(true), Y, X),
                new Case("scce_logits", () -> new SparseCategoricalCrossentropy(true), LABELS, X),
                new Case("scce_probs", SparseCategoricalCrossentropy::new, LABELS, P),
                new Case("mse_none", () -> new MeanSquaredError(Reduction.NONE), Y, P)
        ).map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void placeholdersWithUnknownBatchGiveTheEagerValue(Case c) {
        Tensor eager = c.loss().get().call(c.yTrue(), c.yPred(), WEIGHT);
        Graph graph = new Graph();
        Tensor value;
        Tensor yTrue, yPred, weight;
        try (var scope = graph.asDefault()) {
            yTrue = graph.placeholder(c.yTrue().dtype(), unknownBatch(c.yTrue().shape()));
            yPred = graph.placeholder(DType.FLOAT32, unknownBatch(c.yPred().shape()));
            weight = graph.placeholder(DType.FLOAT32, Shape.unknown(1));
            value = c.loss().get().call(yTrue, yPred, weight);
        }
        try (Session session = new Session(graph)) {
            Tensor ran = session.run(value, Map.of(yTrue, c.yTrue(), yPred, c.yPred(), weight, WEIGHT));
            assertArrayEquals(eager.shape().toArray(), ran.shape().toArray());
            assertArrayEquals(eager.toFloatArray(), ran.toFloatArray(), 1e-6f, c.name());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void tracedFunctionGivesTheEagerValue(Case c) {
        Loss loss = c.loss().get();
        TracedFunction traced = TracedFunction.of((a, b) -> loss.call(a, b));
        Tensor eager = loss.call(c.yTrue(), c.yPred());
        assertArrayEquals(eager.toFloatArray(), traced.call(c.yTrue(), c.yPred()).toFloatArray(), 1e-6f);
        assertEquals(1, traced.tracingCount());
    }

    private static Shape unknownBatch(Shape shape) {
        int[] dims = shape.toArray();
        dims[0] = Shape.UNKNOWN;
        return Shape.of(dims);
    }
}
