package dev.jtensor.nn.callbacks;

import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.IntConsumer;

/**
 * Keras's {@code LambdaCallback}: a callback from functions, for the epoch and batch ends (the two
 * hooks most often needed); a null function does nothing, and null logs reach the functions as an empty map.
 *
 * {@snippet :
 * var print = LambdaCallback.onEpochEnd((epoch, logs) -> System.out.println(epoch + " " + logs));
 * }
 */
public final class LambdaCallback extends Callback {

    private final IntConsumer epochBegin;
    private final BiConsumer<Integer, Map<String, Double>> epochEnd;
    private final BiConsumer<Integer, Map<String, Double>> batchEnd;

    /** A callback calling the given functions (each may be null). */
    public LambdaCallback(IntConsumer epochBegin, BiConsumer<Integer, Map<String, Double>> epochEnd,
                          BiConsumer<Integer, Map<String, Double>> batchEnd) {
        this.epochBegin = epochBegin;
        this.epochEnd = epochEnd;
        this.batchEnd = batchEnd;
    }

    /** A callback that calls {@code fn(epoch, logs)} after each epoch. */
    public static LambdaCallback onEpochEnd(BiConsumer<Integer, Map<String, Double>> fn) {
        return new LambdaCallback(null, dev.jtensor.internal.Inputs.nonNull(fn, "LambdaCallback.onEpochEnd", "fn"), null);
    }

    /** A callback that calls {@code fn(batch, logs)} after each training step. */
    public static LambdaCallback onBatchEnd(BiConsumer<Integer, Map<String, Double>> fn) {
        return new LambdaCallback(null, null, dev.jtensor.internal.Inputs.nonNull(fn, "LambdaCallback.onBatchEnd", "fn"));
    }

    @Override
    public void onEpochBegin(int epoch) {
        if (epochBegin != null) epochBegin.accept(epoch);
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        if (epochEnd != null) epochEnd.accept(epoch, orEmpty(logs));
    }

    @Override
    public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
        if (batchEnd != null) batchEnd.accept(batch, orEmpty(logs));
    }
}
