package dev.jtensor.graph;

import static org.junit.jupiter.api.Assertions.*;

import dev.jtensor.DType;
import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Shape;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import dev.jtensor.Variable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Graph-mode optimizers: train operations whose steps are checked by hand. */
class OptimizerTest {

    /** loss = sum((w * x - 3)^2) over a vector w, fed x: dloss/dw = 2 x (w x - 3). */
    private record Problem(Graph graph, Tensor x, Variable w, Variable unused, Tensor loss) {
        static Problem make() {
            Graph g = new Graph();
            try (Scope scope = g.asDefault()) {
                Tensor x = g.placeholder(DType.FLOAT64, Shape.of(2), "x");
                Variable w = new Variable(TF.constant(new double[] {1, -1}), "w", true);
                Variable unused = new Variable(TF.constant(5.0), "unused", true);
                Tensor loss = TF.reduceSum(TF.square(w.mul(x).sub(3.0)));
                return new Problem(g, x, w, unused, loss);
            }
        }
    }

    @Test
    void oneGradientDescentStepByHand() {
        Problem p = Problem.make();
        Operation step;
        try (Scope scope = p.graph().asDefault()) {
            step = new GradientDescentOptimizer(0.1).minimize(p.loss());
        }
        assertEquals("GradientDescent", step.name());
        assertEquals("NoOp", step.type());
        assertTrue(p.graph().operations().stream().anyMatch(op -> op.name().startsWith("GradientDescent/update_w/")
                && op.type().equals("ResourceApplyGradientDescent")));
        try (Session session = new Session(p.graph())) {
            session.run(p.graph().globalVariablesInitializer());
            session.run(step, Map.of(p.x(), new double[] {2, 0.5}));
            // grad = 2 x (w x - 3) = [2*2*(2-3), 2*0.5*(-0.5-3)] = [-4, -3.5]; w - 0.1 grad
            assertArrayEquals(new double[] {1.4, -0.65}, session.run(p.w()).toDoubleArray(), 1e-15);
            assertEquals(5.0, session.run(p.unused()).doubleValue(), "a variable the loss ignores is left alone");
        }
    }

    @Test
    void momentumStepsByHand() {
        Problem p = Problem.make();
        MomentumOptimizer optimizer = new MomentumOptimizer(0.1, 0.9);
        Operation step = optimizer.minimize(p.loss(), List.of(p.w()));
        Variable accumulator = optimizer.getSlot(p.w(), "momentum");
        assertEquals("w/Momentum", accumulator.name());
        assertFalse(accumulator.trainable());
        assertNull(optimizer.getSlot(p.unused(), "momentum"), "only the variables of varList get slots");
        double[] w = {1, -1}, accum = {0, 0}, x = {2, 0.5};
        try (Session session = new Session(p.graph())) {
            session.run(p.graph().globalVariablesInitializer());
            for (int s = 0; s < 3; s++) {
                session.run(step, Map.of(p.x(), x));
                for (int i = 0; i < 2; i++) {                   // TF1: accum = m accum + g; w -= lr accum
                    double grad = 2 * x[i] * (w[i] * x[i] - 3);
                    accum[i] = 0.9 * accum[i] + grad;
                    w[i] -= 0.1 * accum[i];
                }
                assertArrayEquals(w, session.run(p.w()).toDoubleArray(), 1e-12, "step " + s);
                assertArrayEquals(accum, session.run(accumulator).toDoubleArray(), 1e-12, "step " + s);
            }
        }
        // the first steps written out: grad [-4, -3.5] -> accum [-4, -3.5], w [1.4, -0.65]
        assertArrayEquals(new double[] {1.4, -0.65}, firstStep(new MomentumOptimizer(0.1, 0.9)), 1e-15);
    }

    @Test
    void nesterovMomentumStepsByHand() {
        Problem p = Problem.make();
        Operation step = new MomentumOptimizer(0.1, 0.9, true).minimize(p.loss());
        double[] w = {1, -1}, accum = {0, 0}, x = {2, 0.5};
        try (Session session = new Session(p.graph())) {
            session.run(p.graph().globalVariablesInitializer());
            for (int s = 0; s < 3; s++) {
                session.run(step, Map.of(p.x(), x));
                for (int i = 0; i < 2; i++) {                   // w -= lr g + lr m accum (the new accum)
                    double grad = 2 * x[i] * (w[i] * x[i] - 3);
                    accum[i] = 0.9 * accum[i] + grad;
                    w[i] -= 0.1 * grad + 0.1 * 0.9 * accum[i];
                }
                assertArrayEquals(w, session.run(p.w()).toDoubleArray(), 1e-12, "step " + s);
            }
        }
    }

    private static double[] firstStep(MomentumOptimizer optimizer) {
        Problem p = Problem.make();
        Operation step = optimizer.minimize(p.loss());
        try (Session session = new Session(p.graph())) {
            session.run(p.graph().globalVariablesInitializer());
            session.run(step, Map.of(p.x(), new double[] {2, 0.5}));
            return session.run(p.w()).toDoubleArray();
        }
    }

    @Test
    void computeAndApplyGradientsSplit() {
        Problem p = Problem.make();
        GradientDescentOptimizer optimizer = new GradientDescentOptimizer(0.1);
        List<GradientAndVariable> pairs = optimizer.computeGradients(p.loss());
        assertEquals(List.of(p.w(), p.unused()), pairs.stream().map(GradientAndVariable::variable).toList());
        assertNull(pairs.get(1).gradient(), "the loss does not depend on unused");
        Operation step;
        try (Scope scope = p.graph().asDefault()) {
            List<GradientAndVariable> halved = List.of(new GradientAndVariable(pairs.get(0).gradient().mul(0.5),
                    p.w()));
            step = optimizer.applyGradients(halved);
        }
        try (Session session = new Session(p.graph())) {
            session.run(p.graph().globalVariablesInitializer());
            session.run(step, Map.of(p.x(), new double[] {2, 0.5}));
            assertArrayEquals(new double[] {1.2, -0.825}, session.run(p.w()).toDoubleArray(), 1e-15);
        }
    }

    @Test
    void misuseIsAClearError() {
        Problem p = Problem.make();
        GradientDescentOptimizer optimizer = new GradientDescentOptimizer(0.1);
        assertEquals("No variables to optimize.", assertThrows(InvalidArgumentException.class,
                () -> optimizer.minimize(p.loss(), List.of())).getMessage());
        assertTrue(assertThrows(InvalidArgumentException.class,
                () -> optimizer.minimize(p.loss(), List.of(p.unused()))).getMessage()
                .startsWith("No gradients provided for any variable"));
        assertTrue(assertThrows(InvalidArgumentException.class, () -> optimizer.minimize(TF.constant(1f)))
                .getMessage().contains("GradientTape"));
        assertThrows(InvalidArgumentException.class, () -> new GradientDescentOptimizer(0));
        assertThrows(InvalidArgumentException.class, () -> new MomentumOptimizer(0.1, -1));
        assertThrows(InvalidArgumentException.class, () -> new MomentumOptimizer(0.1, 0.9).getSlot(p.w(), "m"));
        Tensor wrong;
        try (Scope scope = p.graph().asDefault()) {
            wrong = TF.constant(new double[] {1, 2, 3}).add(p.x().get(dev.jtensor.Index.at(0)));
        }
        assertTrue(assertThrows(InvalidArgumentException.class,
                () -> optimizer.applyGradients(List.of(new GradientAndVariable(wrong, p.w())))).getMessage()
                .contains("needs its dtype float64 and shape (2,)"));
    }
}
