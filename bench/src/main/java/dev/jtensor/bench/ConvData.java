package dev.jtensor.bench;

import dev.jtensor.DType;
import dev.jtensor.TF;
import dev.jtensor.Tensor;

/**
 * The convolution benchmarks' inputs, the same on every side: a 64x28x28x1 batch (MNIST's shape)
 * and a 3x3 filter of 32 output channels, float32, from fixed seeds.
 */
record ConvData(Tensor images, Tensor filter) {

    static ConvData create() {
        return new ConvData(TF.randomUniform(new int[] {64, 28, 28, 1}, 0, 1, DType.FLOAT32, 41L),
                TF.randomNormal(new int[] {3, 3, 1, 32}, 0, 0.3, DType.FLOAT32, 42L));
    }
}
