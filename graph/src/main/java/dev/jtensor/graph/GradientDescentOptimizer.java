package dev.jtensor.graph;

import dev.jtensor.InvalidArgumentException;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import dev.jtensor.Variable;
import dev.jtensor.ops.ApplyGradientDescent;
import dev.jtensor.ops.Dispatch;

/**
 * Plain gradient descent, {@code variable -= learningRate * gradient} (TensorFlow 1's
 * {@code tf.compat.v1.train.GradientDescentOptimizer}), one fused
 * {@code ResourceApplyGradientDescent} operation per variable.
 *
 * {@snippet :
 * Operation trainingOp = new GradientDescentOptimizer(0.01).minimize(mse);
 * session.run(trainingOp, feeds);              // one step
 * }
 */
public final class GradientDescentOptimizer extends Optimizer {

    /**
     * An optimizer taking steps of {@code learningRate} times the gradient.
     *
     * @throws InvalidArgumentException if the learning rate is not positive and finite
     */
    public GradientDescentOptimizer(double learningRate) {
        super("GradientDescent", learningRate);
    }

    @Override
    Tensor applyDense(Graph graph, Tensor gradient, Variable variable) {
        Tensor rate = TF.constant(learningRate, variable.dtype());
        return Dispatch.apply(new ApplyGradientDescent(variable.handle()), rate, gradient);
    }
}
