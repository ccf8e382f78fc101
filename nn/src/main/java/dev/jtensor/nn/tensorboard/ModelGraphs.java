package dev.jtensor.nn.tensorboard;

import dev.jtensor.DType;
import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Tensor;
import dev.jtensor.graph.Graph;
import dev.jtensor.graph.GraphDefs;
import dev.jtensor.graph.Scope;
import dev.jtensor.graph.proto.GraphDef;
import dev.jtensor.nn.Model;

/** A Keras model's forward pass as a GraphDef, for TensorBoard's graph view. */
final class ModelGraphs {

    private ModelGraphs() {
    }

    /**
     * The model called in inference mode on a placeholder {@code input} of {@code dtype} and the
     * shape it was built for, inside the name scope of the model's name; its weights are captured
     * variables ({@link GraphDefs#exportCapturing}).
     */
    static GraphDef forward(Model model, DType dtype) {
        if (model == null || dtype == null) {
            throw new InvalidArgumentException("SummaryWriter.graph: " + (model == null ? "model" : "inputDtype") + " is null");
        }
        if (!model.built()) {
            throw new InvalidArgumentException("SummaryWriter.graph: model \"" + model.name() + "\" is not built; call "
                    + "it on an input or fit it first");
        }
        Graph graph = new Graph();
        Tensor input = graph.placeholder(dtype, model.builtInputShape(), "input");
        try (Scope scope = graph.asDefault(); Scope names = graph.nameScope(model.name())) {
            model.call(input, false);
        }
        return GraphDefs.exportCapturing(graph);
    }
}
