package dev.jtensor.graph;

import static org.junit.jupiter.api.Assertions.*;

import dev.jtensor.DType;
import dev.jtensor.Shape;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import dev.jtensor.autodiff.CustomGradient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A custom gradient on graph tensors: the forward joins the graph, the rule gives the gradient. */
class CustomGradientInGraphTest {

    @Test
    void forwardRunsInTheSessionAndTheRuleGivesTheGradient() {
        Graph g = new Graph();
        Tensor x, y, dx;
        try (Scope scope = g.asDefault()) {
            x = g.placeholder(DType.FLOAT32, Shape.of(Shape.UNKNOWN));
            // softplus with a deliberately distinctive rule: 7 * upstream, not the true sigmoid
            y = CustomGradient.apply(xs -> TF.log(TF.exp(xs.get(0)).add(1)),
                    (upstream, output, xs) -> List.of(upstream.mul(7)), x);
            dx = Gradients.gradients(y.mul(2), x);
        }
        try (Session session = new Session(g)) {
            Map<Tensor, Object> feed = Map.of(x, new float[] {0, 1});
            assertArrayEquals(new float[] {(float) Math.log(2), (float) Math.log(1 + Math.E)},
                    session.run(y, feed).toFloatArray(), 1e-6f);
            assertArrayEquals(new float[] {14, 14}, session.run(dx, feed).toFloatArray());
        }
    }

    @Test
    void insideATracedFunctionUnderATape() {
        TracedFunction f = TracedFunction.of(t -> CustomGradient.apply(xs -> xs.get(0).mul(xs.get(0)),
                (upstream, output, xs) -> List.of(upstream.mul(-1)), t));
        Tensor x = TF.constant(new float[] {3, 4});
        try (var tape = new dev.jtensor.autodiff.GradientTape()) {
            tape.watch(x);
            Tensor y = f.call(x);
            assertArrayEquals(new float[] {9, 16}, y.toFloatArray());
            assertArrayEquals(new float[] {-1, -1}, tape.gradient(TF.reduceSum(y), x).toFloatArray());
        }
    }
}
