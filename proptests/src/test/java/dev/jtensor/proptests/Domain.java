package dev.jtensor.proptests;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;

/**
 * Where an input's values may lie for finite differences to be meaningful: away from poles
 * (log, reciprocal), kinks (abs, relu, max) and jumps (floor, round). Values are float64 and
 * moderate (magnitude at most about 2), so sums of exponentials and products stay well scaled.
 */
enum Domain {
    /** Uniform in [-2, 2], with exact zeros mixed in: for functions smooth everywhere (products, cumprod, pow by an integer). */
    ANY,
    /** In [0.5, 2]: logarithms, square roots, bases of real powers. */
    POSITIVE,
    /** Magnitude in [0.25, 2], either sign: divisors, reciprocals. */
    AWAY_FROM_ZERO,
    /** Distinct values at least 0.01 apart and at least 0.005 from 0: no ties for max/min, no kinks for abs/relu. */
    DISTINCT,
    /** In [0.05, 0.95]. */
    UNIT_INTERVAL,
    /** Uniform in [-40, 40]: for numerically stable ops (softmax, log-sum-exp, sigmoid) far from 0. */
    WIDE,
    /** At least 0.05 from any integer or half-integer: the jumps of floor, ceil, round. */
    AWAY_FROM_INTEGERS,
    /** Only -1, 0 and 1: ties and zeros everywhere, for the conventions where there is no derivative. */
    TIED,
    /** Square matrices in the last two axes with a dominant diagonal: invertible and well conditioned. */
    WELL_CONDITIONED;

    /** Values for a tensor of {@code shape}, row-major. */
    Arbitrary<double[]> values(int[] shape) {
        int n = Shapes.size(shape);
        return switch (this) {
            case ANY -> Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(0.0)), Tuple.of(12, uniform(-2, 2)))
                    .array(double[].class).ofSize(n);
            case POSITIVE -> uniform(0.5, 2).array(double[].class).ofSize(n);
            case AWAY_FROM_ZERO -> Arbitraries.integers().between(0, 1).flatMap(sign -> uniform(0.25, 2)
                    .map(v -> sign == 0 ? v : -v)).array(double[].class).ofSize(n);
            case DISTINCT -> Arbitraries.integers().between(-200, 199).list().uniqueElements().ofSize(n)
                    .map(ks -> ks.stream().mapToDouble(k -> 0.01 * k + 0.005).toArray());
            case UNIT_INTERVAL -> uniform(0.05, 0.95).array(double[].class).ofSize(n);
            case WIDE -> uniform(-40, 40).array(double[].class).ofSize(n);
            case AWAY_FROM_INTEGERS -> Arbitraries.integers().between(-3, 2).flatMap(k -> uniform(0.05, 0.45)
                    .flatMap(f -> Arbitraries.of(k + f, k + 1 - f))).array(double[].class).ofSize(n);
            case TIED -> Arbitraries.of(-1.0, 0.0, 1.0).array(double[].class).ofSize(n);
            case WELL_CONDITIONED -> uniform(-0.3, 0.3).array(double[].class).ofSize(n)
                    .flatMap(v -> Arbitraries.integers().between(0, 1).array(int[].class).ofSize(n)
                            .map(signs -> dominantDiagonal(v, signs, shape)));
        };
    }

    private static Arbitrary<Double> uniform(double lo, double hi) {
        // uniform: jqwik's default distribution crowds values near 0 (its shrinking target)
        return Arbitraries.doubles().between(lo, hi).ofScale(6).withDistribution(RandomDistribution.uniform());
    }

    /** Puts {@code ±(1.5 + |v|)} on the diagonal of each trailing square matrix. */
    private static double[] dominantDiagonal(double[] v, int[] signs, int[] shape) {
        double[] out = v.clone();
        int n = shape.length < 2 ? 0 : shape[shape.length - 1];
        if (n == 0 || shape[shape.length - 2] != n) {
            return out;
        }
        for (int base = 0; base < out.length; base += n * n) {
            for (int i = 0; i < n; i++) {
                int k = base + i * n + i;
                out[k] = (signs[k] == 0 ? 1 : -1) * (1.5 + Math.abs(v[k]));
            }
        }
        return out;
    }
}
