package dev.jtensor.nn.metrics;

/**
 * The mean of exact match: {@code yPred == yTrue} elementwise (Keras's {@code Accuracy}).
 *
 * {@snippet :
 * Metric metric = new Accuracy();
 * metric.update(TF.constant(new float[][] {{1}, {2}}), TF.constant(new float[][] {{1}, {3}}));
 * metric.result();   // 0.5
 * }
 */
public class Accuracy extends MeanMetricWrapper {

    /** Named {@code "accuracy"}. */
    public Accuracy() {
        this("accuracy");
    }

    /** With the given name. */
    public Accuracy(String name) {
        super(name, AccuracyFunctions::exact);
    }
}
