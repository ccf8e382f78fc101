package dev.jtensor.nn.metrics;

/**
 * The mean of how often the arg-max of the predictions is that of one-hot labels (Keras's {@code CategoricalAccuracy}).
 *
 * {@snippet :
 * Metric metric = new CategoricalAccuracy();
 * metric.update(TF.oneHot(TF.constant(new int[] {2, 0}), 3), TF.constant(new float[][] {{0.1f, 0.2f, 0.7f}, {0.3f, 0.6f, 0.1f}}));
 * metric.result();   // 0.5
 * }
 */
public class CategoricalAccuracy extends MeanMetricWrapper {

    /** Named {@code "categorical_accuracy"}. */
    public CategoricalAccuracy() {
        this("categorical_accuracy");
    }

    /** With the given name. */
    public CategoricalAccuracy(String name) {
        super(name, AccuracyFunctions::categorical);
    }
}
