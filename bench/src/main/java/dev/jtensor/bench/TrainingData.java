package dev.jtensor.bench;

import static dev.jtensor.TF.*;

import dev.jtensor.DType;
import dev.jtensor.Tensor;

/**
 * The data and initial weights of the training-step benchmarks: a 784-256-10 ReLU network at
 * batch 64, seeded, so that jtensor and TensorFlow Java train from the same numbers.
 */
record TrainingData(Tensor images, Tensor labels, Tensor w1, Tensor b1, Tensor w2, Tensor b2) {

    static final int BATCH = 64, INPUTS = 784, HIDDEN = 256, CLASSES = 10;
    static final double LEARNING_RATE = 0.01;

    static TrainingData create() {
        return new TrainingData(
                randomUniform(new int[] {BATCH, INPUTS}, 0, 1, DType.FLOAT32, 1L),
                oneHot(randomUniform(new int[] {BATCH}, 0, CLASSES, DType.INT32, 2L), CLASSES),
                randomNormal(new int[] {INPUTS, HIDDEN}, 0, 0.05, DType.FLOAT32, 3L),
                zeros(HIDDEN),
                randomNormal(new int[] {HIDDEN, CLASSES}, 0, 0.05, DType.FLOAT32, 4L),
                zeros(CLASSES));
    }
}
