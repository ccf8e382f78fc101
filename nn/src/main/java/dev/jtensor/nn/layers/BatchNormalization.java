package dev.jtensor.nn.layers;

import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Shape;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import dev.jtensor.Variable;
import dev.jtensor.nn.distribute.ReplicaContext;
import dev.jtensor.nn.initializers.Initializers;
import java.util.stream.IntStream;

/**
 * Keras's {@code BatchNormalization} over the last axis (the channels of NHWC images, the features of
 * a matrix). In training it normalises with the batch's mean and (biased) variance and moves the
 * non-trainable {@code moving_mean}/{@code moving_variance} toward them:
 * {@code moving = moving * momentum + batch * (1 - momentum)}, an assignment that runs at every call
 * of a traced train step too. At inference it normalises with the moving statistics. Defaults are
 * Keras's: momentum 0.99, epsilon 1e-3, a learned scale (gamma, ones) and offset (beta, zeros).
 *
 * {@snippet :
 * BatchNormalization bn = new BatchNormalization();
 * Tensor y = bn.call(x, true);       // each feature of y has mean 0 and variance ~1 over the batch
 * Tensor z = bn.call(x);             // inference: the moving statistics
 * }
 */
public final class BatchNormalization extends Layer {

    private final double momentum;
    private final double epsilon;
    private Variable gamma;
    private Variable beta;
    private Variable movingMean;
    private Variable movingVariance;

    /** Keras's defaults: momentum 0.99, epsilon 0.001. */
    public BatchNormalization() {
        this(0.99, 1e-3);
    }

    /** A layer with the given momentum of the moving statistics (in [0, 1]) and epsilon (positive). */
    public BatchNormalization(double momentum, double epsilon) {
        if (!(momentum >= 0 && momentum <= 1) || !(epsilon > 0)) {
            throw new InvalidArgumentException("BatchNormalization: momentum must be in [0, 1] and epsilon positive, got "
                    + "momentum=" + momentum + ", epsilon=" + epsilon);
        }
        this.momentum = momentum;
        this.epsilon = epsilon;
    }

    /** The moving mean (non-trainable); null before the layer is built. */
    public Variable movingMean() {
        return movingMean;
    }

    /** The moving variance (non-trainable); null before the layer is built. */
    public Variable movingVariance() {
        return movingVariance;
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
        movingMean = addWeight("moving_mean", features, Initializers.zeros(), false, null);
        movingVariance = addWeight("moving_variance", features, Initializers.ones(), false, null);
    }

    @Override
    protected void checkInput(Shape inputShape) {
        requireRank(inputShape, builtInputShape().rank(), true);
        requireDim(inputShape, -1, gamma.shape().get(0));
    }

    @Override
    protected Tensor forward(Tensor x, boolean training) {
        if (!training) {
            return Normalization.normalize(x, movingMean, movingVariance, epsilon, gamma, beta);
        }
        int[] batchAxes = IntStream.range(0, x.rank() - 1).toArray();
        Tensor mean = TF.reduceMean(x, batchAxes);
        Tensor variance = TF.reduceMean(TF.squaredDifference(x, mean), batchAxes);
        ReplicaContext.assignState(movingMean, movingMean.mul(momentum).add(mean.mul(1 - momentum)));
        ReplicaContext.assignState(movingVariance, movingVariance.mul(momentum).add(variance.mul(1 - momentum)));
        return Normalization.normalize(x, mean, variance, epsilon, gamma, beta);
    }
}
