package dev.jtensor.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.TextFormat;
import dev.jtensor.DType;
import dev.jtensor.Shape;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import dev.jtensor.Variable;
import dev.jtensor.graph.proto.GraphDef;
import dev.jtensor.graph.proto.NodeDef;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The NodeDefs we write against the ones TensorFlow writes for the same ops (TensorFlow 2's
 * {@code tf.compat.v1} graph mode, {@code graph.as_graph_def()}, attributes with defaults that
 * TensorFlow adds omitted where noted), and a small graph's text format against a committed file.
 */
class GraphDefExportTest {

    private static final int U = Shape.UNKNOWN;

    private static NodeDef parse(String text) {
        NodeDef.Builder b = NodeDef.newBuilder();
        try {
            TextFormat.merge(text, b);
        } catch (TextFormat.ParseException e) {
            throw new AssertionError(e);
        }
        return b.build();
    }

    private static Map<String, NodeDef> nodes(Graph g) {
        return GraphDefs.export(g).getNodeList().stream().collect(Collectors.toMap(NodeDef::getName, n -> n));
    }

    @Test
    void addOfTwoPlaceholdersIsTensorFlowsAddV2() {
        Graph g = new Graph();
        try (Scope scope = g.asDefault()) {
            Tensor x = g.placeholder(DType.FLOAT32, Shape.of(2), "x");
            Tensor y = g.placeholder(DType.FLOAT32, Shape.of(2), "y");
            TF.add(x, y);
        }
        // tf.add(x, y) in TensorFlow 2.x: the same node, printed by graph.as_graph_def()
        assertEquals(parse("""
                name: "add" op: "AddV2" input: "x" input: "y"
                attr { key: "T" value { type: DT_FLOAT } }
                """), nodes(g).get("add"));
    }

    @Test
    void matmulWithTransposeBIsTensorFlowsMatMul() {
        Graph g = new Graph();
        try (Scope scope = g.asDefault()) {
            Tensor a = g.placeholder(DType.FLOAT32, Shape.of(2, 3), "a");
            Tensor b = g.placeholder(DType.FLOAT32, Shape.of(4, 3), "b");
            TF.matmul(a, b, false, true);
        }
        // tf.matmul(a, b, transpose_b=True); TensorFlow 2.13 and later also write grad_a and grad_b (false),
        // attributes older runtimes lack, whose defaults are those values
        assertEquals(parse("""
                name: "MatMul" op: "MatMul" input: "a" input: "b"
                attr { key: "T" value { type: DT_FLOAT } }
                attr { key: "transpose_a" value { b: false } }
                attr { key: "transpose_b" value { b: true } }
                """), nodes(g).get("MatMul"));
    }

    @Test
    void placeholderWithAnUnknownDimensionHasSizeMinusOne() {
        Graph g = new Graph();
        g.placeholder(DType.FLOAT32, Shape.of(U, 784), "images");
        // tf.compat.v1.placeholder(tf.float32, shape=(None, 784), name="images")
        assertEquals(parse("""
                name: "images" op: "Placeholder"
                attr { key: "dtype" value { type: DT_FLOAT } }
                attr { key: "shape" value { shape { dim { size: -1 } dim { size: 784 } } } }
                """), nodes(g).get("images"));
    }

    @Test
    void reduceSumTakesItsAxesFromAConst() {
        Graph g = new Graph();
        try (Scope scope = g.asDefault()) {
            Tensor x = g.placeholder(DType.FLOAT32, Shape.of(2, 3), "x");
            TF.reduceSum(x, 1);
        }
        // tf.reduce_sum(x, axis=1): Sum(x, Sum/reduction_indices)
        Map<String, NodeDef> nodes = nodes(g);
        assertEquals(parse("""
                name: "Sum" op: "Sum" input: "x" input: "Sum/reduction_indices"
                attr { key: "T" value { type: DT_FLOAT } }
                attr { key: "Tidx" value { type: DT_INT32 } }
                attr { key: "keep_dims" value { b: false } }
                """), nodes.get("Sum"));
        assertEquals(parse("""
                name: "Sum/reduction_indices" op: "Const"
                attr { key: "dtype" value { type: DT_INT32 } }
                attr { key: "value" value { tensor { dtype: DT_INT32 tensor_shape { dim { size: 1 } } int_val: 1 } } }
                """), nodes.get("Sum/reduction_indices"));
    }

    @Test
    void aVariableIsAResourceVariable() {
        Graph g = new Graph();
        try (Scope scope = g.asDefault()) {
            new Variable(TF.constant(new float[] {1, 2}), "w", true);
        }
        // tf.compat.v1.Variable([1., 2.], name="w", use_resource=True): VarHandleOp, AssignVariableOp, ReadVariableOp
        Map<String, NodeDef> nodes = nodes(g);
        assertEquals(parse("""
                name: "w" op: "VarHandleOp"
                attr { key: "container" value { s: "" } }
                attr { key: "shared_name" value { s: "w" } }
                attr { key: "dtype" value { type: DT_FLOAT } }
                attr { key: "shape" value { shape { dim { size: 2 } } } }
                """), nodes.get("w"));
        assertEquals(parse("""
                name: "w/Assign" op: "AssignVariableOp" input: "w" input: "Const"
                attr { key: "dtype" value { type: DT_FLOAT } }
                """), nodes.get("w/Assign"));
        assertEquals(parse("""
                name: "w/read" op: "ReadVariableOp" input: "w"
                attr { key: "dtype" value { type: DT_FLOAT } }
                """), nodes.get("w/read"));
        // two elements go to tensor_content as little-endian float32, as TensorFlow's make_tensor_proto writes them
        assertEquals(parse("""
                name: "Const" op: "Const"
                attr { key: "dtype" value { type: DT_FLOAT } }
                attr { key: "value" value { tensor { dtype: DT_FLOAT tensor_shape { dim { size: 2 } }
                    tensor_content: "\\000\\000\\200?\\000\\000\\000@" } } }
                """), nodes.get("Const"));
    }

    @Test
    void controlInputsAreCaretNamesAfterTheDataInputs() {
        Graph g = new Graph();
        try (Scope scope = g.asDefault()) {
            Tensor a = TF.constant(1f);
            Operation noop = g.group();
            try (Scope after = g.controlDependencies(noop)) {
                a.add(a);
            }
        }
        assertEquals(java.util.List.of("Const", "Const", "^group_deps"), nodes(g).get("add").getInputList());
    }

    @Test
    void aSmallGraphInTextFormatIsTheCommittedOne(@TempDir Path dir) throws IOException {
        Graph g = new Graph();
        try (Scope scope = g.asDefault()) {
            Tensor x = g.placeholder(DType.FLOAT32, Shape.of(U, 2), "x");
            Variable w = new Variable(TF.constant(new float[][] {{1}, {2}}), "w", true);
            try (Scope layer = g.nameScope("layer")) {
                g.withName("y", () -> TF.relu(TF.matmul(x, w)));
            }
        }
        Path file = dir.resolve("small.pbtxt");
        GraphDefs.write(g, file, true);
        String expected;
        try (InputStream in = GraphDefExportTest.class.getResourceAsStream("small-graph.pbtxt")) {
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertEquals(expected, Files.readString(file));
        assertEquals(GraphDefs.export(g), GraphDefs.read(file));
        assertEquals(GraphDefs.toText(GraphDefs.export(g)), expected);
        GraphDef binary = GraphDefs.export(g);
        GraphDefs.write(g, dir.resolve("small.pb"));
        assertEquals(binary, GraphDefs.read(dir.resolve("small.pb")));
    }
}
