package dev.jtensor.nn.metrics;

import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Tensor;
import dev.jtensor.internal.Inputs;
import dev.jtensor.nn.losses.BinaryCrossentropy;
import dev.jtensor.nn.losses.CategoricalCrossentropy;
import dev.jtensor.nn.losses.Loss;
import dev.jtensor.nn.losses.MeanAbsoluteError;
import dev.jtensor.nn.losses.MeanSquaredError;
import dev.jtensor.nn.losses.Reduction;
import dev.jtensor.nn.losses.SparseCategoricalCrossentropy;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Metrics by Keras's names, as {@code compile(metrics=[...])} resolves them.
 *
 * {@snippet :
 * Metric accuracy = Metrics.get("accuracy");   // binary, sparse or categorical at its first update
 * Metric mse = Metrics.get("mse");             // the mean of the per-sample squared error
 * }
 *
 * <p>{@code "accuracy"} and {@code "acc"} resolve as Keras's compile does, by the shapes of the first
 * update: {@code yPred}'s last dimension 1 gives binary accuracy; {@code yTrue} of lower rank than
 * {@code yPred}, or {@code yTrue}'s last dimension 1 with {@code yPred}'s larger, sparse categorical
 * accuracy; anything else categorical accuracy. The metric is named {@code "accuracy"}. Losses used
 * as metrics ({@code "mse"}, {@code "mae"}, the cross-entropies) are the mean of their per-sample
 * values, named as asked.
 */
public final class Metrics {
    private static final Map<String, Function<String, Metric>> BY_NAME = new LinkedHashMap<>();

    static {
        register(name -> new MeanMetricWrapper("accuracy", new ResolvedAccuracy()), "accuracy", "acc");
        register(name -> new BinaryAccuracy(), "binary_accuracy");
        register(name -> new CategoricalAccuracy(), "categorical_accuracy");
        register(name -> new SparseCategoricalAccuracy(), "sparse_categorical_accuracy");
        register(name -> new Precision(), "precision");
        register(name -> new Recall(), "recall");
        register(name -> new AUC(), "auc");
        register(name -> lossMean(name, new MeanSquaredError(Reduction.NONE)), "mse", "mean_squared_error");
        register(name -> lossMean(name, new MeanAbsoluteError(Reduction.NONE)), "mae", "mean_absolute_error");
        register(name -> lossMean(name, new BinaryCrossentropy(false, 0, Reduction.NONE)), "binary_crossentropy");
        register(name -> lossMean(name, new CategoricalCrossentropy(false, 0, Reduction.NONE)),
                "categorical_crossentropy");
        register(name -> lossMean(name, new SparseCategoricalCrossentropy(false, Reduction.NONE)),
                "sparse_categorical_crossentropy");
    }

    private Metrics() {
    }

    private static void register(Function<String, Metric> factory, String... names) {
        for (String name : names) BY_NAME.put(name, factory);
    }

    private static Metric lossMean(String name, Loss perSample) {
        return new MeanMetricWrapper(name, perSample::call);
    }

    /**
     * A new metric for Keras's {@code name}.
     *
     * @throws InvalidArgumentException for an unknown name, listing the known ones
     */
    public static Metric get(String name) {
        Inputs.nonNull(name, "Metrics.get", "name");
        Function<String, Metric> factory = BY_NAME.get(name);
        if (factory == null) {
            throw new InvalidArgumentException("Metrics.get: unknown metric '" + name + "'; known metrics: "
                    + String.join(", ", BY_NAME.keySet()));
        }
        return factory.apply(name);
    }

    /** Keras compile's choice of accuracy, made from the shapes of the first update and kept. */
    static final class ResolvedAccuracy implements BiFunction<Tensor, Tensor, Tensor> {
        private volatile BiFunction<Tensor, Tensor, Tensor> chosen;

        @Override
        public Tensor apply(Tensor yTrue, Tensor yPred) {
            BiFunction<Tensor, Tensor, Tensor> fn = chosen;
            if (fn == null) {
                fn = choose(yTrue, yPred);
                chosen = fn;
            }
            return fn.apply(yTrue, yPred);
        }

        static BiFunction<Tensor, Tensor, Tensor> choose(Tensor yTrue, Tensor yPred) {
            int trueLast = yTrue.rank() == 0 ? -1 : yTrue.shape().get(-1);
            int predLast = yPred.rank() == 0 ? -1 : yPred.shape().get(-1);
            if (predLast == 1) {
                return (t, p) -> AccuracyFunctions.binary(t, p, 0.5);
            }
            if (yTrue.rank() < yPred.rank() || (trueLast == 1 && predLast > 1)) {
                return AccuracyFunctions::sparseCategorical;
            }
            return AccuracyFunctions::categorical;
        }
    }
}
