package dev.jtensor.graph;

import static org.junit.jupiter.api.Assertions.*;

import dev.jtensor.TF;
import dev.jtensor.Tensor;
import dev.jtensor.Variable;
import dev.jtensor.accel.UpdateRule;
import dev.jtensor.graph.proto.GraphDef;
import dev.jtensor.graph.proto.NodeDef;
import dev.jtensor.ops.ApplyUpdate;
import dev.jtensor.ops.Dispatch;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fused Keras updates in a GraphDef: momentum as TensorFlow's ResourceApplyKerasMomentum, the others refused. */
class GraphDefFusedUpdateTest {

    @Test
    void momentumIsWrittenAsKerasMomentumWithTensorFlowsInputOrder() {
        Graph graph = new Graph();
        try (var scope = graph.asDefault()) {
            Variable w = new Variable(TF.ones(2), "w", true), m = new Variable(TF.zeros(2), "w/momentum", false);
            Dispatch.apply(new ApplyUpdate(UpdateRule.NESTEROV_MOMENTUM, List.of(w.handle(), m.handle())),
                    TF.constant(0.1f), TF.constant(0.9f), TF.ones(2));
        }
        GraphDef def = GraphDefs.export(graph);
        NodeDef update = def.getNodeList().stream().filter(n -> n.getOp().equals("ResourceApplyKerasMomentum"))
                .findFirst().orElseThrow();
        List<String> inputs = update.getInputList();
        assertEquals("w", inputs.get(0));
        assertEquals("w/momentum", inputs.get(1));
        assertEquals(5, inputs.size());
        assertEquals(0.1f, constant(def, inputs.get(2)), 0f, "lr");
        assertEquals(0.9f, constant(def, inputs.get(4)), 0f, "momentum, after grad");
        assertTrue(update.getAttrOrThrow("use_nesterov").getB());
    }

    private static float constant(GraphDef def, String name) {
        NodeDef node = def.getNodeList().stream().filter(n -> n.getName().equals(name)).findFirst().orElseThrow();
        return node.getAttrOrThrow("value").getTensor().getFloatVal(0);
    }

    @Test
    void adamIsRefusedWithTheReason() {
        Graph graph = new Graph();
        try (var scope = graph.asDefault()) {
            Variable w = new Variable(TF.ones(2), "w", true), m = new Variable(TF.zeros(2), "m", false),
                    v = new Variable(TF.zeros(2), "v", false);
            Tensor s = TF.constant(0.5f);
            Dispatch.apply(new ApplyUpdate(UpdateRule.ADAM, List.of(w.handle(), m.handle(), v.handle())), s, s, s, s,
                    TF.ones(2));
        }
        var e = assertThrows(GraphDefException.class, () -> GraphDefs.export(graph));
        assertTrue(e.getMessage().contains("ADAM") && e.getMessage().contains("ResourceApplyKerasMomentum"), e.getMessage());
    }
}
