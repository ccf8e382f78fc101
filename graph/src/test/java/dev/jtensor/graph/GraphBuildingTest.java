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

/** Building graphs: ops inside a graph's scope add operations and compute nothing. */
class GraphBuildingTest {

    private static final int U = Shape.UNKNOWN;

    @Test
    void opsInsideTheScopeAddOperationsWithSymbolicOutputs() {
        Graph g = new Graph();
        try (Scope scope = g.asDefault()) {
            Tensor x = g.placeholder(DType.FLOAT32, Shape.of(U, 3), "x");
            Tensor y = x.mul(2f).add(1f);
            assertTrue(y.isSymbolic());
            assertEquals("Tensor(\"add:0\", shape=(None, 3), dtype=float32)", y.toString());
            assertEquals("Tensor(\"x:0\", shape=(None, 3), dtype=float32)", x.toString());
            Operation add = Operation.of(y);
            assertEquals("AddV2", add.type());
            // the Java scalars become constants, broadcast with the other operand as the shape donor
            assertEquals(List.of("mul", "BroadcastTo_1"), add.inputs().stream().map(t -> Operation.of(t).name()).toList());
            assertEquals(List.of("x", "Const", "BroadcastTo", "mul", "Const_1", "BroadcastTo_1", "add"),
                    g.operations().stream().map(Operation::name).toList());
            assertEquals("<tf.Operation 'add' type=AddV2>", add.toString());
        }
        assertFalse(TF.constant(1f).isSymbolic(), "outside the scope ops are eager again");
    }

    @Test
    void creationOpsBecomeConstantsOfTheGraph() {
        Graph g = new Graph();
        try (Scope scope = g.asDefault()) {
            Tensor c = TF.constant(new float[] {1, 2});
            assertEquals("Tensor(\"Const:0\", shape=(2,), dtype=float32)", c.toString());
            assertEquals("Const", Operation.of(c).type());
            assertTrue(TF.range(4).isSymbolic());
            Tensor zeros = TF.zeros(2, 3);
            assertEquals("Fill", Operation.of(zeros).type());
            assertEquals(Shape.of(2, 3), zeros.shape());
            var read = assertThrows(FailedPreconditionException.class, c::toFloatArray);
            assertTrue(read.getMessage().contains("Session"), read.getMessage());
        }
        try (Session session = new Session(g)) {
            assertArrayEquals(new float[] {1, 2}, session.run(g.tensor("Const:0")).toFloatArray());
            assertArrayEquals(new int[] {0, 1, 2, 3}, session.run(g.tensor("Const_1:0")).toIntArray());
        }
    }

    @Test
    void nothingIsComputedWhileBuilding() {
        Variable eager = new Variable(TF.constant(1f));
        Graph g = new Graph();
        Tensor updated;
        try (Scope scope = g.asDefault()) {
            updated = g.assignAdd(eager, TF.constant(10f));
            TF.randomNormal(1000, 1000);    // would take a while if it ran
        }
        assertEquals(1f, eager.floatValue(), "the update is an operation, not yet run");
        try (Session session = new Session(g)) {
            assertEquals(11f, session.run(updated).floatValue());
        }
        assertEquals(11f, eager.floatValue(), "an eager variable is shared with graphs by reference");
    }

    @Test
    void unknownDimensionsAreInferredAndTakeTheFedSizes() {
        Graph g = new Graph();
        Tensor x, rowSums;
        try (Scope scope = g.asDefault()) {
            x = g.placeholder(DType.FLOAT32, U, 3);
            rowSums = TF.reduceSum(x.mul(x), 1);
            assertEquals(Shape.of(U), rowSums.shape());
            assertEquals("Tensor(\"Sum:0\", shape=(None,), dtype=float32)", rowSums.toString());
        }
        try (Session session = new Session(g)) {
            assertArrayEquals(new float[] {14, 77}, session.run(rowSums,
                    Map.of(x, new float[][] {{1, 2, 3}, {4, 5, 6}})).toFloatArray());
            assertArrayEquals(new float[] {1, 0, 3, 2}, session.run(rowSums,
                    Map.of(x, new float[][] {{1, 0, 0}, {0, 0, 0}, {1, 1, 1}, {0, -1, 1}})).toFloatArray());
        }
    }

    @Test
    void badShapesAreReportedWhileBuildingWithTensorFlowsMessages() {
        Graph g = new Graph();
        try (Scope scope = g.asDefault()) {
            Tensor x = g.placeholder(DType.FLOAT32, U, 3);
            var add = assertThrows(InvalidArgumentException.class, () -> x.add(g.placeholder(DType.FLOAT32, U, 4)));
            assertEquals("Incompatible shapes: [?,3] vs. [?,4] [Op:AddV2]", add.getMessage());
            var matmul = assertThrows(InvalidArgumentException.class, () -> x.matmul(TF.ones(4, 2)));
            assertEquals("Matrix size-incompatible: In[0]: [?,3], In[1]: [4,2] [Op:MatMul]", matmul.getMessage());
            int before = g.operations().size();
            assertThrows(InvalidArgumentException.class, () -> x.add(TF.constant(1)));   // int32 + float32
            assertEquals(before + 1, g.operations().size(), "only the int32 constant was added, not the failed op");
        }
    }

    @Test
    void tensorsOfTwoGraphsInOneOpAreAnErrorNamingBothGraphs() {
        Graph g1 = new Graph();
        Graph g2 = new Graph();
        Tensor a = g1.placeholder(DType.FLOAT32, Shape.scalar(), "a");
        Tensor b = g2.placeholder(DType.FLOAT32, Shape.scalar(), "b");
        try (Scope scope = g1.asDefault()) {
            var e = assertThrows(InvalidArgumentException.class, () -> a.add(b));
            assertEquals("Tensor(\"b:0\", shape=(), dtype=float32) must be from the same graph as "
                    + "Tensor(\"a:0\", shape=(), dtype=float32) (" + g2 + " and " + g1 + ") [Op:AddV2]", e.getMessage());
        }
        try (Scope scope = g2.asDefault()) {
            var e = assertThrows(InvalidArgumentException.class, () -> a.mul(2f));
            assertTrue(e.getMessage().startsWith("Tensor(\"a:0\", shape=(), dtype=float32) is from " + g1
                    + ", but the op is being added to " + g2), e.getMessage());
        }
        var outside = assertThrows(FailedPreconditionException.class, () -> a.add(1f));
        assertTrue(outside.getMessage().contains("no graph is being built"), outside.getMessage());
    }

    @Test
    void theDefaultGraphIsTheInnermostScopeOnThisThread() {
        Graph outer = new Graph();
        Graph inner = new Graph();
        assertThrows(FailedPreconditionException.class, Graph::getDefaultGraph);
        try (Scope o = outer.asDefault()) {
            try (Scope i = inner.asDefault()) {
                assertSame(inner, Graph.getDefaultGraph());
                assertSame(inner, Operation.of(TF.constant(1)).graph());
            }
            assertSame(outer, Graph.getDefaultGraph());
            assertSame(outer, new Session().graph());
        }
        assertThrows(FailedPreconditionException.class, Graph::getDefaultGraph);
    }

    @Test
    void placeholderArgumentsAreChecked() {
        Graph g = new Graph();
        assertEquals("Graph.placeholder: dtype is null",
                assertThrows(InvalidArgumentException.class, () -> g.placeholder(null, Shape.scalar())).getMessage());
        assertEquals("Graph.placeholder: shape is null",
                assertThrows(InvalidArgumentException.class, () -> g.placeholder(DType.FLOAT32, (Shape) null)).getMessage());
        var e = assertThrows(InvalidArgumentException.class, () -> Operation.of(TF.constant(1f)));
        assertTrue(e.getMessage().contains("is not the output of an operation of a Graph"), e.getMessage());
        var noOutput = assertThrows(InvalidArgumentException.class, () -> g.globalVariablesInitializer().output());
        assertTrue(noOutput.getMessage().startsWith("Operation 'init' (NoOp) has no outputs"), noOutput.getMessage());
    }
}
