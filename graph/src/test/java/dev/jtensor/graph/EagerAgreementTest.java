package dev.jtensor.graph;

import static org.junit.jupiter.api.Assertions.*;

import dev.jtensor.DType;
import dev.jtensor.Index;
import dev.jtensor.Shape;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Composed public ops built in a graph on placeholders (with the batch dimension unknown) and run
 * in a session give exactly the eager results: the same primitives run on the same values.
 */
class EagerAgreementTest {

    private static final Tensor X = TF.constant(new float[][] {{0.5f, -1, 2}, {3, 0.25f, -4}});

    private static void agree(String what, Function<Tensor, Tensor> program) {
        float[] eager = program.apply(X).toFloatArray();
        Graph g = new Graph();
        Tensor x, y;
        try (Scope scope = g.asDefault()) {
            x = g.placeholder(X.dtype(), Shape.of(Shape.UNKNOWN, 3), "x");
            y = program.apply(x);
            assertTrue(y.isSymbolic(), what);
        }
        try (Session session = new Session(g)) {
            float[] graph = session.run(y, Map.of(x, X)).toFloatArray();
            assertArrayEquals(eager, graph, what + ": eager " + Arrays.toString(eager) + ", graph " + Arrays.toString(graph));
        }
    }

    @Test
    void composedOpsAgreeWithEager() {
        agree("softmax", TF::softmax);
        agree("logSumExp", x -> TF.reduceLogSumExp(x, new int[] {1}, false));
        agree("mean and variance", x -> TF.reduceMean(x, 0).add(TF.reduceVariance(x, new int[] {0}, false)));
        agree("global mean (the count comes from the run-time shape)", x -> TF.reduceMean(x).reshape(1));
        agree("dense layer", x -> TF.maximum(x.matmul(TF.constant(new float[][] {{1, 2}, {3, 4}, {5, 6}})).add(0.5f), 0));
        agree("clip and where", x -> TF.where(x.greater(0f), TF.clipByValue(x, -1, 1), x.mul(x)));
        agree("transpose and concat", x -> TF.concat(List.of(TF.transpose(x), TF.transpose(x.mul(2f))), 1));
        agree("stack", x -> TF.stack(List.of(x, x.neg()), -1));
        agree("cumsum and reverse", x -> TF.cumsum(x, 1, false, true));
        agree("gather of columns", x -> TF.gather(x, TF.constant(new int[] {2, 0}), 1));
        agree("zerosLike and onesLike", x -> TF.zerosLike(x).add(TF.onesLike(x)).sub(x));
        agree("squared difference", x -> TF.squaredDifference(x, TF.constant(new float[] {1, 2, 3})));
        agree("cast round trip", x -> x.cast(DType.INT32).cast(DType.FLOAT32));
        agree("indexing and slicing", x -> x.get(Index.all(), Index.range(2, 0, -1)).add(x.get(Index.at(0))
                .get(Index.range(1, 3))));
        agree("one-hot of argMax", x -> TF.oneHot(TF.argMax(x, 1), 3).mul(x));
    }
}
