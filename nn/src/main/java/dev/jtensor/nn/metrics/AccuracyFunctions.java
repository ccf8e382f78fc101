package dev.jtensor.nn.metrics;

import dev.jtensor.DType;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import dev.jtensor.nn.losses.SameRank;

/** Keras's per-sample accuracy functions, on float32 operands; each gives 1 for a match, else 0. */
final class AccuracyFunctions {
    private AccuracyFunctions() {
    }

    /** Keras's {@code accuracy}: exact equality, elementwise. */
    static Tensor exact(Tensor yTrue, Tensor yPred) {
        SameRank pair = SameRank.of(yTrue, yPred);
        return TF.equal(pair.first(), pair.second()).cast(DType.FLOAT32);
    }

    /** Keras's {@code binary_accuracy}: {@code yPred > threshold} against the label. */
    static Tensor binary(Tensor yTrue, Tensor yPred, double threshold) {
        SameRank pair = SameRank.of(yTrue, yPred);
        Tensor predicted = pair.second().greater(threshold).cast(DType.FLOAT32);
        return TF.equal(pair.first(), predicted).cast(DType.FLOAT32);
    }

    /** Keras's {@code categorical_accuracy}: the arg-max of one-hot labels against that of the predictions. */
    static Tensor categorical(Tensor yTrue, Tensor yPred) {
        return TF.equal(TF.argMax(yTrue, -1), TF.argMax(yPred, -1)).cast(DType.FLOAT32);
    }

    /** Keras's {@code sparse_categorical_accuracy}: class indices against the predictions' arg-max. */
    static Tensor sparseCategorical(Tensor yTrue, Tensor yPred) {
        Tensor labels = yTrue.rank() == yPred.rank() ? yTrue.squeeze(-1) : yTrue;
        Tensor predicted = TF.argMax(yPred, -1).cast(DType.FLOAT32);
        return TF.equal(labels, predicted).cast(DType.FLOAT32);
    }
}
