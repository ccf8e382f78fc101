package dev.jtensor.nn.optimizers;

import static org.junit.jupiter.api.Assertions.*;

import dev.jtensor.DType;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import dev.jtensor.Variable;
import dev.jtensor.nn.optimizers.schedules.CosineDecay;
import dev.jtensor.nn.optimizers.schedules.ExponentialDecay;
import dev.jtensor.nn.optimizers.schedules.PiecewiseConstantDecay;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every optimizer over several steps against an independent plain-Java float64 loop of the
 * formulas in Keras 3's documentation (and the papers), clipping and schedules included.
 */
class OptimizerFormulasTest {

    static final int N = 6, STEPS = 5;

    static double[] initial() {
        double[] w = new double[N];
        for (int i = 0; i < N; i++) w[i] = 0.5 - 0.1 * i;
        return w;
    }

    /** The gradient of step {@code t}: some entries above 1, so that clipping bites. */
    static double[] gradient(int t) {
        double[] g = new double[N];
        for (int i = 0; i < N; i++) g[i] = Math.cos(0.7 * i + 1.3 * t) * (1 + t);
        return g;
    }

    /** One reference step: updates {@code w} (and its own state) by {@code g} at step {@code t} (0-based). */
    interface Reference {
        void step(double[] w, double[] g, int t);
    }

    /** {@code STEPS} updates of a float64 2x3 variable by {@code optimizer}; the final values. */
    static double[] run(Optimizer optimizer, DType dtype) {
        Variable w = new Variable(TF.constant(initial(), dtype, 2, 3), "dense/kernel", true);
        for (int t = 0; t < STEPS; t++) {
            optimizer.applyGradients(List.of(TF.constant(gradient(t), dtype, 2, 3)), List.of(w));
        }
        assertEquals(STEPS, optimizer.iterations().longValue());
        return w.toDoubleArray();
    }

    static double[] reference(Reference rule) {
        double[] w = initial();
        for (int t = 0; t < STEPS; t++) rule.step(w, gradient(t), t);
        return w;
    }

    static void assertSteps(Reference rule, Optimizer optimizer) {
        assertArrayEquals(reference(rule), run(optimizer, DType.FLOAT64), 1e-12, optimizer.name());
    }

    @Test
    void sgd() {
        assertSteps((w, g, t) -> { for (int i = 0; i < N; i++) w[i] -= 0.1 * g[i]; }, new SGD(0.1));
    }

    @Test
    void sgdWithMomentumAndNesterov() {
        for (boolean nesterov : new boolean[] {false, true}) {
            double[] m = new double[N];
            assertSteps((w, g, t) -> {
                for (int i = 0; i < N; i++) {
                    m[i] = 0.9 * m[i] - 0.05 * g[i];
                    w[i] += nesterov ? 0.9 * m[i] - 0.05 * g[i] : m[i];
                }
            }, SGD.builder().learningRate(0.05).momentum(0.9).nesterov(nesterov).build());
        }
    }

    /** Adam as Keras documents it, with AdamW's decoupled decay first when {@code decay > 0}. */
    static Reference adam(double lr, double b1, double b2, double eps, boolean amsgrad, double decay) {
        double[] m = new double[N], v = new double[N], vhat = new double[N];
        return (w, g, t) -> {
            double alpha = lr * Math.sqrt(1 - Math.pow(b2, t + 1)) / (1 - Math.pow(b1, t + 1));
            for (int i = 0; i < N; i++) {
                w[i] -= w[i] * decay * lr;
                m[i] = b1 * m[i] + (1 - b1) * g[i];
                v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
                vhat[i] = Math.max(vhat[i], v[i]);
                w[i] -= alpha * m[i] / (Math.sqrt(amsgrad ? vhat[i] : v[i]) + eps);
            }
        };
    }

    @Test
    void adamWithKerasDefaultsAndAmsgrad() {
        assertSteps(adam(0.001, 0.9, 0.999, 1e-7, false, 0), new Adam());
        assertSteps(adam(0.01, 0.8, 0.99, 1e-3, true, 0),
                Adam.builder().learningRate(0.01).beta1(0.8).beta2(0.99).epsilon(1e-3).amsgrad(true).build());
    }

    @Test
    void adamWDecaysTheWeightsBeforeTheUpdate() {
        assertSteps(adam(0.001, 0.9, 0.999, 1e-7, false, 0.004), new AdamW());
        assertSteps(adam(0.05, 0.9, 0.999, 1e-7, false, 0.1), new AdamW(0.05, 0.1));
    }

    @Test
    void rmspropInAllFourForms() {
        for (boolean centered : new boolean[] {false, true}) {
            for (double mu : new double[] {0, 0.5}) {
                double[] rms = new double[N], mg = new double[N], mom = new double[N];
                double lr = 0.01, rho = 0.8, eps = 1e-4;
                assertSteps((w, g, t) -> {
                    for (int i = 0; i < N; i++) {
                        rms[i] = rho * rms[i] + (1 - rho) * g[i] * g[i];
                        mg[i] = rho * mg[i] + (1 - rho) * g[i];
                        double increment = lr * g[i] / Math.sqrt(rms[i] - (centered ? mg[i] * mg[i] : 0) + eps);
                        mom[i] = mu * mom[i] + increment;
                        w[i] -= mom[i];
                    }
                }, RMSprop.builder().learningRate(lr).rho(rho).epsilon(eps).momentum(mu).centered(centered).build());
            }
        }
    }

    @Test
    void adagradStartsItsAccumulatorAtTheInitialValue() {
        double[] acc = new double[N];
        java.util.Arrays.fill(acc, 0.1);
        assertSteps((w, g, t) -> {
            for (int i = 0; i < N; i++) {
                acc[i] += g[i] * g[i];
                w[i] -= 0.5 * g[i] / Math.sqrt(acc[i] + 1e-7);
            }
        }, new Adagrad(0.5));
    }

    static double norm(double[] g) {
        double s = 0;
        for (double x : g) s += x * x;
        return Math.sqrt(s);
    }

    @Test
    void clippingByValueByNormAndByGlobalNorm() {
        assertSteps((w, g, t) -> {
            for (int i = 0; i < N; i++) w[i] -= 0.1 * Math.max(-0.5, Math.min(0.5, g[i]));
        }, SGD.builder().learningRate(0.1).clipValue(0.5).build());
        assertSteps((w, g, t) -> {
            double scale = 1.5 / Math.max(norm(g), 1.5);
            for (int i = 0; i < N; i++) w[i] -= 0.1 * g[i] * scale;
        }, SGD.builder().learningRate(0.1).clipNorm(1.5).build());
        // the global norm spans both variables: here the second is the first's gradient times 2
        SGD sgd = SGD.builder().learningRate(0.1).globalClipNorm(2).build();
        Variable a = new Variable(TF.constant(initial()), "a", true), b = new Variable(TF.constant(initial()), "b", true);
        double[] wa = initial(), wb = initial();
        for (int t = 0; t < STEPS; t++) {
            double[] g = gradient(t);
            double scale = Math.min(1, 2 / (norm(g) * Math.sqrt(5)));
            for (int i = 0; i < N; i++) {
                wa[i] -= 0.1 * g[i] * scale;
                wb[i] -= 0.1 * 2 * g[i] * scale;
            }
            Tensor ga = TF.constant(g);
            sgd.applyGradients(List.of(ga, ga.mul(2.0)), List.of(a, b));
        }
        assertArrayEquals(wa, a.toDoubleArray(), 1e-12);
        assertArrayEquals(wb, b.toDoubleArray(), 1e-12);
    }

    @Test
    void schedulesGiveKerasValuesAtEachStep() {
        var exponential = new ExponentialDecay(0.1, 2, 0.5, false);
        var staircase = new ExponentialDecay(0.1, 2, 0.5, true);
        var cosine = new CosineDecay(0.1, 4, 0.2);
        var piecewise = new PiecewiseConstantDecay(new long[] {1, 3}, new double[] {1.0, 0.5, 0.1});
        double[] piecewiseValues = {1.0, 1.0, 0.5, 0.5, 0.1, 0.1};
        for (int step = 0; step < 6; step++) {
            assertEquals(0.1 * Math.pow(0.5, step / 2.0), exponential.valueAt(step), 1e-15);
            assertEquals(0.1 * Math.pow(0.5, Math.floor(step / 2.0)), staircase.valueAt(step), 1e-15);
            double s = Math.min(step, 4);
            assertEquals(0.1 * (0.8 * 0.5 * (1 + Math.cos(Math.PI * s / 4)) + 0.2), cosine.valueAt(step), 1e-15);
            assertEquals(piecewiseValues[step], piecewise.valueAt(step), 0);
        }
    }

    @Test
    void aScheduleDrivesTheStepsAndLearningRateFollowsTheIterations() {
        var schedule = new ExponentialDecay(0.2, 2, 0.5, true);
        double[] m = new double[N];
        SGD sgd = SGD.builder().learningRate(schedule).momentum(0.5).build();
        assertSteps((w, g, t) -> {
            double lr = 0.2 * Math.pow(0.5, Math.floor(t / 2.0));
            for (int i = 0; i < N; i++) {
                m[i] = 0.5 * m[i] - lr * g[i];
                w[i] += m[i];
            }
        }, sgd);
        assertEquals(0.2 * 0.25, sgd.learningRate(), 1e-15, "at iteration 5");
    }

    @Test
    void float32StepsAgreeWithTheFloat64Reference() {
        double[] expected = reference(adam(0.01, 0.9, 0.999, 1e-7, false, 0));
        assertArrayEquals(expected, run(new Adam(0.01), DType.FLOAT32), 1e-5);
    }

    @Test
    void setLearningRateChangesLaterSteps() {
        SGD sgd = new SGD(0.1);
        Variable w = new Variable(TF.constant(new double[] {1.0}), "w", true);
        sgd.applyGradients(List.of(TF.constant(new double[] {1.0})), List.of(w));
        sgd.setLearningRate(0.25);
        assertEquals(0.25, sgd.learningRate());
        sgd.applyGradients(List.of(TF.constant(new double[] {1.0})), List.of(w));
        assertArrayEquals(new double[] {1 - 0.1 - 0.25}, w.toDoubleArray(), 1e-15);
    }
}
