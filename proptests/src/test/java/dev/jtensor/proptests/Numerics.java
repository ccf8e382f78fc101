package dev.jtensor.proptests;

import dev.jtensor.DType;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import dev.jtensor.autodiff.GradientTape;
import dev.jtensor.autodiff.UnconnectedGradients;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Tape gradients and finite differences of a tensor function reduced to a scalar. Instead of a
 * full Jacobian (one backward pass per output element), a function {@code f} is checked through
 * {@code L(x) = sum_i w_i f(x)_i} with fixed weights {@code w} that are distinct and of mixed sign,
 * so that a gradient landing on the wrong output element, with the wrong sign or the wrong scale
 * still shows; one backward pass then gives all of {@code dL/dx}.
 */
final class Numerics {

    private Numerics() {
    }

    /**
     * Weights {@code ±(0.25 .. 1.75)}, distinct, deterministic; {@code salt} gives another sequence.
     * They are float32 values, so they mean the same in float32 and pass a float32 cast unrounded.
     */
    static double[] weights(int n, int salt) {
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            double u = frac(0.6180339887498949 * (i + 1) + 0.31 * salt);
            double sign = frac(0.7548776662466927 * (i + 1) + 0.17 * salt) < 0.5 ? -1 : 1;
            w[i] = (float) (sign * (0.25 + 1.5 * u));
        }
        return w;
    }

    private static double frac(double v) {
        return v - Math.floor(v);
    }

    /** {@link #weights} as a tensor of {@code like}'s shape and dtype. */
    static Tensor weightsLike(Tensor like, int salt) {
        return TF.constant(weights(like.size(), salt), like.dtype(), like.shape().toArray());
    }

    /** {@code sum_i w_i y_i} in double precision with the weights of {@code salt}. */
    static double weighted(Tensor y, int salt) {
        double[] v = y.toDoubleArray(), w = weights(v.length, salt);
        double s = 0;
        for (int i = 0; i < v.length; i++) s += w[i] * v[i];
        return s;
    }

    /** The tape gradients of {@code L = sum w * f(xs)} for every input (zeros where unconnected). */
    static List<Tensor> gradients(Function<List<Tensor>, Tensor> f, List<Tensor> xs) {
        try (GradientTape tape = new GradientTape(false, false)) {
            tape.watch(xs);
            Tensor y = f.apply(xs);
            tape.stop();
            return tape.gradient(y, xs, weightsLike(y, 0), UnconnectedGradients.ZERO);
        }
    }

    /** The central differences of {@link #weighted} {@code f}, one array per input. */
    static List<double[]> finiteDifferences(Function<List<Tensor>, Tensor> f, List<Tensor> xs, double eps) {
        return finiteDifferencesOf(args -> weighted(f.apply(args), 0), xs, eps);
    }

    /** The central differences of a scalar function of the inputs, perturbing one element at a time. */
    static List<double[]> finiteDifferencesOf(ToDoubleFunction<List<Tensor>> s, List<Tensor> xs, double eps) {
        List<double[]> out = new ArrayList<>();
        for (int j = 0; j < xs.size(); j++) {
            Tensor x = xs.get(j);
            double[] base = x.toDoubleArray(), d = new double[base.length];
            for (int i = 0; i < base.length; i++) {
                d[i] = (s.applyAsDouble(moved(xs, j, base, i, eps)) - s.applyAsDouble(moved(xs, j, base, i, -eps)))
                        / (2 * eps);
            }
            out.add(d);
        }
        return out;
    }

    private static List<Tensor> moved(List<Tensor> xs, int j, double[] base, int i, double delta) {
        double[] v = base.clone();
        v[i] += delta;
        List<Tensor> args = new ArrayList<>(xs);
        args.set(j, TF.constant(v, DType.FLOAT64, xs.get(j).shape().toArray()));
        return args;
    }

    /**
     * The projection {@code sum_j <v_j, dL/dx_j>} of the first gradients on fixed weights, computed
     * with an inner tape: a scalar function of the inputs that an outer tape differentiates again.
     */
    static Tensor projectedGradient(Function<List<Tensor>, Tensor> f, List<Tensor> xs) {
        List<Tensor> grads = gradients(f, xs);
        Tensor s = TF.zeros(xs.get(0).dtype());
        for (int j = 0; j < grads.size(); j++) {
            s = s.add(TF.reduceSum(grads.get(j).mul(weightsLike(grads.get(j), j + 1))));
        }
        return s;
    }

    /**
     * Fails unless every {@code |actual - expected| <= atol + rtol |expected|} (or both are the same
     * infinity, or both NaN), naming the worst element.
     */
    static void assertClose(String what, double[] actual, double[] expected, double atol, double rtol) {
        if (actual.length != expected.length) {
            throw new AssertionError(what + ": " + actual.length + " values, expected " + expected.length);
        }
        int worst = -1;
        double worstRatio = 1;
        for (int i = 0; i < actual.length; i++) {
            if (Double.compare(actual[i], expected[i]) == 0) {
                continue; // also equal infinities and NaN against NaN
            }
            double error = Math.abs(actual[i] - expected[i]);
            double ratio = error / (atol + rtol * Math.abs(expected[i]));
            if (!(ratio <= worstRatio)) {
                worst = i;
                worstRatio = Double.isNaN(ratio) ? Double.POSITIVE_INFINITY : ratio;
            }
        }
        if (worst >= 0) {
            throw new AssertionError(String.format("%s differs at flat index %d: got %.17g, expected %.17g "
                            + "(atol %.1e, rtol %.1e)%n      got      %s%n      expected %s", what, worst, actual[worst],
                    expected[worst], atol, rtol, Arrays.toString(actual), Arrays.toString(expected)));
        }
    }

    /** Fails unless {@code |actual - expected| <= tolerance * (1 + max |expected|)} everywhere. */
    static void assertCloseScaled(String what, double[] actual, double[] expected, double tolerance) {
        double scale = 1;
        for (double e : expected) if (Double.isFinite(e)) scale = Math.max(scale, Math.abs(e));
        assertClose(what, actual, expected, tolerance * scale, 0);
    }

    /** Whether every value is zero. */
    static boolean allZero(Tensor t) {
        return Arrays.stream(t.toDoubleArray()).allMatch(v -> v == 0);
    }
}
