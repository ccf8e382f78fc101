package dev.jtensor.bench;

import static dev.jtensor.TF.*;

import dev.jtensor.Tensor;
import dev.jtensor.Variable;
import dev.jtensor.autodiff.GradientTape;
import java.util.List;

/**
 * The 784-256-10 ReLU network of the training-step benchmarks, its variables initialised from
 * {@link TrainingData}: the softmax cross-entropy loss and one SGD step, written once so that the
 * eager step and the traced one ({@link TrainingStepBenchmark}) run the same code.
 */
final class MlpModel {

    final Variable w1, b1, w2, b2;
    private final List<Variable> params;

    MlpModel(TrainingData data) {
        w1 = new Variable(data.w1());
        b1 = new Variable(data.b1());
        w2 = new Variable(data.w2());
        b2 = new Variable(data.b2());
        params = List.of(w1, b1, w2, b2);
    }

    /** The mean softmax cross-entropy of the network on a batch with one-hot labels. */
    Tensor loss(Tensor images, Tensor labels) {
        Tensor hidden = relu(matmul(images, w1).add(b1));
        Tensor logits = matmul(hidden, w2).add(b2);
        return reduceMean(reduceSum(labels.mul(logSoftmax(logits)), 1).neg());
    }

    /**
     * One SGD step: the loss on a tape, its gradients for the four variables, then
     * {@link Variable#applyGradientDescent} (the fused update TensorFlow's optimizer uses too) on each.
     * Returns the loss before the update.
     */
    Tensor step(Tensor images, Tensor labels) {
        List<Tensor> grads;
        Tensor loss;
        try (GradientTape tape = new GradientTape()) {
            loss = loss(images, labels);
            grads = tape.gradient(loss, params);
        }
        for (int i = 0; i < params.size(); i++) {
            params.get(i).applyGradientDescent(TrainingData.LEARNING_RATE, grads.get(i));
        }
        return loss;
    }

    /** The variables' current values, in order w1, b1, w2, b2. */
    List<Tensor> values() {
        return params.stream().map(Variable::asTensor).toList();
    }
}
