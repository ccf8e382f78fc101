package dev.jtensor.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.TextFormat;
import dev.jtensor.DType;
import dev.jtensor.Shape;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import dev.jtensor.Variable;
import dev.jtensor.graph.proto.GraphDef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way a GraphDef can fail to import or a graph to export: a specific exception naming node and file, nothing changed. */
class GraphDefErrorsTest {

    private static final String FLOAT = "attr { key: 'dtype' value { type: DT_FLOAT } } ";
    private static final String PLACEHOLDER = "op: 'Placeholder' " + FLOAT
            + "attr { key: 'shape' value { shape { dim { size: 2 } } } } ";

    private static GraphDef def(String text) {
        GraphDef.Builder b = GraphDef.newBuilder();
        try {
            TextFormat.merge(text.replace('\'', '"'), b);
        } catch (TextFormat.ParseException e) {
            throw new AssertionError(e);
        }
        return b.build();
    }

    /** Imports {@code text} into a graph holding one constant and checks the failure message and that nothing was added. */
    private static void assertRejected(String text, String message) {
        Graph g = new Graph();
        try (Scope scope = g.asDefault()) {
            TF.constant(1f);
        }
        GraphDefException e = assertThrows(GraphDefException.class, () -> GraphDefs.importGraphDef(g, def(text), "import"));
        assertEquals(message, e.getMessage());
        assertEquals(1, g.operations().size(), "the graph is unchanged");
        assertEquals("GraphDef", e.source());
    }

    @Test
    void anUnknownOpTypeIsNamed() {
        assertRejected("node { name: 'x' " + PLACEHOLDER + "} node { name: 'mystery' op: 'Foo' input: 'x' }",
                "GraphDef: node 'mystery': op type 'Foo' is not one jtensor can import");
    }

    @Test
    void aMissingInputIsNamed() {
        assertRejected("node { name: 'y' op: 'Neg' input: 'nothere' attr { key: 'T' value { type: DT_FLOAT } } }",
                "GraphDef: node 'y': input 'nothere' names no node of the GraphDef");
    }

    @Test
    void anOutputOtherThanZeroIsRejected() {
        assertRejected("node { name: 'x' " + PLACEHOLDER + "} node { name: 'y' op: 'Neg' input: 'x:1' }",
                "GraphDef: node 'y': input 'x:1' names output 1; jtensor's operations have one output, 0");
    }

    @Test
    void missingAndMistypedAttributesAreNamed() {
        assertRejected("node { name: 'x' op: 'Placeholder' }",
                "GraphDef: node 'x': (Placeholder) has no attribute 'dtype'");
        assertRejected("node { name: 'x' op: 'Placeholder' attr { key: 'dtype' value { i: 3 } } }",
                "GraphDef: node 'x': (Placeholder) attribute 'dtype' is a i, not a type");
        assertRejected("node { name: 'x' op: 'Placeholder' attr { key: 'dtype' value { type: DT_STRING } } }",
                "GraphDef: node 'x': attribute 'dtype' has dtype DT_STRING, which jtensor does not support "
                        + "(float32, float64, int32, int64 and bool only)");
        assertRejected("node { name: 'x' op: 'Placeholder' " + FLOAT + " attr { key: 'shape' value { shape { "
                        + "unknown_rank: true } } } }",
                "GraphDef: node 'x': attribute 'shape' has an unknown rank; jtensor needs the rank of every tensor "
                        + "(dimensions may be unknown)");
    }

    @Test
    void aCycleIsNamed() {
        assertRejected("node { name: 'a' op: 'Neg' input: 'b' } node { name: 'b' op: 'Neg' input: 'a' }",
                "GraphDef: node 'a': is part of a cycle (a -> b -> a)");
    }

    @Test
    void duplicateNamesAndTakenNamesAreRejected() {
        assertRejected("node { name: 'x' " + PLACEHOLDER + "} node { name: 'x' " + PLACEHOLDER + "}",
                "GraphDef: node 'x': appears twice; node names must be unique");
        Graph g = new Graph();
        try (Scope scope = g.asDefault()) {
            TF.constant(1f);
        }
        GraphDefException e = assertThrows(GraphDefException.class,
                () -> GraphDefs.importGraphDef(g, def("node { name: 'Const' " + PLACEHOLDER + "}"), ""));
        assertEquals("GraphDef: node 'Const': is already the name of an operation of " + g
                + "; import with a name prefix", e.getMessage());
    }

    @Test
    void shapesAreCheckedBeforeAnythingIsAdded() {
        assertRejected("node { name: 'a' " + PLACEHOLDER + "} node { name: 'm' op: 'MatMul' input: 'a' input: 'a' "
                        + "attr { key: 'T' value { type: DT_FLOAT } } }",
                "GraphDef: node 'm': (MatMul) In[0] and In[1] must have rank >= 2 (reshape a vector to (n, 1) or "
                        + "(1, n)): [2] vs. [2] [Op:MatMul]");
    }

    @Test
    void aParameterMustBeAConst() {
        assertRejected("node { name: 'x' " + PLACEHOLDER + "} node { name: 's' op: 'Placeholder' "
                        + "attr { key: 'dtype' value { type: DT_INT32 } } attr { key: 'shape' value { shape { dim { size: 1 } } } } } "
                        + "node { name: 'r' op: 'Reshape' input: 'x' input: 's' }",
                "GraphDef: node 'r': input 's' is a Placeholder; jtensor needs this input as a Const (it becomes a "
                        + "parameter of the operation)");
    }

    @Test
    void aVariableNeedsAnInitializer() {
        assertRejected("node { name: 'v' op: 'VarHandleOp' " + FLOAT + "attr { key: 'shape' value { shape { } } } }",
                "GraphDef: node 'v': the VarHandleOp has no initializer: jtensor's graph variables need one, an "
                        + "AssignVariableOp 'v/Assign' of it without control inputs");
    }

    @Test
    void damagedBytesNameTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("broken.pb");
        Files.write(file, new byte[] {10, 100, 1, 2});
        GraphDefException e = assertThrows(GraphDefException.class, () -> GraphDefs.read(file));
        assertTrue(e.getMessage().startsWith(file + ": is not a GraphDef in the binary format ("), e.getMessage());
        assertEquals(file.toString(), e.source());
        Path text = dir.resolve("broken.pbtxt");
        Files.writeString(text, "node { name: ");
        assertTrue(assertThrows(GraphDefException.class, () -> GraphDefs.read(text)).getMessage()
                .startsWith(text + ": is not a GraphDef in the text format ("));
        UncheckedIOException missing = assertThrows(UncheckedIOException.class, () -> GraphDefs.read(dir.resolve("none.pb")));
        assertTrue(missing.getMessage().contains("none.pb"), missing.getMessage());
    }

    @Test
    void importingAFileNamesItInErrors(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("model.pb");
        Files.write(file, def("node { name: 'mystery' op: 'Foo' }").toByteArray());
        GraphDefException e = assertThrows(GraphDefException.class, () -> GraphDefs.importGraphDef(new Graph(), file, ""));
        assertEquals(file + ": node 'mystery': op type 'Foo' is not one jtensor can import", e.getMessage());
        assertEquals("mystery", e.node());
    }

    @Test
    void aTracedFunctionCallIsNotExported() {
        Graph g = new Graph();
        TracedFunction f = TracedFunction.of(x -> x.mul(2f));
        try (Scope scope = g.asDefault()) {
            Tensor x = g.placeholder(DType.FLOAT32, Shape.of(2), "x");
            f.call(x);
        }
        GraphDefException e = assertThrows(GraphDefException.class, () -> GraphDefs.export(g));
        assertTrue(e.getMessage().contains("is a call of the traced function or custom gradient"), e.getMessage());
        assertTrue(e.getMessage().contains("export the graph of its trace instead"), e.getMessage());
    }

    @Test
    void anEagerVariableIsNotExported() {
        Variable eager = new Variable(TF.constant(1f), "eager", true);
        Graph g = new Graph();
        try (Scope scope = g.asDefault()) {
            eager.readValue().add(1f);
        }
        GraphDefException e = assertThrows(GraphDefException.class, () -> GraphDefs.export(g));
        assertEquals("GraphDef: node 'ReadVariableOp': uses the variable 'eager', which is not a variable of this graph "
                + "(an eager variable); a GraphDef can hold graph variables only", e.getMessage());
    }

    @Test
    void aFailedWriteLeavesTheOldFile(@TempDir Path dir) throws IOException {
        Graph good = new Graph();
        try (Scope scope = good.asDefault()) {
            TF.constant(2f);
        }
        Path file = dir.resolve("g.pb");
        GraphDefs.write(good, file);
        byte[] before = Files.readAllBytes(file);
        Graph bad = new Graph();
        TracedFunction f = TracedFunction.of(x -> x.mul(2f));
        try (Scope scope = bad.asDefault()) {
            f.call(bad.placeholder(DType.FLOAT32, Shape.of(2), "x"));
        }
        assertThrows(GraphDefException.class, () -> GraphDefs.write(bad, file));
        assertArrayEquals(before, Files.readAllBytes(file));
        assertThrows(UncheckedIOException.class, () -> GraphDefs.write(good, dir));
        assertThrows(UncheckedIOException.class, () -> GraphDefs.write(good, dir.resolve("no/such/dir/g.pb")));
        assertEquals(List.of("g.pb"), Files.list(dir).map(p -> p.getFileName().toString()).toList());
    }
}
