package dev.jtensor.examples;

import dev.jtensor.DType;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import dev.jtensor.nn.FitOptions;
import dev.jtensor.nn.Sequential;
import dev.jtensor.nn.callbacks.History;
import dev.jtensor.nn.initializers.Initializers;
import dev.jtensor.nn.layers.Dense;
import dev.jtensor.nn.layers.InputLayer;
import dev.jtensor.nn.losses.MeanSquaredError;
import dev.jtensor.nn.optimizers.SGD;

/**
 * The two-layer network of seeds 001 and 003 with layers: {@code Dense(100, relu)} then
 * {@code Dense(1000)} (Xavier-initialised, as {@code tf.layers.dense} is), the built-in mean squared
 * error, SGD, trained with {@code fit} on the seeds' N=64 random inputs and targets.
 *
 * <p>Run it with {@code ./mvnw -q -pl examples -am compile exec:java -Ddemo=dev.jtensor.examples.KerasTwoLayerNetwork}.
 */
public final class KerasTwoLayerNetwork {

    private KerasTwoLayerNetwork() {
    }

    /** Trains for {@code epochs} full-batch epochs and returns the history of the loss. */
    public static History train(int epochs, long seed, int verbose) {
        Tensor x = TF.randomNormal(new int[] {64, 1000}, 0, 1, DType.FLOAT32, seed);
        Tensor y = TF.randomNormal(new int[] {64, 1000}, 0, 1, DType.FLOAT32, seed + 1);
        Sequential model = new Sequential(new InputLayer(1000),
                new Dense(100, "relu").kernelInitializer(Initializers.glorotUniform(seed + 2)),
                new Dense(1000).kernelInitializer(Initializers.glorotUniform(seed + 3)));
        model.compile(new SGD(0.5), new MeanSquaredError());
        return model.fit(x, y, FitOptions.epochs(epochs).batchSize(64).verbose(verbose));
    }

    public static void main(String[] args) {
        History h = train(50, 0, 2);
        System.out.printf("loss %.4f -> %.4f%n", h.history().get("loss").get(0), h.last("loss"));
    }
}
