package dev.jtensor.nn.layers;

import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Shape;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import dev.jtensor.Variable;
import dev.jtensor.nn.initializers.Initializer;
import dev.jtensor.nn.initializers.Initializers;

/**
 * Keras's {@code Embedding}: maps integer ids in {@code [0, inputDim)} to rows of a trainable
 * {@code (inputDim, outputDim)} matrix (uniform in ±0.05 by default, as Keras). The gradient reaches
 * only the rows looked up.
 *
 * {@snippet :
 * Embedding words = new Embedding(1000, 16);
 * Tensor vectors = words.call(TF.constant(new int[][] {{4, 20, 7}}));   // (1, 3, 16)
 * }
 */
public final class Embedding extends Layer {

    private final int inputDim;
    private final int outputDim;
    private Initializer initializer = Initializers.randomUniform(-0.05, 0.05, null);
    private Variable embeddings;

    /** A table of {@code inputDim} rows of {@code outputDim} values. */
    public Embedding(int inputDim, int outputDim) {
        if (inputDim <= 0 || outputDim <= 0) {
            throw new InvalidArgumentException("Embedding: inputDim and outputDim must be positive, got " + inputDim
                    + " and " + outputDim);
        }
        this.inputDim = inputDim;
        this.outputDim = outputDim;
    }

    /** The table's initializer. */
    public Embedding embeddingsInitializer(Initializer init) {
        requireNotBuilt("embeddingsInitializer");
        this.initializer = nonNull(init, "embeddingsInitializer");
        return this;
    }

    /** The table, {@code (inputDim, outputDim)}; null before the layer is built. */
    public Variable embeddings() {
        return embeddings;
    }

    @Override
    protected void build(Shape inputShape) {
        embeddings = addWeight("embeddings", Shape.of(inputDim, outputDim), initializer, true, null);
    }

    @Override
    protected Tensor forward(Tensor ids, boolean training) {
        if (!ids.dtype().isInteger()) {
            throw new InvalidArgumentException("Layer \"" + name() + "\": Embedding needs integer ids, got dtype "
                    + ids.dtype() + " for an input of shape " + ids.shape());
        }
        return TF.gather(embeddings, ids, 0);
    }
}
