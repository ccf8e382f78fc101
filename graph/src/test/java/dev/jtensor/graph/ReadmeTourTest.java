package dev.jtensor.graph;

import static dev.jtensor.TF.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.jtensor.DType;
import dev.jtensor.Shape;
import dev.jtensor.Tensor;
import dev.jtensor.Variable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's "Graph mode" tour, line for line, with the values its comments promise. */
class ReadmeTourTest {

    @Test
    void theTourComputesWhatItsCommentsSay() {
        Graph g = new Graph();
        Tensor x, f, sum, update, afterUpdate;
        Variable counter;
        try (Scope scope = g.asDefault()) {
            Variable a = new Variable(constant(3f), "a", true);
            Variable b = new Variable(constant(4f), "b", true);
            f = a.mul(a).mul(b).add(b).add(2);
            assertEquals("Tensor(\"add_1:0\", shape=(), dtype=float32)", f.toString());

            x = g.placeholder(DType.FLOAT32, Shape.of(Shape.UNKNOWN, 3), "x");
            try (Scope loss = g.nameScope("loss")) {
                sum = g.withName("total", () -> reduceSum(x.mul(2f)));
            }
            assertEquals("Tensor(\"loss/total:0\", shape=(), dtype=float32)", sum.toString());

            counter = new Variable(constant(0), "counter", false);
            update = g.assignAdd(counter, constant(1));
            try (Scope after = g.controlDependencies(update)) {
                afterUpdate = counter.readValue();
            }
        }
        try (Session session = new Session(g)) {
            session.run(g.globalVariablesInitializer());
            assertEquals("tf.Tensor(42.0, shape=(), dtype=float32)", session.run(f).toString());
            assertEquals(12f, session.run(sum, Map.of(x, new float[][] {{1, 2, 3}})).floatValue());
            List<Tensor> both = session.run(List.of(f, afterUpdate));
            assertEquals(42f, both.get(0).floatValue());
            assertEquals(1, both.get(1).intValue());
            session.runner().addTarget(g.group(update)).fetch(counter).run();
            assertEquals(2, session.run(counter).intValue());
            assertSame(sum, g.tensor("loss/total:0"));
        }
    }

    @Test
    void theTracedFunctionSnippetComputesWhatItSays() {
        Variable w = new Variable(ones(3, 2), "w", true);
        TracedFunction dense = TracedFunction.of(x -> relu(x.matmul(w)));
        Tensor y = dense.call(ones(4, 3));
        assertArrayEquals(new float[] {3, 3, 3, 3, 3, 3, 3, 3}, y.toFloatArray());
        y = dense.call(zeros(4, 3));
        assertArrayEquals(new float[8], y.toFloatArray());
        try (var tape = new dev.jtensor.autodiff.GradientTape()) {
            Tensor loss = reduceSum(dense.call(ones(4, 3)));
            Tensor dw = tape.gradient(loss, w);
            // d/dw of sum(relu(ones(4,3) @ w)) with every unit active: 4 in every entry
            assertArrayEquals(new float[] {4, 4, 4, 4, 4, 4}, dw.toFloatArray());
        }
        assertEquals(1, dense.tracingCount());
    }

    @Test
    void theGradientsTourComputesWhatItsCommentsSay() {
        Graph g = new Graph();
        Tensor x, y, mse, grad;
        Variable theta;
        Operation trainingOp;
        try (Scope scope = g.asDefault()) {
            x = g.placeholder(DType.FLOAT32, Shape.of(Shape.UNKNOWN, 2), "X");
            y = g.placeholder(DType.FLOAT32, Shape.of(Shape.UNKNOWN, 1), "y");
            theta = new Variable(zeros(2, 1), "theta", true);
            mse = g.withName("mse", () -> reduceMean(square(matmul(x, theta).sub(y))));
            grad = Gradients.gradients(mse, theta);
            trainingOp = new MomentumOptimizer(0.1, 0.9).minimize(mse);
        }
        Operation init = g.globalVariablesInitializer();
        try (Session session = new Session(g)) {
            session.run(init);
            Map<Tensor, Object> batch = Map.of(x, new float[][] {{1, 0}, {0, 1}}, y, new float[][] {{1}, {2}});
            assertArrayEquals(new float[] {-1, -2}, session.run(grad, batch).toFloatArray());
            session.run(trainingOp, batch);
            assertArrayEquals(new float[] {0.1f, 0.2f}, session.run(theta).toFloatArray());
        }
    }
}
