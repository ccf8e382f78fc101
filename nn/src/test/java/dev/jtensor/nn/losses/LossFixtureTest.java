package dev.jtensor.nn.losses;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtensor.DType;
import dev.jtensor.Tensor;
import dev.jtensor.nn.Fixtures;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every loss's value against the NumPy references of gen_nn_fixtures.py (losses.npz). */
class LossFixtureTest {
    private static final Fixtures FIXTURES = Fixtures.load("losses.npz");

    static Stream<Arguments> cases() {
        Map<String, Supplier<Loss>> cases = new LinkedHashMap<>();
        for (Reduction r : Reduction.values()) {
            String suffix = "_" + r.name().toLowerCase();
            cases.put("mse" + suffix, () -> new MeanSquaredError(r));
            cases.put("mse_weighted" + suffix, () -> new MeanSquaredError(r));
            cases.put("mae" + suffix, () -> new MeanAbsoluteError(r));
            cases.put("huber" + suffix, () -> new Huber(1.0, r));
        }
        cases.put("mse_weight_column", MeanSquaredError::new);
        cases.put("mse_labels_rank1", MeanSquaredError::new);
        cases.put("mse_rank3", MeanSquaredError::new);
        cases.put("mae_weighted", MeanAbsoluteError::new);
        cases.put("huber_delta_half", () -> new Huber(0.5));
        cases.put("huber_delta_three", () -> new Huber(3.0));
        cases.put("bce_probs", () -> new BinaryCrossentropy(false));
        cases.put("bce_probs_smoothed", () -> new BinaryCrossentropy(false, 0.2));
        cases.put("bce_logits", () -> new BinaryCrossentropy(true));
        cases.put("bce_logits_smoothed", () -> new BinaryCrossentropy(true, 0.2));
        cases.put("bce_logits_sum", () -> new BinaryCrossentropy(true, 0, Reduction.SUM));
        cases.put("bce_logits_none", () -> new BinaryCrossentropy(true, 0, Reduction.NONE));
        cases.put("cce_probs", () -> new CategoricalCrossentropy(false));
        cases.put("cce_probs_smoothed", () -> new CategoricalCrossentropy(false, 0.1));
        cases.put("cce_logits", () -> new CategoricalCrossentropy(true));
        cases.put("cce_logits_smoothed", () -> new CategoricalCrossentropy(true, 0.1));
        cases.put("cce_logits_soft_labels", () -> new CategoricalCrossentropy(true));
        cases.put("cce_logits_none", () -> new CategoricalCrossentropy(true, 0, Reduction.NONE));
        cases.put("scce_logits", () -> new SparseCategoricalCrossentropy(true));
        cases.put("scce_logits_column", () -> new SparseCategoricalCrossentropy(true));
        cases.put("scce_probs", () -> new SparseCategoricalCrossentropy(false));
        cases.put("scce_logits_sum", () -> new SparseCategoricalCrossentropy(true, Reduction.SUM));
        cases.put("scce_logits_none", () -> new SparseCategoricalCrossentropy(true, Reduction.NONE));
        long inFixture = FIXTURES.arrays().keySet().stream().filter(k -> k.endsWith("__expected")).count();
        assertEquals(inFixture, cases.size(), "every fixture case has a loss here");
        return cases.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void valueMatchesNumpy(String name, Supplier<Loss> loss) {
        Tensor yTrue = FIXTURES.get(name, "y_true"), yPred = FIXTURES.get(name, "y_pred");
        Tensor weight = FIXTURES.optional(name, "weight");
        Tensor expected = FIXTURES.get(name, "expected");
        Tensor value = loss.get().call(yTrue, yPred, weight);
        assertEquals(DType.FLOAT32, value.dtype());
        assertArrayEquals(expected.shape().toArray(), value.shape().toArray(), name + " shape");
        double[] want = expected.toDoubleArray(), got = value.toDoubleArray();
        for (int i = 0; i < want.length; i++) {
            assertTrue(Double.isFinite(got[i]), name + "[" + i + "] is " + got[i]);
            assertEquals(want[i], got[i], 2e-6 * Math.max(1, Math.abs(want[i])), name + "[" + i + "]");
        }
        if (name.startsWith("bce_probs")) {
            return;   // a probability of 1 clips to float32's 1 - 1e-7 there and to float64's here: other values
        }
        // the clipping bounds differ in float64 by up to 1e-8 (float32's 1e-7 is the reference's)
        double tolerance = name.contains("probs") ? 1e-8 : 1e-12;
        Tensor inDouble = loss.get().call(yTrue.cast(DType.FLOAT64), yPred.cast(DType.FLOAT64),
                weight == null ? null : weight.cast(DType.FLOAT64));
        double[] exact = inDouble.toDoubleArray();
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], exact[i], tolerance * Math.max(1, Math.abs(want[i])), name + " in float64 [" + i + "]");
        }
    }
}
