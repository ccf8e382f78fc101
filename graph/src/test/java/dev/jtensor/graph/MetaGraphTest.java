package dev.jtensor.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jtensor.DType;
import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Shape;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import dev.jtensor.Variable;
import dev.jtensor.graph.proto.MetaGraphDef;
import dev.jtensor.graph.proto.VariableDef;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Meta graphs: variables with their VariableDefs and trainable flags, signatures, files in both formats. */
class MetaGraphTest {

    private Graph g;
    private Tensor x;
    private Tensor y;
    private Variable w;

    private Map<String, MetaGraph.Signature> buildModel() {
        g = new Graph();
        try (Scope scope = g.asDefault()) {
            x = g.placeholder(DType.FLOAT32, Shape.of(Shape.UNKNOWN, 2), "x");
            w = new Variable(TF.constant(new float[][] {{1}, {2}}), "w", true);
            Variable steps = new Variable(TF.constant(0), "steps", false);
            g.assignAdd(steps, TF.constant(1));
            y = g.withName("y", () -> TF.matmul(x, w));
        }
        return Map.of("serving_default", new MetaGraph.Signature(Map.of("x", x), Map.of("y", y)));
    }

    @Test
    void theMetaGraphListsVariablesAndSignatures() {
        Map<String, MetaGraph.Signature> sig = buildModel();
        MetaGraphDef meta = MetaGraph.export(g, sig);
        assertEquals(List.of("serve"), meta.getMetaInfoDef().getTagsList());
        List<VariableDef> all = meta.getCollectionDefOrThrow("variables").getBytesList().getValueList().stream()
                .map(b -> parse(b.toByteArray())).toList();
        assertEquals(VariableDef.newBuilder().setVariableName("w:0").setInitialValueName("Const:0")
                .setInitializerName("w/Assign").setSnapshotName("w/read:0").setIsResource(true).setTrainable(true)
                .build(), all.get(0));
        assertEquals("steps:0", all.get(1).getVariableName());
        assertEquals(1, meta.getCollectionDefOrThrow("trainable_variables").getBytesList().getValueCount());
        var signature = meta.getSignatureDefOrThrow("serving_default");
        assertEquals(MetaGraph.PREDICT_METHOD, signature.getMethodName());
        assertEquals("x:0", signature.getInputsOrThrow("x").getName());
        assertEquals(-1, signature.getInputsOrThrow("x").getTensorShape().getDim(0).getSize());
        assertEquals("y:0", signature.getOutputsOrThrow("y").getName());
    }


    private static VariableDef parse(byte[] bytes) {
        try {
            return VariableDef.parseFrom(bytes);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aWrittenMetaGraphImportsAndRuns(@TempDir Path dir) {
        Map<String, MetaGraph.Signature> sig = buildModel();
        for (String file : List.of("model.meta", "model.pbtxt")) {
            Path path = dir.resolve(file);
            MetaGraph.write(g, path, sig);
            Graph copy = new Graph();
            MetaGraph.Imported imported = MetaGraph.importMetaGraph(copy, path, "restored");
            assertEquals(List.of("restored/w", "restored/steps"), imported.variables().stream().map(Variable::name).toList());
            assertEquals(List.of(true, false), imported.variables().stream().map(Variable::trainable).toList());
            assertEquals(List.of("restored/w"), copy.trainableVariables().stream().map(Variable::name).toList());
            MetaGraph.Signature s = imported.signatures().get("serving_default");
            try (Session session = new Session(copy)) {
                session.run(copy.globalVariablesInitializer());
                Tensor out = session.run(s.outputs().get("y"), Map.of(s.inputs().get("x"), new float[][] {{3, 4}, {1, 0}}));
                assertArrayEquals(new float[] {11, 1}, out.toFloatArray());   // [3 4]·[1 2] = 11, [1 0]·[1 2] = 1
            }
            assertEquals(MetaGraph.export(g, sig).getGraphDef(), MetaGraph.read(path).getGraphDef());
        }
    }

    @Test
    void aSignatureTensorOfAnotherGraphIsRejected() {
        Map<String, MetaGraph.Signature> sig = buildModel();
        Graph other = new Graph();
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> MetaGraph.export(other, sig));
        assertEquals("MetaGraph: signature 'serving_default' maps 'x' to " + x + ", which is not a tensor of " + other,
                e.getMessage());
    }

    @Test
    void aSignatureNamingNoNodeIsRejected() {
        Map<String, MetaGraph.Signature> sig = buildModel();
        MetaGraphDef meta = MetaGraph.export(g, sig);
        MetaGraphDef broken = meta.toBuilder().putSignatureDef("bad", meta.getSignatureDefOrThrow("serving_default")
                .toBuilder().putOutputs("z", meta.getSignatureDefOrThrow("serving_default").getOutputsOrThrow("y")
                        .toBuilder().setName("nowhere:0").build()).build()).build();
        Graph copy = new Graph();
        GraphDefException e = assertThrows(GraphDefException.class, () -> MetaGraph.importMetaGraph(copy, broken, ""));
        assertEquals("MetaGraphDef: node 'nowhere': signature 'bad' names it for 'z', but no node has that name",
                e.getMessage());
        assertEquals(0, copy.operations().size());
    }
}
