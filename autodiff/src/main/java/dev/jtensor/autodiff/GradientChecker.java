package dev.jtensor.autodiff;

import dev.jtensor.DType;
import dev.jtensor.InvalidArgumentException;
import dev.jtensor.TF;
import dev.jtensor.internal.Inputs;
import dev.jtensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Checks a function's tape gradients against finite differences, like PyTorch's
 * {@code gradcheck} and TensorFlow's gradient checker. For anyone writing a composite op or a
 * {@link CustomGradient}.
 *
 * <p>The analytic Jacobian comes from {@link GradientTape#jacobian}; the numeric one from central
 * differences {@code (f(x + eps) - f(x - eps)) / 2 eps}, one input element at a time, in float64
 * (inputs are cast to float64 first). An entry passes when
 * {@code |analytic - numeric| <= atol + rtol * |numeric|}. Defaults, as PyTorch's:
 * {@code eps = 1e-6}, {@code atol = 1e-5}, {@code rtol = 1e-3}.
 *
 * {@snippet :
 * GradientChecker.Result r = GradientChecker.check(
 *         xs -> TF.reduceLogSumExp(xs.get(0).mul(xs.get(1)), new int[] {1}, false),
 *         TF.randomNormal(new int[] {3, 4}, 0, 1, DType.FLOAT64, 1L),
 *         TF.randomNormal(new int[] {4}, 0, 1, DType.FLOAT64, 2L));
 * if (!r.passed()) throw new AssertionError(r.toString());
 * }
 */
public final class GradientChecker {

    /** Default step of the central differences. */
    public static final double EPS = 1e-6;
    /** Default absolute tolerance. */
    public static final double ATOL = 1e-5;
    /** Default relative tolerance. */
    public static final double RTOL = 1e-3;

    private GradientChecker() {
    }

    /**
     * The outcome: whether every Jacobian entry agreed, and the worst entry (largest error
     * relative to its allowance).
     *
     * @param passed       whether all entries were within tolerance
     * @param input        which input holds the worst entry (-1 if there were no entries)
     * @param outputIndex  flat index of the output element
     * @param inputIndex   flat index of the input element
     * @param analytic     the tape's value there
     * @param numeric      the finite-difference value there
     * @param error        {@code |analytic - numeric|}
     */
    public record Result(boolean passed, int input, int outputIndex, int inputIndex, double analytic,
                         double numeric, double error) {
        @Override
        public String toString() {
            return (passed ? "gradients agree" : "gradients DIFFER") + "; worst entry: input #" + input
                    + ", d out[" + outputIndex + "] / d in[" + inputIndex + "]: analytic " + analytic
                    + ", numeric " + numeric + ", error " + error;
        }
    }

    /** Checks {@code f} at {@code inputs} with the default tolerances. */
    public static Result check(Function<List<Tensor>, Tensor> f, Tensor... inputs) {
        return check(f, Arrays.asList(Inputs.nonNull(inputs, "GradientChecker.check", "inputs")), EPS, ATOL, RTOL);
    }

    /** Checks {@code f} at {@code inputs} with the given step and tolerances. */
    public static Result check(Function<List<Tensor>, Tensor> f, List<Tensor> inputs, double eps, double atol,
                               double rtol) {
        Inputs.nonNull(f, "GradientChecker.check", "f");
        Inputs.nonNull(inputs, "GradientChecker.check", "inputs");
        List<Tensor> xs = new ArrayList<>();
        for (Tensor x : inputs) {
            Inputs.nonNull(x, "GradientChecker.check", "an element of inputs");
            if (!x.dtype().isFloating()) {
                throw new InvalidArgumentException("GradientChecker: input of dtype " + x.dtype()
                        + " is not differentiable");
            }
            xs.add(x.cast(DType.FLOAT64));
        }
        List<double[][]> analytic = analyticJacobians(f, xs);
        Result worst = new Result(true, -1, 0, 0, 0, 0, 0);
        double worstRatio = -1;
        for (int j = 0; j < xs.size(); j++) {
            double[][] numeric = numericJacobian(f, xs, j, eps);
            for (int o = 0; o < numeric.length; o++) {
                for (int i = 0; i < numeric[o].length; i++) {
                    double a = analytic.get(j)[o][i], n = numeric[o][i];
                    double error = Math.abs(a - n);
                    double allowed = atol + rtol * Math.abs(n);
                    double ratio = Double.isNaN(error) ? Double.POSITIVE_INFINITY : error / allowed;
                    if (ratio > worstRatio) {
                        worstRatio = ratio;
                        worst = new Result(ratio <= 1, j, o, i, a, n, error);
                    }
                }
            }
        }
        return worstRatio <= 1 ? new Result(true, worst.input(), worst.outputIndex(), worst.inputIndex(),
                worst.analytic(), worst.numeric(), worst.error()) : worst;
    }

    private static List<double[][]> analyticJacobians(Function<List<Tensor>, Tensor> f, List<Tensor> xs) {
        List<double[][]> out = new ArrayList<>();
        try (GradientTape tape = new GradientTape(true, false)) {
            tape.watch(xs);
            Tensor y = f.apply(xs);
            tape.stop();
            for (Tensor x : xs) {
                Tensor jac = tape.jacobian(y, x);
                double[] flat = jac == null ? new double[y.size() * x.size()] : jac.toDoubleArray();
                double[][] rows = new double[y.size()][x.size()];
                for (int o = 0; o < y.size(); o++) {
                    System.arraycopy(flat, o * x.size(), rows[o], 0, x.size());
                }
                out.add(rows);
            }
        }
        return out;
    }

    private static double[][] numericJacobian(Function<List<Tensor>, Tensor> f, List<Tensor> xs, int j, double eps) {
        Tensor x = xs.get(j);
        double[] base = x.toDoubleArray();
        double[][] columns = new double[base.length][];
        for (int i = 0; i < base.length; i++) {
            double[] plus = evaluate(f, xs, j, base, i, eps), minus = evaluate(f, xs, j, base, i, -eps);
            columns[i] = new double[plus.length];
            for (int o = 0; o < plus.length; o++) columns[i][o] = (plus[o] - minus[o]) / (2 * eps);
        }
        int outputs = base.length == 0 ? f.apply(xs).size() : columns[0].length;
        double[][] rows = new double[outputs][base.length];
        for (int i = 0; i < base.length; i++) {
            for (int o = 0; o < outputs; o++) rows[o][i] = columns[i][o];
        }
        return rows;
    }

    private static double[] evaluate(Function<List<Tensor>, Tensor> f, List<Tensor> xs, int j, double[] base,
                                     int i, double delta) {
        double[] moved = base.clone();
        moved[i] += delta;
        List<Tensor> args = new ArrayList<>(xs);
        args.set(j, TF.constant(moved, null, xs.get(j).shape().toArray()));
        return f.apply(args).cast(DType.FLOAT64).toDoubleArray();
    }
}
