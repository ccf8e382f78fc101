package dev.jtensor.nn.losses;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtensor.DType;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import dev.jtensor.autodiff.GradientChecker;
import dev.jtensor.autodiff.GradientTape;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every loss's gradient with respect to its predictions (and sample weights) against float64
 * central differences, and the second order (the gradient's gradient) where the loss is smooth.
 * Points are kept away from kinks (|e| = delta, e = 0 for MAE, the clipping bounds).
 */
class LossGradientTest {
    private static final Tensor REG_TRUE = TF.constant(new double[][] {{0.3, -1.2, 2.0}, {0.5, 0.1, -0.7}});
    private static final Tensor REG_PRED = TF.constant(new double[][] {{1.1, -0.4, 0.2}, {-0.9, 0.35, -0.25}});
    private static final Tensor BIN_TRUE = TF.constant(new double[][] {{1, 0, 1}, {0, 0, 1}});
    private static final Tensor BIN_PROBS = TF.constant(new double[][] {{0.8, 0.3, 0.45}, {0.1, 0.65, 0.9}});
    private static final Tensor LOGITS = TF.constant(new double[][] {{1.5, -0.3, 0.2}, {-2.0, 0.7, 1.1}});
    private static final Tensor ONE_HOT = TF.constant(new double[][] {{0, 1, 0}, {0, 0, 1}});
    private static final Tensor CAT_PROBS = TF.constant(new double[][] {{0.2, 0.5, 0.3}, {0.6, 0.15, 0.25}});
    private static final Tensor SPARSE = TF.constant(new int[] {1, 2});
    private static final Tensor WEIGHT = TF.constant(new double[] {0.7, 1.6});

    record Case(String name, Supplier<Loss> loss, Tensor yTrue, Tensor yPred, boolean smooth) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                new Case("mse", MeanSquaredError::new, REG_TRUE, REG_PRED, true),
                new Case("mae", MeanAbsoluteError::new, REG_TRUE, REG_PRED, false),
                new Case("huber", () -> new Huber(1.0), REG_TRUE, REG_PRED, true),
                new Case("huber_delta_0.3", () -> new Huber(0.3), REG_TRUE, REG_PRED, true),
                new Case("bce_probs", BinaryCrossentropy::new, BIN_TRUE, BIN_PROBS, true),
                new Case("bce_logits", () -> new BinaryCrossentropy(true), BIN_TRUE, LOGITS, true),
                new Case("bce_logits_smoothed", () -> new BinaryCrossentropy(true, 0.2), BIN_TRUE, LOGITS, true),
                new Case("cce_probs", CategoricalCrossentropy::new, ONE_HOT, CAT_PROBS, true),
                new Case("cce_logits", () -> new CategoricalCrossentropy(true), ONE_HOT, LOGITS, true),
                new Case("cce_logits_smoothed", () -> new CategoricalCrossentropy(true, 0.1), ONE_HOT, LOGITS, true),
                new Case("scce_logits", () -> new SparseCategoricalCrossentropy(true), SPARSE, LOGITS, true),
                new Case("scce_probs", SparseCategoricalCrossentropy::new, SPARSE, CAT_PROBS, true)
        ).map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void firstOrderMatchesFiniteDifferences(Case c) {
        Loss loss = c.loss().get();
        assertPasses(c + " d/dyPred", xs -> loss.call(c.yTrue(), xs.get(0)), c.yPred());
        assertPasses(c + " d/dweight", xs -> loss.call(c.yTrue(), c.yPred(), xs.get(0)), WEIGHT);
        Loss none = reductionNone(c);
        assertPasses(c + " NONE d/dyPred", xs -> none.call(c.yTrue(), xs.get(0)), c.yPred());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void secondOrderMatchesFiniteDifferencesWhereSmooth(Case c) {
        if (!c.smooth()) {
            return;
        }
        Loss loss = c.loss().get();
        Function<List<Tensor>, Tensor> gradient = xs -> {
            try (GradientTape tape = new GradientTape()) {
                tape.watch(xs.get(0));
                return tape.gradient(loss.call(c.yTrue(), xs.get(0), WEIGHT), xs.get(0));
            }
        };
        assertPasses(c + " second order", gradient, c.yPred());
    }

    private static Loss reductionNone(Case c) {
        return switch (c.loss().get()) {
            case MeanSquaredError l -> new MeanSquaredError(Reduction.NONE);
            case MeanAbsoluteError l -> new MeanAbsoluteError(Reduction.NONE);
            case Huber l -> new Huber(l.delta(), Reduction.NONE);
            case BinaryCrossentropy l -> new BinaryCrossentropy(l.fromLogits(), l.labelSmoothing(), Reduction.NONE);
            case CategoricalCrossentropy l -> new CategoricalCrossentropy(l.fromLogits(), l.labelSmoothing(), Reduction.NONE);
            case SparseCategoricalCrossentropy l -> new SparseCategoricalCrossentropy(l.fromLogits(), Reduction.NONE);
            default -> throw new AssertionError(c);
        };
    }

    private static void assertPasses(String what, Function<List<Tensor>, Tensor> f, Tensor at) {
        GradientChecker.Result result = GradientChecker.check(f, at.cast(DType.FLOAT64));
        assertTrue(result.passed(), what + ": " + result);
    }
}
