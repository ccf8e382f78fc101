package dev.jtensor.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.TextFormat;
import dev.jtensor.DType;
import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Shape;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import dev.jtensor.Variable;
import dev.jtensor.graph.proto.GraphDef;
import dev.jtensor.graph.proto.NodeDef;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Graphs that use eager variables, exported with the variables captured ({@link GraphDefs#exportCapturing})
 * and a traced function's trace ({@link GraphDefs#export(TracedFunction, dev.jtensor.Operand...)}).
 */
class GraphDefCaptureTest {

    private static NodeDef parse(String text) {
        NodeDef.Builder b = NodeDef.newBuilder();
        try {
            TextFormat.merge(text, b);
        } catch (TextFormat.ParseException e) {
            throw new AssertionError(e);
        }
        return b.build();
    }

    private static Map<String, NodeDef> byName(GraphDef def) {
        return def.getNodeList().stream().collect(Collectors.toMap(NodeDef::getName, n -> n));
    }

    @Test
    void anEagerVariableIsCapturedOnceAsAVarHandleOpOfItsName() {
        Variable w = new Variable(TF.ones(3, 2), "dense/kernel", true);
        Graph g = new Graph();
        Tensor x = g.placeholder(DType.FLOAT32, Shape.of(-1, 3), "x");
        try (Scope scope = g.asDefault()) {
            TF.matmul(x, w).add(TF.reduceSum(w.readValue()));
        }
        Map<String, NodeDef> nodes = byName(GraphDefs.exportCapturing(g));
        // what tf.raw_ops.VarHandleOp(dtype=tf.float32, shape=[3, 2], shared_name="dense/kernel") writes
        assertEquals(parse("""
                name: "dense/kernel" op: "VarHandleOp"
                attr { key: "container" value { s: "" } }
                attr { key: "shared_name" value { s: "dense/kernel" } }
                attr { key: "dtype" value { type: DT_FLOAT } }
                attr { key: "shape" value { shape { dim { size: 3 } dim { size: 2 } } } }
                """), nodes.get("dense/kernel"));
        List<NodeDef> reads = nodes.values().stream().filter(n -> n.getOp().equals("ReadVariableOp")).toList();
        assertEquals(2, reads.size());
        reads.forEach(r -> assertEquals(List.of("dense/kernel"), r.getInputList()));
        assertEquals(1, nodes.values().stream().filter(n -> n.getOp().equals("VarHandleOp")).count());
        // the plain export still refuses the eager variable
        assertThrows(GraphDefException.class, () -> GraphDefs.export(g));
    }

    @Test
    void aCaptureTakesAFreshNameWhenAnOperationHasTheVariablesName() {
        Variable v = new Variable(TF.constant(2f), "y", true);
        Graph g = new Graph();
        Tensor x = g.placeholder(DType.FLOAT32, Shape.scalar(), "y");
        try (Scope scope = g.asDefault()) {
            x.mul(v);
        }
        Map<String, NodeDef> nodes = byName(GraphDefs.exportCapturing(g));
        assertEquals("Placeholder", nodes.get("y").getOp());
        assertEquals("VarHandleOp", nodes.get("y_1").getOp());
        assertEquals("y_1", nodes.get("y_1").getAttrOrThrow("shared_name").getS().toStringUtf8());
    }

    @Test
    void aTracedFunctionsTraceIsExportedForTheInputsSignature() {
        Variable w = new Variable(TF.ones(3, 2), "w", true);
        TracedFunction dense = TracedFunction.of(x -> TF.relu(x.matmul(w)));
        Map<String, NodeDef> nodes = byName(GraphDefs.export(dense, TF.zeros(4, 3)));
        assertEquals(1, dense.tracingCount());
        NodeDef input = nodes.get("input");
        assertEquals("Placeholder", input.getOp());
        assertEquals(List.of(4L, 3L), input.getAttrOrThrow("shape").getShape().getDimList().stream()
                .map(d -> d.getSize()).toList());
        assertEquals("VarHandleOp", nodes.get("w").getOp());
        assertEquals("MatMul", nodes.get("MatMul").getOp());
        assertEquals("Relu", nodes.get("Relu").getOp());
        // a call with the same signature reuses that trace
        dense.call(TF.ones(4, 3));
        assertEquals(1, dense.tracingCount());
    }

    @Test
    void exportingATracedFunctionChecksItsArguments() {
        TracedFunction f = TracedFunction.of(x -> x.add(1f));
        assertEquals("GraphDefs.export: function is null",
                assertThrows(InvalidArgumentException.class, () -> GraphDefs.export((TracedFunction) null)).getMessage());
        assertEquals("TracedFunction 'function' takes 1 inputs, got 0",
                assertThrows(InvalidArgumentException.class, () -> GraphDefs.export(f)).getMessage());
        assertEquals("TracedFunction.export: inputs[0] is null",
                assertThrows(InvalidArgumentException.class, () -> GraphDefs.export(f, (Tensor) null)).getMessage());
    }
}
