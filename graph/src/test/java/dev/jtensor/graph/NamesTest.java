package dev.jtensor.graph;

import static org.junit.jupiter.api.Assertions.*;

import dev.jtensor.DType;
import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Shape;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import dev.jtensor.Variable;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Unique names, name scopes, explicit names and lookup by name, as TensorFlow's. */
class NamesTest {

    @Test
    void repeatedNamesGetNumberedSuffixes() {
        Graph g = new Graph();
        try (Scope scope = g.asDefault()) {
            Tensor a = g.placeholder(DType.FLOAT32, Shape.scalar(), "a");
            Tensor s1 = a.add(a);
            Tensor s2 = a.add(a);
            Tensor taken = g.placeholder(DType.FLOAT32, Shape.scalar(), "add_2");
            Tensor s3 = a.add(a);
            Tensor a2 = g.placeholder(DType.FLOAT32, Shape.scalar(), "a");
            assertEquals(List.of("add", "add_1", "add_2", "add_3", "a_1"),
                    List.of(s1, s2, taken, s3, a2).stream().map(t -> Operation.of(t).name()).toList());
            assertEquals("mul", Operation.of(a.mul(a)).name());
            assertEquals("MatMul", Operation.of(TF.matmul(TF.ones(2, 2), TF.ones(2, 2))).name());
        }
    }

    @Test
    void nameScopesPrefixNamesAndNest() {
        Graph g = new Graph();
        try (Scope scope = g.asDefault()) {
            Tensor error = g.placeholder(DType.FLOAT32, Shape.of(Shape.UNKNOWN), "error");
            Tensor mse;
            try (Scope loss = g.nameScope("loss")) {
                mse = g.withName("mse", () -> TF.reduceMean(TF.square(error)));
                try (Scope inner = g.nameScope("inner")) {
                    assertEquals("loss/inner/add", Operation.of(mse.add(1f)).name());
                }
            }
            assertEquals("Tensor(\"loss/mse:0\", shape=(), dtype=float32)", mse.toString());
            assertSame(mse, g.tensor("loss/mse:0"));
            assertSame(Operation.of(mse), g.operation("loss/mse"));
            assertTrue(g.operation("loss/mse/Square").type().equals("Square"), "composed ops sit inside the name");
            try (Scope again = g.nameScope("loss")) {
                assertEquals("loss_1/add", Operation.of(error.add(1f)).name());
            }
            try (Scope reentered = g.nameScope("loss/")) {
                assertEquals("loss/add", Operation.of(error.add(1f)).name());
                try (Scope top = g.nameScope("")) {
                    assertEquals("add", Operation.of(error.add(1f)).name());
                }
            }
            assertEquals("mse", Operation.of(g.withName("mse", () -> error.mul(2f))).name());
            assertEquals("mse_1", Operation.of(g.withName("mse", () -> error.mul(3f))).name());
        }
    }

    @Test
    void variablesAreNamedInTheirScope() {
        Graph g = new Graph();
        try (Scope scope = g.asDefault(); Scope layer = g.nameScope("layer")) {
            Variable w = new Variable(TF.zeros(2, 2), "w", true);
            Variable unnamed = new Variable(TF.constant(1f));
            Variable unnamed2 = new Variable(TF.constant(1f));
            assertEquals("layer/w", w.name());
            assertEquals(List.of("layer/Variable", "layer/Variable_1"), List.of(unnamed.name(), unnamed2.name()));
            assertEquals("VarHandleOp", g.operation("layer/w").type());
            assertEquals("AssignVariableOp", g.operation("layer/w/Assign").type());
            assertEquals("<tf.Variable 'layer/w:0' shape=(2, 2) dtype=float32>", w.toString());
            assertEquals("Tensor(\"layer/w/Assign:0\", shape=(2, 2), dtype=float32)", w.initializer().toString());
        }
    }

    @Test
    void lookupErrorsSayWhatIsMissing() {
        Graph g = new Graph();
        g.placeholder(DType.FLOAT32, Shape.scalar(), "x");
        assertEquals("The name 'y' refers to an Operation not in the graph.",
                assertThrows(InvalidArgumentException.class, () -> g.operation("y")).getMessage());
        assertEquals("The name 'y:0' refers to a Tensor which does not exist. The operation, 'y', does not exist in "
                + "the graph.", assertThrows(InvalidArgumentException.class, () -> g.tensor("y:0")).getMessage());
        assertEquals("The name 'x:1' refers to a Tensor which does not exist. The operation, 'x', exists but has only "
                + "output 0.", assertThrows(InvalidArgumentException.class, () -> g.tensor("x:1")).getMessage());
        assertTrue(assertThrows(InvalidArgumentException.class, () -> g.tensor("x")).getMessage()
                .contains("Tensor names must be of the form \"<op_name>:<output_index>\""));
    }

    @Test
    void invalidNamesAndMisusedWithNameAreErrors() {
        Graph g = new Graph();
        Tensor x = g.placeholder(DType.FLOAT32, Shape.scalar(), "x");
        var bad = assertThrows(InvalidArgumentException.class, () -> g.placeholder(DType.FLOAT32, Shape.scalar(), "a b"));
        assertTrue(bad.getMessage().startsWith("'a b' is not a valid operation name"), bad.getMessage());
        assertThrows(InvalidArgumentException.class, () -> g.nameScope("_hidden"));
        var nothingToName = assertThrows(InvalidArgumentException.class, () -> g.withName("y", () -> x));
        assertTrue(nothingToName.getMessage().contains("was not computed by an operation added inside"),
                nothingToName.getMessage());
        assertEquals("x", Operation.of(x).name(), "the placeholder keeps its name");
    }
}
