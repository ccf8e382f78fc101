package dev.jtensor.graph;

import dev.jtensor.Tensor;
import dev.jtensor.Variable;
import dev.jtensor.ops.CreatedVariable;
import dev.jtensor.ops.OpHook;
import dev.jtensor.ops.Primitive;
import dev.jtensor.ops.TensorSpec;

/**
 * What makes ops build a graph: installed by {@link Graph#asDefault()}, it turns every primitive
 * applied on the thread into an operation of the graph (after Dispatch checked its shapes and
 * dtypes), tensors made from Java values into constants, and new variables into graph variables.
 */
final class GraphHook implements OpHook {

    private final Graph graph;

    GraphHook(Graph graph) {
        this.graph = graph;
    }

    @Override
    public Tensor intercept(Primitive primitive, Tensor[] inputs, TensorSpec output) {
        return graph.apply(primitive, inputs, output);
    }

    @Override
    public Tensor constant(Tensor value) {
        return graph.constant(value);
    }

    @Override
    public CreatedVariable createVariable(Variable variable, String name, boolean trainable, Tensor initialValue) {
        return graph.createVariable(variable, name, trainable, initialValue);
    }
}
