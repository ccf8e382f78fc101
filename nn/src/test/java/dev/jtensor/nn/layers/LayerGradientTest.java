package dev.jtensor.nn.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtensor.DType;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import dev.jtensor.Variable;
import dev.jtensor.autodiff.GradientChecker;
import dev.jtensor.autodiff.GradientTape;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every layer's gradients, for its input and for each of its trainable weights, against float64
 * central differences, in training mode where the layer has one.
 */
class LayerGradientTest {

    private static final double EPS = 1e-6;

    /** Layer, input shape, whether to call in training mode; all in float64. */
    private record Case(Layer layer, int[] shape, boolean training) {
    }

    private static List<Case> cases() {
        return List.of(
                new Case(new Dense(3, "tanh"), new int[] {4, 5}, false),
                new Case(new Dense(2, "softmax"), new int[] {2, 3, 4}, false),
                new Case(new BatchNormalization(0.9, 1e-3), new int[] {6, 3}, true),
                new Case(new BatchNormalization(), new int[] {2, 3, 3, 2}, false),
                new Case(new LayerNormalization(), new int[] {3, 5}, false),
                new Case(new Conv2D(3, 3).strides(2).padding("same").activation("sigmoid"), new int[] {2, 5, 6, 2}, false),
                new Case(new Conv2D(2, 2, 3), new int[] {1, 4, 5, 3}, false),
                new Case(new AveragePooling2D(2).padding("same"), new int[] {2, 5, 5, 2}, false),
                new Case(new MaxPooling2D(2), new int[] {1, 4, 4, 3}, false),
                new Case(new GlobalAveragePooling2D(), new int[] {2, 3, 3, 2}, false),
                new Case(new Flatten(), new int[] {2, 3, 2}, false),
                new Case(new Reshape(3, 2), new int[] {2, 6}, false));
    }

    @Test
    void inputGradientsMatchFiniteDifferences() {
        for (Case c : cases()) {
            c.layer().dtype(DType.FLOAT64);
            Tensor x = TF.randomNormal(c.shape(), 0, 1, DType.FLOAT64, 17L);
            c.layer().call(x, c.training());   // builds
            GradientChecker.Result r = GradientChecker.check(xs -> c.layer().call(xs.get(0), c.training()), x);
            assertTrue(r.passed(), c.layer().name() + ": " + r);
        }
    }

    @Test
    void weightGradientsMatchFiniteDifferences() {
        int checked = 0;
        for (Case c : cases()) {
            c.layer().dtype(DType.FLOAT64);
            Tensor x = TF.randomNormal(c.shape(), 0, 1, DType.FLOAT64, 19L);
            c.layer().call(x, c.training());
            Tensor probe = TF.randomNormal(c.layer().call(x, c.training()).shape().toArray(), 0, 1, DType.FLOAT64, 23L);
            for (Variable w : c.layer().trainableVariables()) {
                List<Tensor> moving = movingStatistics(c.layer());
                Tensor analytic;
                try (GradientTape tape = new GradientTape()) {
                    analytic = tape.gradient(objective(c, x, probe), w);
                }
                restore(c.layer(), moving);
                double[] numeric = numericGradient(c, x, probe, w, moving);
                double[] a = analytic.toDoubleArray();
                for (int i = 0; i < a.length; i++) {
                    assertEquals(numeric[i], a[i], 1e-5 * (1 + Math.abs(numeric[i])), w.name() + "[" + i + "]");
                }
                checked++;
            }
        }
        assertEquals(2 + 2 + 2 + 2 + 2 + 2 + 2, checked, "every trainable weight of the cases");
    }

    /** {@code sum(layer(x) * probe)}: a scalar whose gradient weights every output differently. */
    private static Tensor objective(Case c, Tensor x, Tensor probe) {
        return TF.reduceSum(c.layer().call(x, c.training()).mul(probe));
    }

    private static double[] numericGradient(Case c, Tensor x, Tensor probe, Variable w, List<Tensor> moving) {
        double[] values = w.asTensor().toDoubleArray();
        double[] grad = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            double saved = values[i];
            values[i] = saved + EPS;
            w.assign(TF.constant(values).reshape(w.shape().toArray()));
            double plus = objective(c, x, probe).doubleValue();
            restore(c.layer(), moving);
            values[i] = saved - EPS;
            w.assign(TF.constant(values).reshape(w.shape().toArray()));
            double minus = objective(c, x, probe).doubleValue();
            restore(c.layer(), moving);
            values[i] = saved;
            w.assign(TF.constant(values).reshape(w.shape().toArray()));
            grad[i] = (plus - minus) / (2 * EPS);
        }
        return grad;
    }

    /** BatchNormalization's moving statistics, which a training call changes (not part of the gradient). */
    private static List<Tensor> movingStatistics(Layer layer) {
        List<Tensor> values = new ArrayList<>();
        for (Variable v : layer.nonTrainableVariables()) values.add(v.asTensor());
        return values;
    }

    private static void restore(Layer layer, List<Tensor> moving) {
        List<Variable> vars = layer.nonTrainableVariables();
        for (int i = 0; i < vars.size(); i++) vars.get(i).assign(moving.get(i));
    }
}
