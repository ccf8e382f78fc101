package dev.jtensor.examples;

import dev.jtensor.nn.FitOptions;
import dev.jtensor.nn.Sequential;
import dev.jtensor.nn.callbacks.History;
import dev.jtensor.nn.layers.Dense;
import dev.jtensor.nn.layers.InputLayer;
import dev.jtensor.nn.losses.MeanSquaredError;
import dev.jtensor.nn.metrics.Metrics;
import dev.jtensor.nn.optimizers.SGD;
import java.util.List;

/**
 * Seed 002's linear classifier again, the Keras way: the same two clouds ({@link LinearClassifier#twoClouds}),
 * one {@code Dense(1)} layer, mean squared error, plain SGD with learning rate 0.1, 40 full-batch
 * epochs, and binary accuracy at the 0.5 threshold.
 *
 * <p>Run it with {@code ./mvnw -q -pl examples -am compile exec:java -Ddemo=dev.jtensor.examples.KerasLinearClassifier}.
 */
public final class KerasLinearClassifier {

    private KerasLinearClassifier() {
    }

    /** Trains on the two clouds and returns the history (loss and binary_accuracy per epoch). */
    public static History train(LinearClassifier.Data data, int epochs, int verbose) {
        Sequential model = new Sequential(new InputLayer(2), new Dense(1));
        model.compile(new SGD(0.1), new MeanSquaredError(), List.of(Metrics.get("binary_accuracy")));
        return model.fit(data.inputs(), data.targets(),
                FitOptions.epochs(epochs).batchSize(2000).shuffle(false).verbose(verbose));
    }

    public static void main(String[] args) {
        History h = train(LinearClassifier.twoClouds(1), 40, 2);
        System.out.printf("final loss %.4f, accuracy %.4f%n", h.last("loss"), h.last("binary_accuracy"));
    }
}
