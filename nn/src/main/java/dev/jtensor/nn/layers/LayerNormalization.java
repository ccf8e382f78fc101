package dev.jtensor.nn.layers;

import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Shape;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import dev.jtensor.Variable;
import dev.jtensor.nn.initializers.Initializers;

/**
 * Keras's {@code LayerNormalization} over the last axis: each example's features are normalised
 * with their own mean and (biased) variance, then scaled by gamma (ones) and offset by beta (zeros);
 * epsilon 1e-3 as in Keras. Training and inference compute the same thing.
 *
 * {@snippet :
 * Tensor y = new LayerNormalization().call(TF.constant(new float[][] {{1, 2, 3}}));   // ~[-1.22, 0, 1.22]
 * }
 */
public final class LayerNormalization extends Layer {

    private final double epsilon;
    private Variable gamma;
    private Variable beta;

    /** Epsilon 0.001, as Keras. */
    public LayerNormalization() {
        this(1e-3);
    }

    /** A layer with the given (positive) epsilon. */
    public LayerNormalization(double epsilon) {
        if (!(epsilon > 0)) {
            throw new InvalidArgumentException("LayerNormalization: epsilon must be positive, got " + epsilon);
        }
        this.epsilon = epsilon;
    }

    @Override
    protected void checkBuildShape(Shape inputShape) {
        Normalization.requireFeatures(this, inputShape);
    }

    @Override
    protected void build(Shape inputShape) {
        Shape features = Shape.of(inputShape.get(-1));
        gamma = addWeight("gamma", features, Initializers.ones(), true, null);
        beta = addWeight("beta", features, Initializers.zeros(), true, null);
    }

    @Override
    protected void checkInput(Shape inputShape) {
        requireDim(inputShape, -1, gamma.shape().get(0));
    }

    @Override
    protected Tensor forward(Tensor x, boolean training) {
        int last = x.rank() - 1;
        Tensor mean = TF.reduceMean(x, new int[] {last}, true);
        Tensor variance = TF.reduceMean(TF.squaredDifference(x, mean), new int[] {last}, true);
        return Normalization.normalize(x, mean, variance, epsilon, gamma, beta);
    }
}
