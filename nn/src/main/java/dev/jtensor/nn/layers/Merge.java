package dev.jtensor.nn.layers;

import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Tensor;
import java.util.List;

/** Keras's base of the layers that combine two or more inputs ({@link Concatenate}, {@link Add}). */
public abstract class Merge extends Layer {

    @Override
    protected final Tensor forward(Tensor x, boolean training) {
        throw new InvalidArgumentException("Layer \"" + name() + "\" combines two or more inputs, got one");
    }

    @Override
    protected final Tensor forwardAll(List<Tensor> inputs, boolean training) {
        return inputs.size() < 2 ? forward(inputs.get(0), training) : merge(inputs);
    }

    /** The combination of two or more inputs. */
    protected abstract Tensor merge(List<Tensor> inputs);
}
