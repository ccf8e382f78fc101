package dev.jtensor.nn.metrics;

/**
 * The mean of how often the arg-max of the predictions equals integer labels of shape {@code (batch,)} or {@code (batch, 1)} (Keras's {@code SparseCategoricalAccuracy}).
 *
 * {@snippet :
 * Metric metric = new SparseCategoricalAccuracy();
 * metric.update(TF.constant(new int[] {2, 0}), TF.constant(new float[][] {{0.1f, 0.2f, 0.7f}, {0.3f, 0.6f, 0.1f}}));
 * metric.result();   // 0.5
 * }
 */
public class SparseCategoricalAccuracy extends MeanMetricWrapper {

    /** Named {@code "sparse_categorical_accuracy"}. */
    public SparseCategoricalAccuracy() {
        this("sparse_categorical_accuracy");
    }

    /** With the given name. */
    public SparseCategoricalAccuracy(String name) {
        super(name, AccuracyFunctions::sparseCategorical);
    }
}
