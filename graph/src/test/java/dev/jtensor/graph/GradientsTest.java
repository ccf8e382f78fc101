package dev.jtensor.graph;

import static dev.jtensor.graph.Gradients.gradients;
import static org.junit.jupiter.api.Assertions.*;

import dev.jtensor.DType;
import dev.jtensor.Index;
import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Shape;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import dev.jtensor.Variable;
import dev.jtensor.autodiff.GradientTape;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Symbolic gradients: graph nodes from the tape's rules, checked by hand and against the tape. */
class GradientsTest {

    private static final Tensor X = TF.constant(new float[][] {{0.5f, -1, 2}, {3, 0.25f, -4}});

    @Test
    void seed001sFunctionByHand() {
        Graph g = new Graph();
        Tensor x, y, f;
        List<Tensor> grads;
        int before;
        try (Scope scope = g.asDefault()) {
            x = g.placeholder(DType.FLOAT32, Shape.scalar(), "x");
            y = g.placeholder(DType.FLOAT32, Shape.scalar(), "y");
            f = x.mul(x).mul(y).add(y).add(2);
        }
        before = g.operations().size();
        grads = gradients(List.of(f), List.of(x, y));
        assertTrue(g.operations().size() > before, "gradients add operations");
        assertTrue(g.operations().subList(before, g.operations().size()).stream()
                .allMatch(op -> op.name().startsWith("gradients/")), "under the gradients name scope");
        try (Session session = new Session(g)) {
            List<Tensor> values = session.run(List.of(f, grads.get(0), grads.get(1)), Map.of(x, 3f, y, 4f));
            assertEquals(42f, values.get(0).floatValue());
            assertEquals(24f, values.get(1).floatValue(), "df/dx = 2xy");
            assertEquals(10f, values.get(2).floatValue(), "df/dy = x^2 + 1");
        }
    }

    /** A program's gradient (of the sum of its squares) in a graph on a placeholder, and on a tape. */
    private static void agreeWithTape(String what, Function<Tensor, Tensor> program) {
        Tensor eager;
        try (GradientTape tape = new GradientTape()) {
            tape.watch(X);
            eager = tape.gradient(TF.reduceSum(TF.square(program.apply(X))), X);
        }
        Graph g = new Graph();
        Tensor x, grad;
        try (Scope scope = g.asDefault()) {
            x = g.placeholder(X.dtype(), Shape.of(Shape.UNKNOWN, 3), "x");
            grad = gradients(TF.reduceSum(TF.square(program.apply(x))), x);
        }
        assertTrue(grad.isSymbolic(), what);
        try (Session session = new Session(g)) {
            float[] graph = session.run(grad, Map.of(x, X)).toFloatArray();
            float[] tape = eager.toFloatArray();
            assertArrayEquals(tape, graph, 1e-5f, what + ": tape " + Arrays.toString(tape) + ", graph "
                    + Arrays.toString(graph));
        }
    }

    @Test
    void agreeWithTheTapeOnComposedOps() {
        agreeWithTape("softmax", TF::softmax);
        agreeWithTape("logSumExp", x -> TF.reduceLogSumExp(x, new int[] {1}, false));
        agreeWithTape("mean and variance", x -> TF.reduceMean(x, 0).add(TF.reduceVariance(x, new int[] {0}, false)));
        agreeWithTape("global mean over an unknown batch", x -> TF.reduceMean(x).reshape(1));
        agreeWithTape("dense layer", x -> TF.maximum(x.matmul(TF.constant(new float[][] {{1, 2}, {3, 4}, {5, 6}}))
                .add(0.5f), 0));
        agreeWithTape("tanh, sigmoid, exp", x -> TF.tanh(x).mul(TF.sigmoid(x)).add(TF.exp(x.mul(0.1f))));
        agreeWithTape("broadcast row", x -> x.mul(TF.constant(new float[] {1, 2, 3})).div(x.square().add(1f)));
        agreeWithTape("clip and where", x -> TF.where(x.greater(0f), TF.clipByValue(x, -1, 1), x.mul(x)));
        // along a known axis: splitting the gradient along an unknown dimension is an error (split needs known axes)
        agreeWithTape("transpose and concat", x -> TF.concat(List.of(TF.transpose(x), TF.transpose(x.mul(2f))), 0));
        agreeWithTape("stack", x -> TF.stack(List.of(x, x.neg()), -1));
        agreeWithTape("cumsum", x -> TF.cumsum(x, 1, false, true));
        agreeWithTape("gather of columns", x -> TF.gather(x, TF.constant(new int[] {2, 0}), 1));
        agreeWithTape("squared difference", x -> TF.squaredDifference(x, TF.constant(new float[] {1, 2, 3})));
        agreeWithTape("slicing", x -> x.get(Index.all(), Index.range(2, 0, -1)).add(x.get(Index.all(),
                Index.range(1, 3))));
        agreeWithTape("reduce max", x -> TF.reduceMax(x, 1).mul(x.get(Index.all(), Index.at(1))));
    }

    @Test
    void secondOrderGradientsOfGradients() {
        Graph g = new Graph();
        Tensor x, first, second, third;
        try (Scope scope = g.asDefault()) {
            x = g.placeholder(DType.FLOAT64, Shape.scalar(), "x");
            Tensor y = x.mul(x).mul(x).add(TF.sin(x));           // x^3 + sin x
            first = gradients(y, x);                             // 3x^2 + cos x
            second = gradients(first, x);                        // 6x - sin x
            third = gradients(second, x);                        // 6 - cos x
        }
        try (Session session = new Session(g)) {
            List<Tensor> v = session.run(List.of(first, second, third), Map.of(x, 2.0));
            assertEquals(12 + Math.cos(2), v.get(0).doubleValue(), 1e-12);
            assertEquals(12 - Math.sin(2), v.get(1).doubleValue(), 1e-12);
            assertEquals(6 - Math.cos(2), v.get(2).doubleValue(), 1e-12);
        }
    }

    @Test
    void secondOrderAgreesWithNestedTapes() {
        Variable t = new Variable(TF.constant(new float[] {0.5f, -1.5f}));
        Tensor eager;
        try (GradientTape outer = new GradientTape()) {
            Tensor speed;
            try (GradientTape inner = new GradientTape()) {
                speed = inner.gradient(TF.reduceSum(TF.tanh(t.mul(t))), t);
            }
            eager = outer.gradient(TF.reduceSum(speed), t);
        }
        Graph g = new Graph();
        Tensor x, secondOrder;
        try (Scope scope = g.asDefault()) {
            x = g.placeholder(DType.FLOAT32, Shape.of(2), "x");
            Tensor speed = gradients(TF.reduceSum(TF.tanh(x.mul(x))), x);
            secondOrder = gradients(TF.reduceSum(speed), x);
        }
        try (Session session = new Session(g)) {
            assertArrayEquals(eager.toFloatArray(),
                    session.run(secondOrder, Map.of(x, new float[] {0.5f, -1.5f})).toFloatArray(), 1e-6f);
        }
    }

    @Test
    void variablesGetTheSumOverTheirReads() {
        Graph g = new Graph();
        Variable w;
        Tensor y, grad;
        try (Scope scope = g.asDefault()) {
            w = new Variable(TF.constant(new float[] {1, -2}), "w", true);
            y = TF.reduceSum(w.mul(w).add(w.readValue().mul(3f)));   // three reads of w
            grad = gradients(y, w);                                   // 2w + 3
        }
        try (Session session = new Session(g)) {
            session.run(g.globalVariablesInitializer());
            assertArrayEquals(new float[] {5, -1}, session.run(grad).toFloatArray());
            session.run(g.assign(w, TF.constant(new float[] {0, 10})));
            assertArrayEquals(new float[] {3, 23}, session.run(grad).toFloatArray(), "computed from the current value");
        }
    }

    @Test
    void stopGradientBlocksTheFlowAndUnconnectedGivesNull() {
        Graph g = new Graph();
        Tensor x, z, partly, blocked;
        List<Tensor> grads;
        try (Scope scope = g.asDefault()) {
            x = g.placeholder(DType.FLOAT32, Shape.scalar(), "x");
            z = g.placeholder(DType.FLOAT32, Shape.scalar(), "z");
            Tensor i = g.placeholder(DType.INT32, Shape.scalar(), "i");
            partly = gradients(x.mul(TF.stopGradient(x)), x);           // x, not 2x
            blocked = gradients(TF.stopGradient(x).mul(2f), x);
            grads = gradients(List.of(x.mul(3f)), List.of(x, z, i));
        }
        assertNull(blocked, "only through stopGradient: unconnected");
        assertNull(grads.get(1), "z is not used");
        assertNull(grads.get(2), "integers have no gradient");
        try (Session session = new Session(g)) {
            assertEquals(5f, session.run(partly, Map.of(x, 5f)).floatValue());
            assertEquals(3f, session.run(grads.get(0)).floatValue());
        }
    }

    @Test
    void severalYsAreSummedAndGradYsWeighThem() {
        Graph g = new Graph();
        Tensor x, summed, weighted, itself;
        try (Scope scope = g.asDefault()) {
            x = g.placeholder(DType.FLOAT32, Shape.of(2), "x");
            Tensor a = x.mul(2f), b = x.mul(x);
            summed = gradients(List.of(a, b), List.of(x)).getFirst();                    // 2 + 2x
            weighted = gradients(List.of(a, b), List.of(x), Arrays.asList(TF.constant(new float[] {10, 100}), null))
                    .getFirst();                                                          // 2 gy + 2x
            itself = gradients(List.of(x), List.of(x), List.of(TF.constant(new float[] {7, 8}))).getFirst();
        }
        try (Session session = new Session(g)) {
            Map<Tensor, Object> feed = Map.of(x, new float[] {1, 3});
            assertArrayEquals(new float[] {4, 8}, session.run(summed, feed).toFloatArray());
            assertArrayEquals(new float[] {22, 206}, session.run(weighted, feed).toFloatArray());
            assertArrayEquals(new float[] {7, 8}, session.run(itself).toFloatArray(), "dx/dx is the seed");
        }
    }

    @Test
    void misuseIsAClearError() {
        Graph g = new Graph(), other = new Graph();
        Tensor x, y, elsewhere;
        try (Scope scope = g.asDefault()) {
            x = g.placeholder(DType.FLOAT32, Shape.of(2), "x");
            y = x.mul(2f);
        }
        try (Scope scope = other.asDefault()) {
            elsewhere = other.placeholder(DType.FLOAT32, Shape.of(2), "x");
        }
        Tensor eager = TF.constant(1f);
        assertTrue(assertThrows(InvalidArgumentException.class, () -> gradients(eager, eager)).getMessage()
                .contains("GradientTape"));
        assertTrue(assertThrows(InvalidArgumentException.class, () -> gradients(y, elsewhere)).getMessage()
                .contains("is not a tensor of " + g));
        assertEquals("Gradients.gradients: Passed 2 grad_ys for 1 ys", assertThrows(InvalidArgumentException.class,
                () -> gradients(List.of(y), List.of(x), List.of(x, x))).getMessage());
        assertTrue(assertThrows(InvalidArgumentException.class,
                () -> gradients(List.of(y), List.of(x), List.of(TF.constant(new float[] {1, 2, 3})))).getMessage()
                .contains("does not match y"));
        assertThrows(InvalidArgumentException.class, () -> gradients(List.of(), List.of(x)));
    }

    @Test
    void slicingPartOfAnUnknownDimensionIsAClearErrorWhenDifferentiated() {
        Graph g = new Graph();
        try (Scope scope = g.asDefault()) {
            Tensor x = g.placeholder(DType.FLOAT32, Shape.of(Shape.UNKNOWN, 3), "x");
            Tensor firstRow = x.get(Index.at(0));
            String message = assertThrows(InvalidArgumentException.class, () -> gradients(TF.reduceSum(firstRow), x))
                    .getMessage();
            assertTrue(message.contains("axis 0, whose size is unknown in shape (None, 3)"), message);
            assertTrue(message.endsWith("[Op:StridedSlice]"), message);
        }
    }
}
