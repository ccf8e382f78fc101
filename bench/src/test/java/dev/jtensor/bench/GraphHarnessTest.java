package dev.jtensor.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtensor.TF;
import dev.jtensor.Tensor;
import org.junit.jupiter.api.Test;

/** The graph-mode benchmarks compute what they claim, checked against hand and plain-Java values. */
class GraphHarnessTest {

    /** chain5 in plain Java float arithmetic, op by op as the tensors round. */
    private static float chain5(float x) {
        return ((x * ElementwiseChain.A + ElementwiseChain.B) * x - ElementwiseChain.C) / ElementwiseChain.D;
    }

    @Test
    void chainsAreTheDocumentedFormula() {
        // ((x * 1.5 + 0.5) * x - 0.25) / 2, by hand: all exact in float32
        assertArrayEquals(new float[] {-0.125f, 0.1875f, 0.875f},
                ElementwiseChain.chain5(TF.constant(new float[] {0, 0.5f, 1})).toFloatArray());
        // chain5(0.875) = (1.8125 * 0.875 - 0.25) / 2
        assertArrayEquals(new float[] {0.66796875f}, ElementwiseChain.ops10(TF.constant(new float[] {1})).toFloatArray());
    }

    @Test
    void theSessionRunsTenOpsOnTheFedMatrix() {
        GraphBenchmark.SmallGraph graph = new GraphBenchmark.SmallGraph();
        graph.open();
        try {
            float[] fed = graph.feed.toFloatArray(), expected = new float[4];
            for (int i = 0; i < 4; i++) expected[i] = chain5(chain5(fed[i]));
            Tensor result = graph.run();
            assertArrayEquals(new int[] {2, 2}, result.shape().toArray());
            assertArrayEquals(expected, result.toFloatArray(), 1e-6f);
            assertEquals(10, graph.graph.operations().stream().filter(op -> op.type().matches("Mul|AddV2|Sub|RealDiv"))
                    .count(), graph.graph.operations().toString());
        } finally {
            graph.close();
        }
    }

    @Test
    void theTracedTrainingStepTrainsLikeTheEagerOne() {
        TrainingStepBenchmark eager = new TrainingStepBenchmark(), traced = new TrainingStepBenchmark();
        eager.setUp();   // also checks one traced step against one eager step from the same weights
        traced.setUp();
        float previous = Float.POSITIVE_INFINITY;
        for (int i = 0; i < 3; i++) {
            float loss = eager.step().floatValue();
            assertEquals(loss, traced.tracedStep().floatValue(), 1e-5f, "step " + i);
            assertTrue(loss < previous, "the loss falls: " + loss + " after " + previous);
            previous = loss;
        }
    }

    @Test
    void theCheckNamesTheFirstDifferingElementAndShapes() {
        Tensor expected = TF.constant(new float[] {1, 2, 3});
        ResultCheck.requireClose("same", expected, TF.constant(new float[] {1, 2, 3.000001f}), 1e-6f);
        var values = assertThrows(IllegalStateException.class,
                () -> ResultCheck.requireClose("chain", expected, TF.constant(new float[] {1, 2.5f, 3}), 1e-6f));
        assertEquals("chain: element 1 is 2.5, the eager result's is 2.0", values.getMessage());
        var nan = assertThrows(IllegalStateException.class,
                () -> ResultCheck.requireClose("chain", expected, TF.constant(new float[] {Float.NaN, 2, 3}), 1e-6f));
        assertEquals("chain: element 0 is NaN, the eager result's is 1.0", nan.getMessage());
        var shape = assertThrows(IllegalStateException.class,
                () -> ResultCheck.requireClose("chain", expected, TF.constant(new float[] {1, 2, 3, 4}), 1e-6f));
        assertEquals("chain: shape (4,), the eager result's is (3,)", shape.getMessage());
    }
}
