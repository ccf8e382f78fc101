package dev.jtensor.graph;

import static org.junit.jupiter.api.Assertions.*;

import dev.jtensor.DType;
import dev.jtensor.FailedPreconditionException;
import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Shape;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import dev.jtensor.Variable;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Sessions: seed 001's graphs, fetches of every form, feeds and their errors, default sessions. */
class SessionTest {

    private static final int U = Shape.UNKNOWN;

    @Test
    void optimizationsAreCheckedAndKept() {
        Graph g = new Graph();
        var withNull = new HashSet<GraphOptimization>();
        withNull.add(null);
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> new Session(g, withNull));
        assertEquals("Session: optimizations [null] hold a null", e.getMessage());
        try (Session s = new Session(g, EnumSet.of(GraphOptimization.BUFFER_REUSE))) {
            assertEquals(Set.of(GraphOptimization.BUFFER_REUSE), s.optimizations());
        }
        try (Session s = new Session(g)) {
            assertEquals(GraphOptimization.ALL, s.optimizations());
        }
    }

    @Test
    void seed001FunctionOfTwoVariablesIs42() {
        Graph g = new Graph();
        Variable x, y;
        Tensor f;
        try (Scope scope = g.asDefault()) {
            x = new Variable(TF.constant(3f), "x", true);
            y = new Variable(TF.constant(4f), "y", true);
            f = x.mul(x).mul(y).add(y).add(2);
        }
        try (Session session = new Session(g)) {
            session.run(x.initializer());
            session.run(y.initializer());
            assertEquals(42f, session.run(f).floatValue());
        }
        Operation init;
        try (Scope scope = g.asDefault()) {
            init = g.globalVariablesInitializer();
        }
        try (Session session = new Session(g); Scope s = session.asDefault()) {
            init.run();
            assertEquals(42f, Session.eval(f).floatValue());
            assertEquals(3f, session.run(x).floatValue(), "a graph variable can be fetched for its value");
        }
    }

    @Test
    void severalFetchesInOneRunShareTheirWork() {
        Graph g = new Graph();
        Tensor w, x, y, z;
        try (Scope scope = g.asDefault()) {
            w = TF.constant(3);
            x = w.add(2);
            y = x.add(5);
            z = x.mul(3);
        }
        try (Session session = new Session(g)) {
            List<Tensor> yz = session.run(List.of(y, z));
            assertEquals(10, yz.get(0).intValue());
            assertEquals(15, yz.get(1).intValue());
            Map<String, Tensor> named = session.run(new LinkedHashMap<>(Map.of("y", y, "z", z)), Map.of());
            assertEquals(10, named.get("y").intValue());
            assertEquals(15, named.get("z").intValue());
        }
        // a random draw shared by two fetches runs once per run: both see the same values, and the next run new ones
        Graph r = new Graph();
        Tensor a, b;
        try (Scope scope = r.asDefault()) {
            Tensor draw = TF.randomUniform(8);
            a = draw.add(0f);
            b = draw.mul(1f);
        }
        try (Session session = new Session(r)) {
            List<Tensor> first = session.run(List.of(a, b));
            assertArrayEquals(first.get(0).toFloatArray(), first.get(1).toFloatArray());
            assertFalse(java.util.Arrays.equals(first.get(0).toFloatArray(), session.run(a).toFloatArray()),
                    "each run draws again");
        }
    }

    @Test
    void feedsFillPlaceholdersWithUnknownBatchSizes() {
        Graph g = new Graph();
        Tensor x, w, y;
        try (Scope scope = g.asDefault()) {
            x = g.placeholder(DType.FLOAT32, Shape.of(U, 2), "x");
            w = TF.constant(new float[][] {{1, 0, 2}, {0, 1, 3}});
            y = x.matmul(w);
            assertEquals(Shape.of(U, 3), y.shape());
        }
        try (Session session = new Session(g)) {
            assertArrayEquals(new float[] {1, 2, 8}, session.run(y, Map.of(x, new float[][] {{1, 2}})).toFloatArray());
            Tensor batch = TF.constant(new float[][] {{1, 1}, {2, 0}, {0, -1}});
            assertArrayEquals(new float[] {1, 1, 5, 2, 0, 4, 0, -1, -3}, session.run(y, Map.of(x, batch)).toFloatArray());
            assertArrayEquals(new float[] {1, 1, 5}, session.runner().feed(x, new double[][] {{1, 1}}).fetch(y).run()
                    .getFirst().toFloatArray(), "Java values convert to the placeholder's dtype");
            assertArrayEquals(new float[] {7, 7, 7}, session.run(y, Map.of(y, new float[][] {{7, 7, 7}})).toFloatArray(),
                    "any tensor can be fed, replacing what computes it (x need not be fed then)");
        }
    }

    @Test
    void badFeedsAreErrorsNamingThePlaceholderAndBothSpecs() {
        Graph g = new Graph();
        Tensor x, n, y, n1;
        try (Scope scope = g.asDefault()) {
            x = g.placeholder(DType.FLOAT32, Shape.of(U, 3), "x");
            n = g.placeholder(DType.INT32, Shape.scalar(), "n");
            y = x.mul(2f);
            n1 = n.add(1);
        }
        try (Session session = new Session(g)) {
            assertEquals("Cannot feed value of shape (2, 2) for Tensor 'x:0', which has shape (None, 3)",
                    assertThrows(InvalidArgumentException.class,
                            () -> session.run(y, Map.of(x, new float[][] {{1, 2}, {3, 4}}))).getMessage());
            assertEquals("Cannot feed value of dtype float64 for Tensor 'x:0', which has dtype float32",
                    assertThrows(InvalidArgumentException.class,
                            () -> session.run(y, Map.of(x, TF.constant(new double[][] {{1, 2, 3}})))).getMessage());
            assertEquals("You must feed a value for placeholder tensor 'x' with dtype float and shape [?,3]",
                    assertThrows(InvalidArgumentException.class, () -> session.run(y)).getMessage());
            assertEquals("You must feed a value for placeholder tensor 'n' with dtype int32 and shape []",
                    assertThrows(InvalidArgumentException.class, () -> session.run(n1)).getMessage());
            var lossy = assertThrows(InvalidArgumentException.class, () -> session.run(n, Map.of(n, 1.5)));
            assertTrue(lossy.getMessage().startsWith("Cannot convert 1.5"), lossy.getMessage());
            var eagerKey = assertThrows(InvalidArgumentException.class,
                    () -> session.run(y, Map.of(TF.constant(1f), 1f)));
            assertTrue(eagerKey.getMessage().startsWith("Cannot interpret feed_dict key as Tensor: Tensor tf.Tensor(1.0"),
                    eagerKey.getMessage());
        }
    }

    @Test
    void fetchesMustBeOfTheSessionsGraph() {
        Graph g = new Graph();
        Graph other = new Graph();
        Tensor mine = g.placeholder(DType.FLOAT32, Shape.scalar(), "mine");
        Tensor theirs = other.placeholder(DType.FLOAT32, Shape.scalar(), "theirs");
        try (Session session = new Session(g)) {
            var e = assertThrows(InvalidArgumentException.class, () -> session.run(theirs));
            assertEquals("Fetch argument 0: Tensor Tensor(\"theirs:0\", shape=(), dtype=float32) is not an element of "
                    + "this graph (" + g + "); it is of " + other + ".", e.getMessage());
            assertThrows(InvalidArgumentException.class, () -> session.run(TF.constant(1f)));
            var variable = assertThrows(InvalidArgumentException.class, () -> session.run(new Variable(TF.constant(1f))));
            assertTrue(variable.getMessage().contains("is not a variable of " + g), variable.getMessage());
            Operation otherInit = other.globalVariablesInitializer();
            assertThrows(InvalidArgumentException.class, () -> session.run(otherInit));
            assertEquals(5f, session.run(mine, Map.of(mine, 5f)).floatValue());
        }
    }

    @Test
    void aClosedSessionCannotRun() {
        Graph g = new Graph();
        Tensor c;
        try (Scope scope = g.asDefault()) {
            c = TF.constant(1f);
        }
        Session session = new Session(g);
        session.close();
        session.close();
        assertEquals("Attempted to use a closed Session.",
                assertThrows(FailedPreconditionException.class, () -> session.run(c)).getMessage());
    }

    @Test
    void defaultAndInteractiveSessions() {
        var none = assertThrows(FailedPreconditionException.class, () -> Session.eval(TF.constant(1f)));
        assertTrue(none.getMessage().startsWith("No default session is registered"), none.getMessage());
        Graph g = new Graph();
        InteractiveSession session = new InteractiveSession(g);
        try {
            Tensor a = TF.constant(5f);
            assertTrue(a.isSymbolic(), "an interactive session makes its graph the default");
            Variable v = new Variable(a.mul(2), "v", true);
            Operation.of(v.initializer()).run();
            assertEquals(10f, Session.eval(v).floatValue());
            Tensor p = g.placeholder(DType.FLOAT32, Shape.scalar(), "p");
            assertEquals(12f, Session.eval(p.add(v), Map.of(p, 2f)).floatValue());
        } finally {
            session.close();
        }
        assertFalse(TF.constant(1f).isSymbolic());
        assertThrows(FailedPreconditionException.class, Session::getDefaultSession);
    }
}
