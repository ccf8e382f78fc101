package dev.jtensor.graph;

import static org.junit.jupiter.api.Assertions.*;

import dev.jtensor.DType;
import dev.jtensor.FailedPreconditionException;
import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Shape;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import dev.jtensor.Variable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Variables in graphs: initializers, values per session, updates as operations. */
class GraphVariablesTest {

    @Test
    void usingAnUninitialisedVariableIsAFailedPreconditionNamingIt() {
        Graph g = new Graph();
        Variable x;
        Tensor y;
        try (Scope scope = g.asDefault()) {
            x = new Variable(TF.constant(3f), "x", true);
            y = x.add(1f);
        }
        try (Session session = new Session(g)) {
            assertEquals("Attempting to use uninitialized value x",
                    assertThrows(FailedPreconditionException.class, () -> session.run(y)).getMessage());
            session.run(x.initializer());
            assertEquals(4f, session.run(y).floatValue());
        }
    }

    @Test
    void eachSessionHasItsOwnValuesWhichLastAcrossRuns() {
        Graph g = new Graph();
        Variable counter;
        Tensor increment;
        Operation init;
        try (Scope scope = g.asDefault()) {
            counter = new Variable(TF.constant(0), "counter", false);
            increment = g.assignAdd(counter, TF.constant(1));
            init = g.globalVariablesInitializer();
        }
        try (Session first = new Session(g); Session second = new Session(g)) {
            first.run(init);
            for (int i = 1; i <= 3; i++) {
                assertEquals(i, first.run(increment).intValue());
            }
            assertThrows(FailedPreconditionException.class, () -> second.run(counter),
                    "the second session has not run the initializer");
            second.run(init);
            assertEquals(1, second.run(increment).intValue());
            assertEquals(3, first.run(counter).intValue());
            first.run(init);
            assertEquals(0, first.run(counter).intValue(), "running the initializer again resets the value");
        }
    }

    @Test
    void assignmentsAreOperationsWithTheNewValueAsOutput() {
        Graph g = new Graph();
        Variable v;
        Tensor set, add, sub;
        try (Scope scope = g.asDefault()) {
            v = new Variable(TF.constant(new float[] {1, 2}), "v", true);
            set = g.assign(v, TF.constant(new float[] {10, 20}));
            add = g.assignAdd(v, TF.constant(new float[] {1, 1}));
            sub = g.assignSub(v, v.mul(0.5f));
            var wrongShape = assertThrows(InvalidArgumentException.class, () -> g.assign(v, TF.constant(1f)));
            assertTrue(wrongShape.getMessage().contains("[Op:AssignVariableOp]"), wrongShape.getMessage());
        }
        assertEquals("AssignAddVariableOp", Operation.of(add).type());
        try (Session session = new Session(g)) {
            session.run(v.initializer());
            assertArrayEquals(new float[] {10, 20}, session.run(set).toFloatArray());
            assertArrayEquals(new float[] {11, 21}, session.run(add).toFloatArray());
            assertArrayEquals(new float[] {5.5f, 10.5f}, session.run(sub).toFloatArray());
            assertArrayEquals(new float[] {5.5f, 10.5f}, session.run(v).toFloatArray());
        }
    }

    @Test
    void anInitialValueMayNeedAFeed() {
        Graph g = new Graph();
        Tensor seed;
        Variable w;
        try (Scope scope = g.asDefault()) {
            seed = g.placeholder(DType.FLOAT32, Shape.of(2), "seed");
            w = new Variable(seed.mul(2f), "w", true);
            var unknown = assertThrows(InvalidArgumentException.class,
                    () -> new Variable(g.placeholder(DType.FLOAT32, Shape.of(Shape.UNKNOWN)), "u", true));
            assertEquals("Variable 'u': the initial value's shape (None,) must be fully defined", unknown.getMessage());
        }
        try (Session session = new Session(g)) {
            session.run(w.initializer(), Map.of(seed, new float[] {1, 2}));
            assertArrayEquals(new float[] {2, 4}, session.run(w).toFloatArray(), "later runs need no feed");
        }
    }

    @Test
    void graphVariablesStayInTheirGraph() {
        Graph g = new Graph();
        Variable x;
        try (Scope scope = g.asDefault()) {
            x = new Variable(TF.constant(1f), "x", true);
        }
        assertEquals(List.of(x), g.variables());
        var outside = assertThrows(FailedPreconditionException.class, x::readValue);
        assertTrue(outside.getMessage().startsWith("Variable 'x' is a graph variable"), outside.getMessage());
        assertThrows(FailedPreconditionException.class, () -> x.assign(2f));
        Graph other = new Graph();
        try (Scope scope = other.asDefault()) {
            var e = assertThrows(InvalidArgumentException.class, () -> x.add(1f));
            assertEquals("Variable 'x' is a variable of another graph, not of " + other + "; a graph's variables "
                    + "cannot be used in another graph [Op:ReadVariableOp]", e.getMessage());
        }
        var eager = new Variable(TF.constant(1f), "e", true);
        var noInit = assertThrows(FailedPreconditionException.class, eager::initializer);
        assertTrue(noInit.getMessage().startsWith("Variable 'e' is eager"), noInit.getMessage());
    }

    @Test
    void trainableVariablesAreListed() {
        Graph g = new Graph();
        Variable w, step;
        try (Scope scope = g.asDefault()) {
            w = new Variable(TF.ones(2), "w", true);
            step = new Variable(TF.constant(0), "step", false);
        }
        assertEquals(List.of(w, step), g.variables());
        assertEquals(List.of(w), g.trainableVariables());
    }
}
