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

/** getVariable and variable scopes: created once, shared when reusing, errors otherwise. */
class VariableScopeTest {

    @Test
    void createdOnceAndSharedWhenReusing() {
        Graph g = new Graph();
        Variable first, shared, again;
        Tensor a, b;
        try (Scope scope = g.asDefault()) {
            try (VariableScope relu = g.variableScope("relu")) {
                assertEquals("relu", relu.name());
                assertFalse(relu.reuse());
                first = g.getVariable("threshold", Shape.scalar(), DType.FLOAT32, Initializer.constant(0.5));
                a = TF.maximum(first.readValue(), 0f);
            }
            try (VariableScope relu = g.variableScope("relu", true)) {
                shared = g.getVariable("threshold");
                b = TF.maximum(shared.readValue(), 0f);
            }
            try (VariableScope relu = g.variableScope("relu")) {
                relu.reuseVariables();
                again = g.getVariable("threshold", Shape.scalar(), DType.FLOAT32, Initializer.zeros());
            }
        }
        assertSame(first, shared);
        assertSame(first, again);
        assertEquals("relu/threshold", first.name());
        assertEquals(List.of(first), g.variables(), "one variable");
        assertEquals("relu/Maximum", Operation.of(a).name());
        assertEquals("relu_1/Maximum", Operation.of(b).name(), "each scope opens a unique name scope");
        assertEquals("", g.getVariableScope().name(), "closed scopes are left");
        try (Session session = new Session(g)) {
            session.run(g.globalVariablesInitializer());
            assertEquals(0.5f, session.run(shared).floatValue(), "the initializer's value");
        }
    }

    @Test
    void accidentalReuseAndMissingVariablesAreErrors() {
        Graph g = new Graph();
        try (Scope scope = g.asDefault()) {
            try (VariableScope relu = g.variableScope("relu")) {
                g.getVariable("threshold", Shape.scalar(), DType.FLOAT32, Initializer.zeros());
            }
            try (VariableScope relu = g.variableScope("relu")) {
                String message = assertThrows(InvalidArgumentException.class,
                        () -> g.getVariable("threshold", Shape.scalar(), DType.FLOAT32, Initializer.zeros())).getMessage();
                assertTrue(message.startsWith("Variable relu/threshold already exists, disallowed. Did you mean to set "
                        + "reuse=True"), message);
            }
            try (VariableScope other = g.variableScope("other", true)) {
                String message = assertThrows(InvalidArgumentException.class, () -> g.getVariable("threshold"))
                        .getMessage();
                assertTrue(message.startsWith("Variable other/threshold does not exist, or was not created with "
                        + "tf.get_variable()"), message);
            }
            try (VariableScope relu = g.variableScope("relu", true)) {
                assertEquals("Trying to share variable relu/threshold, but specified shape (1,) and found shape ().",
                        assertThrows(InvalidArgumentException.class, () -> g.getVariable("threshold", Shape.of(1),
                                DType.FLOAT32, Initializer.zeros())).getMessage());
                assertEquals("Trying to share variable relu/threshold, but specified dtype float64 and found dtype "
                        + "float32.", assertThrows(InvalidArgumentException.class, () -> g.getVariable("threshold",
                        Shape.scalar(), DType.FLOAT64, Initializer.zeros())).getMessage());
            }
            assertEquals("Shape of a new variable (w) must be fully defined, but instead was <unknown>.",
                    assertThrows(InvalidArgumentException.class, () -> g.getVariable("w")).getMessage());
            assertTrue(assertThrows(InvalidArgumentException.class, () -> g.getVariable("v",
                    Shape.of(Shape.UNKNOWN), DType.FLOAT32)).getMessage().contains("must be fully defined"));
            assertTrue(assertThrows(InvalidArgumentException.class, () -> g.getVariable("v", Shape.of(2),
                    DType.FLOAT32, (shape, dtype) -> TF.zeros(dtype, 3))).getMessage().contains("initializer of v"));
        }
        assertEquals(1, g.variables().size(), "failed calls made no variables");
    }

    @Test
    void autoReuseCreatesOnceThenShares() {
        Graph g = new Graph();
        Variable first, second, inner;
        try (Scope scope = g.asDefault()) {
            try (VariableScope s = g.variableScope("layer", VariableScope.Reuse.AUTO_REUSE)) {
                assertEquals(VariableScope.Reuse.AUTO_REUSE, s.reuseMode());
                first = g.getVariable("w", Shape.of(2), DType.FLOAT32, Initializer.ones());
            }
            try (VariableScope s = g.variableScope("layer", VariableScope.Reuse.AUTO_REUSE);
                 VariableScope nested = g.variableScope("inner", false)) {
                assertEquals(VariableScope.Reuse.AUTO_REUSE, nested.reuseMode(), "inherited");
                inner = g.getVariable("v", Shape.scalar(), DType.FLOAT32, Initializer.zeros());
            }
            try (VariableScope s = g.variableScope("layer", VariableScope.Reuse.AUTO_REUSE)) {
                second = g.getVariable("w", Shape.of(2), DType.FLOAT32, Initializer.zeros());
                assertThrows(InvalidArgumentException.class, () -> g.getVariable("w", Shape.of(3), DType.FLOAT32,
                        Initializer.zeros()), "sharing still checks the shape");
            }
        }
        assertSame(first, second);
        assertEquals("layer/inner/v", inner.name());
        assertEquals(List.of("layer/w", "layer/inner/v"), g.variables().stream().map(Variable::name).toList());
    }

    @Test
    void nestedScopesPrefixAndInheritReuse() {
        Graph g = new Graph();
        Variable inner, sharedInner;
        Tensor defaulted;
        try (Scope scope = g.asDefault()) {
            try (VariableScope outer = g.variableScope("outer"); VariableScope layer = g.variableScope("layer")) {
                assertEquals("outer/layer", layer.name());
                inner = g.getVariable("w", Shape.of(2, 3), DType.FLOAT32, Initializer.ones());
                defaulted = g.getVariable("k", Shape.of(3, 4), DType.FLOAT32).readValue();
            }
            try (VariableScope outer = g.variableScope("outer", true); VariableScope layer = g.variableScope("layer")) {
                assertTrue(layer.reuse(), "inherited");
                sharedInner = g.getVariable("w", Shape.of(2, 3), DType.FLOAT32, Initializer.zeros());
            }
        }
        assertSame(inner, sharedInner);
        assertEquals("outer/layer/w", inner.name());
        try (Session session = new Session(g)) {
            session.run(g.globalVariablesInitializer());
            assertArrayEquals(new float[] {1, 1, 1, 1, 1, 1}, session.run(inner).toFloatArray());
            double limit = Math.sqrt(6.0 / (3 + 4));
            for (float v : session.run(defaulted).toFloatArray()) {
                assertTrue(Math.abs(v) <= limit, "glorot uniform within +-" + limit + ": " + v);
            }
        }
    }

    @Test
    void getVariableMakesVariablesAnOptimizerTrains() {
        Graph g = new Graph();
        Tensor x, loss;
        Variable w;
        Operation step;
        try (Scope scope = g.asDefault()) {
            x = g.placeholder(DType.FLOAT32, Shape.of(Shape.UNKNOWN, 2), "x");
            try (VariableScope linear = g.variableScope("linear")) {
                w = g.getVariable("w", Shape.of(2, 1), DType.FLOAT32, Initializer.zeros());
            }
            loss = TF.reduceMean(TF.square(x.matmul(w).sub(1f)));
            step = new GradientDescentOptimizer(0.5).minimize(loss);
        }
        try (Session session = new Session(g)) {
            session.run(g.globalVariablesInitializer());
            Map<Tensor, Object> feed = Map.of(x, new float[][] {{1, 0}, {0, 1}});
            session.run(step, feed);
            // d/dw mean((xw - 1)^2) at w = 0 with x = I: 2/2 (xw - 1) x = [-1, -1]; w = 0.5
            assertArrayEquals(new float[] {0.5f, 0.5f}, session.run(w).toFloatArray());
        }
    }
}
