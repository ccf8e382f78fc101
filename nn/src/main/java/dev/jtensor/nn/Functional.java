package dev.jtensor.nn;

import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Shape;
import dev.jtensor.Tensor;
import dev.jtensor.nn.layers.KerasTensor;
import dev.jtensor.nn.layers.Layer;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A model made from a graph of {@link KerasTensor}s ({@link Model#of}): running it replays the layer
 * calls in the order they were made, from the given inputs to the outputs.
 */
final class Functional extends Model {

    private final List<KerasTensor> inputs;
    private final List<KerasTensor> outputs;
    /** Every produced value the outputs need, each after the values it is computed from. */
    private final List<KerasTensor> order = new ArrayList<>();
    private final List<Layer> layerList;

    Functional(List<KerasTensor> inputs, List<KerasTensor> outputs) {
        if (inputs == null || outputs == null || inputs.isEmpty() || outputs.isEmpty()
                || inputs.stream().anyMatch(java.util.Objects::isNull) || outputs.stream().anyMatch(java.util.Objects::isNull)) {
            throw new InvalidArgumentException("Model.of: inputs and outputs must be non-empty and without nulls, got "
                    + inputs + " and " + outputs);
        }
        for (KerasTensor in : inputs) {
            if (in.layer() != null) {
                throw new InvalidArgumentException("Model.of: input " + in + " is a layer's output; model inputs come "
                        + "from Input.of");
            }
        }
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
        Set<KerasTensor> visited = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (KerasTensor out : outputs) visit(out, visited);
        Set<Layer> layers = new LinkedHashSet<>();
        order.forEach(k -> layers.add(k.layer()));
        this.layerList = List.copyOf(layers);
        ensureBuilt(inputs.get(0).shape());
    }

    private void visit(KerasTensor k, Set<KerasTensor> visited) {
        if (!visited.add(k)) return;
        if (k.layer() == null) {
            if (inputs.stream().noneMatch(in -> in == k)) {
                throw new InvalidArgumentException("Model.of: the outputs depend on " + k + ", which is not among the "
                        + "model's inputs " + inputs);
            }
            return;
        }
        for (KerasTensor in : k.inputs()) visit(in, visited);
        order.add(k);
    }

    /** The model's inputs. */
    List<KerasTensor> inputs() {
        return inputs;
    }

    /** The model's outputs. */
    List<KerasTensor> outputs() {
        return outputs;
    }

    @Override
    public List<Layer> layers() {
        return layerList;
    }

    @Override
    protected List<Object> trackedValues() {
        List<Object> values = new ArrayList<>(layerList);
        values.addAll(super.trackedValues());
        return values;
    }

    @Override
    protected List<Tensor> forwardOutputs(List<Tensor> xs, boolean training) {
        if (xs.size() != inputs.size()) {
            throw new InvalidArgumentException("Model \"" + name() + "\" takes " + inputs.size() + " inputs, got " + xs.size());
        }
        Map<KerasTensor, Tensor> values = new IdentityHashMap<>();
        for (int i = 0; i < xs.size(); i++) {
            Shape expected = inputs.get(i).shape();
            if (!xs.get(i).shape().isCompatibleWith(expected)) {
                throw new InvalidArgumentException("Input " + i + " of model \"" + name() + "\" is incompatible with it: "
                        + "expected shape=" + expected + ", found shape=" + xs.get(i).shape());
            }
            values.put(inputs.get(i), xs.get(i));
        }
        for (KerasTensor k : order) {
            List<Tensor> args = k.inputs().stream().map(values::get).toList();
            values.put(k, args.size() == 1 ? k.layer().call(args.get(0), training) : k.layer().call(args, training));
        }
        return outputs.stream().map(values::get).toList();
    }

    @Override
    protected Tensor forwardAll(List<Tensor> xs, boolean training) {
        List<Tensor> ys = forwardOutputs(xs, training);
        if (ys.size() != 1) {
            throw new InvalidArgumentException("Model \"" + name() + "\" has " + ys.size() + " outputs; use callAll");
        }
        return ys.get(0);
    }

    @Override
    protected Tensor forward(Tensor x, boolean training) {
        return forwardAll(List.of(x), training);
    }
}
