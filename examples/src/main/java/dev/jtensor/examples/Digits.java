package dev.jtensor.examples;

import dev.jtensor.Settings;
import dev.jtensor.Tensor;
import dev.jtensor.nn.FitOptions;
import dev.jtensor.nn.Sequential;
import dev.jtensor.nn.data.Datasets;
import dev.jtensor.nn.data.LabeledData;
import dev.jtensor.nn.layers.Conv2D;
import dev.jtensor.nn.layers.Dense;
import dev.jtensor.nn.layers.Dropout;
import dev.jtensor.nn.layers.Flatten;
import dev.jtensor.nn.layers.InputLayer;
import dev.jtensor.nn.layers.MaxPooling2D;
import dev.jtensor.nn.losses.SparseCategoricalCrossentropy;
import dev.jtensor.nn.optimizers.Adam;
import java.util.Map;

/**
 * scikit-learn's 8x8 handwritten digits (1797 images, {@link Datasets#digits()}), 80/20 split: a
 * 64-128-10 MLP and a small CNN (two 3x3 convolutions around a 2x2 max pooling, dropout, a dense
 * softmax layer), each trained with Adam and {@code fit} under the thread's seed 1 (so the weights
 * and dropout masks repeat), then evaluated on the held-out fifth.
 *
 * <p>Run it with {@code ./mvnw -q -pl examples -am compile exec:java -Ddemo=dev.jtensor.examples.Digits}.
 */
public final class Digits {

    private Digits() {
    }

    /** The digits scaled to [0, 1]: {@code train} 1437 and {@code test} 360 examples. */
    public static LabeledData.TrainTest data() {
        LabeledData.TrainTest split = Datasets.digits().trainTestSplit(0.2, 42);
        return new LabeledData.TrainTest(scaled(split.train()), scaled(split.test()));
    }

    private static LabeledData scaled(LabeledData d) {
        return new LabeledData(d.features().div(16f), d.labels());
    }

    /** The MLP, 30 epochs; returns its test loss and accuracy. */
    public static Map<String, Double> mlp(LabeledData.TrainTest data, int verbose) {
        try (var seed = Settings.withSeed(1)) {
            return mlpRun(data, verbose);
        }
    }

    private static Map<String, Double> mlpRun(LabeledData.TrainTest data, int verbose) {
        Sequential model = new Sequential(new InputLayer(64), new Dense(128, "relu"), new Dense(10));
        model.compile(new Adam(1e-3), new SparseCategoricalCrossentropy(true), "accuracy");
        model.fit(data.train().features(), data.train().labels(), FitOptions.epochs(30).batchSize(32).seed(1).verbose(verbose));
        return model.evaluate(data.test().features(), data.test().labels());
    }

    /** The CNN, 25 epochs; returns its test loss and accuracy. */
    public static Map<String, Double> cnn(LabeledData.TrainTest data, int verbose) {
        try (var seed = Settings.withSeed(1)) {
            return cnnRun(data, verbose);
        }
    }

    private static Map<String, Double> cnnRun(LabeledData.TrainTest data, int verbose) {
        Sequential model = new Sequential(new InputLayer(8, 8, 1),
                new Conv2D(32, 3).padding("same").activation("relu"),
                new MaxPooling2D(2),
                new Conv2D(64, 3).padding("same").activation("relu"),
                new Flatten(),
                new Dropout(0.3),
                new Dense(10));
        model.compile(new Adam(1e-3), new SparseCategoricalCrossentropy(true), "accuracy");
        if (verbose > 0) System.out.println(model.summary());
        Tensor images = data.train().features().reshape(-1, 8, 8, 1);
        model.fit(images, data.train().labels(), FitOptions.epochs(25).batchSize(32).seed(1).verbose(verbose));
        return model.evaluate(data.test().features().reshape(-1, 8, 8, 1), data.test().labels());
    }

    public static void main(String[] args) {
        LabeledData.TrainTest data = data();
        System.out.println("MLP test: " + mlp(data, 2));
        System.out.println("CNN test: " + cnn(data, 2));
    }
}
