package dev.jtensor.nn.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtensor.DType;
import dev.jtensor.InvalidArgumentException;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad input: each a specific InvalidArgumentException naming the loss and what is wrong. */
class LossErrorTest {

    @Test
    void mismatchedShapesNameTheLossAndBothShapes() {
        assertMessage(() -> new CategoricalCrossentropy().call(TF.zeros(32, 10), TF.zeros(32, 5)),
                "CategoricalCrossentropy: yTrue and yPred must have the same shape, got yTrue shape (32, 10) "
                        + "and yPred shape (32, 5)");
        assertMessage(() -> new MeanSquaredError().call(TF.zeros(4, 3), TF.zeros(4)),
                "MeanSquaredError: yTrue and yPred must have the same shape, got yTrue shape (4, 3) "
                        + "and yPred shape (4,)");
        assertMessage(() -> new BinaryCrossentropy(true).call(TF.zeros(8), TF.zeros(8, 2)),
                "BinaryCrossentropy: yTrue and yPred must have the same shape, got yTrue shape (8,) "
                        + "and yPred shape (8, 2)");
    }

    @Test
    void sparseLabelsOfTheWrongRankNameBothShapes() {
        assertMessage(() -> new SparseCategoricalCrossentropy(true).call(TF.zeros(DType.INT32, 4, 10), TF.zeros(4, 10)),
                "SparseCategoricalCrossentropy: yTrue must hold class indices, of rank one less than yPred "
                        + "(or with a last dimension of 1), got yTrue shape (4, 10) and yPred shape (4, 10)");
        assertMessage(() -> new SparseCategoricalCrossentropy(true).call(TF.zeros(DType.INT32, 5), TF.zeros(4, 10)),
                "SparseCategoricalCrossentropy: yTrue and yPred disagree on dimension 0, got yTrue shape (5,) "
                        + "and yPred shape (4, 10)");
    }

    @Test
    void booleanLabelsAndIntegerPredictionsAreRefused() {
        Tensor flags = TF.constant(new boolean[][] {{true, false}});
        assertMessage(() -> new BinaryCrossentropy().call(flags, TF.zeros(1, 2)),
                "BinaryCrossentropy: yTrue must be numeric (a float or integer type), got bool "
                        + "(yTrue shape (1, 2), yPred float32 (1, 2))");
        assertMessage(() -> new MeanSquaredError().call(TF.zeros(2, 2), TF.zeros(DType.INT32, 2, 2)),
                "MeanSquaredError: yPred must be float32 or float64, got int32 (yPred shape (2, 2), yTrue dtype float32)");
        assertMessage(() -> new MeanSquaredError().call(TF.zeros(2, 2), TF.zeros(2, 2), flags),
                "MeanSquaredError: sampleWeight must be numeric, got bool (sampleWeight shape (1, 2))");
    }

    @Test
    void weightsThatDoNotBroadcastNameBothShapes() {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> new MeanSquaredError().call(TF.zeros(4, 3), TF.zeros(4, 3), TF.ones(3)));
        assertEquals("MeanSquaredError: sampleWeight shape (3,) does not broadcast to the per-sample losses' shape (4,)",
                e.getMessage());
    }

    @Test
    void nullArgumentsAndBadParametersAreNamed() {
        assertMessage(() -> new Huber().call(null, TF.zeros(2)), "Huber: yTrue is null");
        assertMessage(() -> new Huber().call(TF.zeros(2), null), "Huber: yPred is null");
        assertMessage(() -> new Huber(0), "Huber: delta must be positive and finite, got 0.0");
        assertMessage(() -> new CategoricalCrossentropy(true, 1.5), "CategoricalCrossentropy: labelSmoothing must be "
                + "in [0, 1], got 1.5");
        assertMessage(() -> new BinaryCrossentropy(true, Double.NaN), "BinaryCrossentropy: labelSmoothing must be "
                + "in [0, 1], got NaN");
        assertMessage(() -> new MeanSquaredError().call(TF.constant(1f), TF.constant(2f)),
                "MeanSquaredError: yTrue and yPred must have rank >= 1 (a batch), got scalars");
    }

    @Test
    void unknownNamesListTheKnownOnes() {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> Losses.get("mean_squared"));
        assertTrue(e.getMessage().startsWith("Losses.get: unknown loss 'mean_squared'; known losses: mean_squared_error, mse"),
                e.getMessage());
        assertTrue(e.getMessage().contains("sparse_categorical_crossentropy"), e.getMessage());
    }

    @Test
    void namesResolveToKerasDefaults() {
        assertEquals("mean_squared_error", Losses.get("mse").name());
        assertEquals("mean_absolute_error", Losses.get("mae").name());
        assertEquals("huber_loss", Losses.get("huber").name());
        assertEquals(1.0, ((Huber) Losses.get("huber")).delta());
        assertEquals(false, ((BinaryCrossentropy) Losses.get("binary_crossentropy")).fromLogits());
        assertEquals("categorical_crossentropy", Losses.get("categorical_crossentropy").name());
        assertEquals(false, ((SparseCategoricalCrossentropy) Losses.get("sparse_categorical_crossentropy")).fromLogits());
        assertEquals(Reduction.SUM_OVER_BATCH_SIZE, Losses.get("mean_squared_error").reduction());
    }

    @Test
    void outOfRangeSparseLabelsGiveNaNNotZero() {
        Tensor loss = new SparseCategoricalCrossentropy(true, Reduction.NONE)
                .call(TF.constant(new int[] {0, 3, -1}), TF.zeros(3, 3));
        float[] values = loss.toFloatArray();
        assertEquals(Math.log(3), values[0], 1e-6);
        assertTrue(Float.isNaN(values[1]) && Float.isNaN(values[2]));
    }

    private static void assertMessage(Executable call, String message) {
        assertEquals(message, assertThrows(InvalidArgumentException.class, call).getMessage());
    }
}
