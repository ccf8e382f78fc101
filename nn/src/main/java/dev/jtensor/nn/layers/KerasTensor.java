package dev.jtensor.nn.layers;

import dev.jtensor.DType;
import dev.jtensor.Shape;
import dev.jtensor.internal.Inputs;
import java.util.List;

/**
 * A symbolic value of Keras's functional API: what {@link Input#of} returns and what calling a layer
 * on one gives ({@link Layer#call(KerasTensor...)}). It knows its shape (the first dimension, the
 * batch, unknown) and dtype, and the layer and inputs that produce it; {@code Model.of} turns a
 * graph of them into a model.
 *
 * {@snippet :
 * KerasTensor inputs = Input.of(784);
 * KerasTensor hidden = new Dense(64, "relu").call(inputs);
 * KerasTensor outputs = new Dense(10).call(hidden);
 * Model model = Model.of(inputs, outputs);
 * }
 */
public final class KerasTensor {

    private final Shape shape;
    private final DType dtype;
    private final Layer layer;
    private final List<KerasTensor> inputs;
    private final String name;

    /**
     * An output of {@code layer} on {@code inputs}; {@code layer} may be null: a model input (with no inputs).
     *
     * @throws dev.jtensor.InvalidArgumentException if another argument or an input is null
     */
    public KerasTensor(Shape shape, DType dtype, Layer layer, List<KerasTensor> inputs, String name) {
        this.shape = Inputs.nonNull(shape, "KerasTensor", "shape");
        this.dtype = Inputs.nonNull(dtype, "KerasTensor", "dtype");
        this.layer = layer;
        this.inputs = List.copyOf(Inputs.nonNullElements(inputs, "KerasTensor", "inputs"));
        this.name = Inputs.nonNull(name, "KerasTensor", "name");
    }

    /** The shape, batch dimension first (unknown). */
    public Shape shape() {
        return shape;
    }

    /** The dtype. */
    public DType dtype() {
        return dtype;
    }

    /** The layer that produces it; null for a model input. */
    public Layer layer() {
        return layer;
    }

    /** The values the layer is called on; empty for a model input. */
    public List<KerasTensor> inputs() {
        return inputs;
    }

    /** The name: the input's, or the producing layer's. */
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return "<KerasTensor shape=" + shape + ", dtype=" + dtype + ", name=" + name + ">";
    }
}
