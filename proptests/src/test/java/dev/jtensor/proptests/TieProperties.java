package dev.jtensor.proptests;

import static dev.jtensor.TF.*;

import dev.jtensor.Tensor;
import dev.jtensor.proptests.Params.Axes;
import dev.jtensor.proptests.Params.None;
import java.util.List;
import java.util.function.Function;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * Where a function has no derivative, on values drawn from {-1, 0, 1}, the tape follows
 * TensorFlow's conventions: reduceMax/reduceMin share the gradient equally among the tied extremes
 * of a group, maximum/minimum give a tie to the first operand, relu and abs have gradient 0 at 0.
 * Tries scale with {@code -Pdeep} as described in {@link GradientProperties}.
 */
@AddLifecycleHook(ScaledTries.class)
class TieProperties {

    @Provide
    Arbitrary<Sample<Axes>> reductions() {
        return Sample.of(Layouts.reduce(), Domain.TIED);
    }

    @Property(tries = 5000)
    void extremaShareTheGradientAmongTies(@ForAll("reductions") Sample<Axes> s) {
        for (boolean max : new boolean[] {true, false}) {
            Axes p = s.params();
            Function<List<Tensor>, Tensor> f = xs -> max ? reduceMax(xs.get(0), p.axes(), p.keepDims())
                    : reduceMin(xs.get(0), p.axes(), p.keepDims());
            Tensor x = s.x();
            double[] v = x.toDoubleArray(), w = Numerics.weights(f.apply(s.xs()).size(), 0);
            int[] group = groups(x.shape().toArray(), p.axes());
            double[] extreme = new double[w.length], count = new double[w.length];
            java.util.Arrays.fill(extreme, max ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
            for (int i = 0; i < v.length; i++) extreme[group[i]] = max ? Math.max(extreme[group[i]], v[i]) : Math.min(extreme[group[i]], v[i]);
            for (int i = 0; i < v.length; i++) if (v[i] == extreme[group[i]]) count[group[i]]++;
            double[] expected = new double[v.length];
            for (int i = 0; i < v.length; i++) expected[i] = v[i] == extreme[group[i]] ? w[group[i]] / count[group[i]] : 0;
            Numerics.assertClose(max ? "d reduceMax" : "d reduceMin", Numerics.gradients(f, s.xs()).get(0).toDoubleArray(),
                    expected, 1e-15, 1e-15);
        }
    }

    /** For each element of {@code shape}, the flat index of its group among the kept axes (row-major). */
    private static int[] groups(int[] shape, int[] axes) {
        boolean[] reduced = new boolean[shape.length];
        if (axes == null) java.util.Arrays.fill(reduced, true);
        else for (int a : axes) reduced[a < 0 ? a + shape.length : a] = true;
        int[] out = new int[Shapes.size(shape)], index = new int[shape.length];
        for (int i = 0; i < out.length; i++) {
            int g = 0;
            for (int d = 0; d < shape.length; d++) if (!reduced[d]) g = g * shape[d] + index[d];
            out[i] = g;
            for (int d = shape.length - 1; d >= 0 && ++index[d] == shape[d]; d--) index[d] = 0;
        }
        return out;
    }

    @Provide
    Arbitrary<Sample<None>> pairs() {
        return Sample.of(Layouts.same(2), Domain.TIED);
    }

    @Property(tries = 5000)
    void tiesGoToTheFirstOperandAndKinksHaveGradientZero(@ForAll("pairs") Sample<None> s) {
        double[] a = s.xs().get(0).toDoubleArray(), b = s.xs().get(1).toDoubleArray();
        double[] w = Numerics.weights(a.length, 0);
        double[] maxA = new double[a.length], maxB = new double[a.length], minA = new double[a.length],
                minB = new double[a.length], relu = new double[a.length], abs = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            maxA[i] = a[i] >= b[i] ? w[i] : 0;
            maxB[i] = a[i] >= b[i] ? 0 : w[i];
            minA[i] = a[i] <= b[i] ? w[i] : 0;
            minB[i] = a[i] <= b[i] ? 0 : w[i];
            relu[i] = a[i] > 0 ? w[i] : 0;
            abs[i] = Math.signum(a[i]) * w[i];
        }
        List<Tensor> max = Numerics.gradients(xs -> maximum(xs.get(0), xs.get(1)), s.xs());
        List<Tensor> min = Numerics.gradients(xs -> minimum(xs.get(0), xs.get(1)), s.xs());
        Numerics.assertClose("d maximum / da", max.get(0).toDoubleArray(), maxA, 0, 0);
        Numerics.assertClose("d maximum / db", max.get(1).toDoubleArray(), maxB, 0, 0);
        Numerics.assertClose("d minimum / da", min.get(0).toDoubleArray(), minA, 0, 0);
        Numerics.assertClose("d minimum / db", min.get(1).toDoubleArray(), minB, 0, 0);
        Numerics.assertClose("d relu", Numerics.gradients(xs -> relu(xs.get(0)), s.xs()).get(0).toDoubleArray(), relu, 0, 0);
        Numerics.assertClose("d abs", Numerics.gradients(xs -> abs(xs.get(0)), s.xs()).get(0).toDoubleArray(), abs, 0, 0);
    }
}
