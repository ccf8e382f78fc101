package dev.jtensor.nn;

import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Shape;
import dev.jtensor.Tensor;
import dev.jtensor.nn.layers.InputLayer;
import dev.jtensor.nn.layers.Layer;
import java.util.ArrayList;
import java.util.List;

/**
 * Keras's {@code Sequential}: a stack of layers, each fed the previous one's output. With an
 * {@link InputLayer} first it is built at once; otherwise on its first call.
 *
 * {@snippet :
 * Sequential model = new Sequential(
 *         new InputLayer(28, 28, 1),
 *         new Flatten(),
 *         new Dense(128, "relu"),
 *         new Dense(10));
 * System.out.println(model.summary());
 * }
 */
public class Sequential extends Model {

    private final List<Layer> stack = new ArrayList<>();
    private InputLayer input;

    /** A model of {@code layers}, in order; built now if the first is an {@link InputLayer}. */
    public Sequential(Layer... layers) {
        if (layers == null) throw new InvalidArgumentException("Sequential: layers is null");
        for (Layer l : layers) add(l);
    }

    /**
     * Appends a layer. An InputLayer may only come first, and builds the model; a layer added to a
     * built model is built at once for the previous layer's output shape.
     */
    public Sequential add(Layer layer) {
        if (layer == null) throw new InvalidArgumentException("Sequential \"" + name() + "\": add got null");
        if (layer instanceof InputLayer in) {
            if (!stack.isEmpty() || input != null) {
                throw new InvalidArgumentException("Sequential \"" + name() + "\": an InputLayer must be the first layer");
            }
            input = in;
            return this;
        }
        stack.add(layer);
        if (built()) {
            Shape shape = builtInputShape();
            for (Layer l : stack) shape = l.outputShape(shape);
        } else if (input != null) {
            ensureBuilt(input.shape());
        }
        return this;
    }

    @Override
    public List<Layer> layers() {
        return List.copyOf(stack);
    }

    /** The declared input shape, or null without an InputLayer. */
    public Shape declaredInputShape() {
        return input == null ? null : input.shape();
    }

    @Override
    protected List<Object> trackedValues() {
        List<Object> values = new ArrayList<>(stack);
        values.addAll(super.trackedValues());
        return values;
    }

    @Override
    protected void build(Shape inputShape) {
        if (stack.isEmpty()) {
            throw new InvalidArgumentException("Sequential \"" + name() + "\" has no layers");
        }
        Shape shape = inputShape;
        for (Layer l : stack) shape = l.outputShape(shape);
    }

    @Override
    protected void checkInput(Shape inputShape) {
        Shape expected = input != null ? input.shape() : builtInputShape();
        if (!inputShape.isCompatibleWith(expected)) {
            throw new InvalidArgumentException("Input 0 of layer \"" + name() + "\" is incompatible with the layer: "
                    + "expected shape=" + expected + ", found shape=" + inputShape);
        }
    }

    @Override
    protected Tensor forward(Tensor x, boolean training) {
        Tensor y = x;
        for (Layer l : stack) y = l.call(y, training);
        return y;
    }
}
