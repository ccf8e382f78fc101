package dev.jtensor.accel.simd;

import dev.jtensor.accel.Parallel;
import dev.jtensor.accel.ScalarUpdates;
import dev.jtensor.accel.UpdateRule;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The fused optimizer updates: float32 momentum and Adam run vector loops (plain lanewise
 * multiplies, adds, divides and square roots, never an FMA, so the bits are
 * {@link ScalarUpdates}'), the other rules and float64 run the scalar definition; large arrays are
 * cut into one equal range per thread (elementwise: no result depends on the cut).
 */
final class SimdUpdates {

    private static final VectorSpecies<Float> F = Species.FLOAT;
    private static final int L = F.length();

    private SimdUpdates() {
    }

    static void apply(UpdateRule rule, int size, double[] scalars, Object gradient, Object[] state, Object[] out) {
        int tasks = (int) Math.max(1, Math.min(Parallel.threads(), size / SimdKernels.PARALLEL_MIN));
        switch (gradient) {
            case float[] g -> {
                float[][] s = ScalarUpdates.floats(state), o = ScalarUpdates.floats(out);
                Parallel.forEach(tasks, t -> floats(rule, scalars, g, s, o, from(size, tasks, t), from(size, tasks, t + 1)));
            }
            case double[] g -> {
                double[][] s = ScalarUpdates.doubles(state), o = ScalarUpdates.doubles(out);
                Parallel.forEach(tasks, t -> ScalarUpdates.apply(rule, scalars, g, s, o, from(size, tasks, t),
                        from(size, tasks, t + 1)));
            }
            default -> throw new IllegalArgumentException("applyUpdate needs float[] or double[] data, not "
                    + (gradient == null ? "null" : gradient.getClass().getSimpleName()));
        }
    }

    private static int from(int size, int tasks, int t) {
        return (int) ((long) size * t / tasks);
    }

    private static void floats(UpdateRule rule, double[] scalars, float[] g, float[][] s, float[][] o, int from, int to) {
        int bound = from + F.loopBound(to - from);
        switch (rule) {
            case MOMENTUM -> momentum(false, (float) scalars[0], (float) scalars[1], g, s, o, from, bound);
            case NESTEROV_MOMENTUM -> momentum(true, (float) scalars[0], (float) scalars[1], g, s, o, from, bound);
            case ADAM -> adam((float) scalars[0], (float) scalars[1], (float) scalars[2], (float) scalars[3], g, s, o,
                    from, bound);
            default -> bound = from;   // no vector loop: all of it is the tail
        }
        ScalarUpdates.apply(rule, scalars, g, s, o, bound, to);
    }

    /** {@code m = m*momentum - g*lr; w = w + m} (Nesterov: {@code w + (m*momentum - g*lr)}). */
    private static void momentum(boolean nesterov, float lr, float mu, float[] g, float[][] s, float[][] o, int from,
                                 int bound) {
        float[] w = s[0], m = s[1], ow = o[0], om = o[1];
        for (int i = from; i < bound; i += L) {
            FloatVector gl = FloatVector.fromArray(F, g, i).mul(lr);
            FloatVector mi = FloatVector.fromArray(F, m, i).mul(mu).sub(gl);
            FloatVector step = nesterov ? mi.mul(mu).sub(gl) : mi;
            FloatVector wi = FloatVector.fromArray(F, w, i);
            mi.intoArray(om, i);
            wi.add(step).intoArray(ow, i);
        }
    }

    /** {@code m += (g - m)*(1-b1); v += (g*g - v)*(1-b2); w -= (m*alpha) / (sqrt(v) + eps)}. */
    private static void adam(float alpha, float b1, float b2, float eps, float[] g, float[][] s, float[][] o, int from,
                             int bound) {
        float[] w = s[0], m = s[1], v = s[2], ow = o[0], om = o[1], ov = o[2];
        for (int i = from; i < bound; i += L) {
            FloatVector gi = FloatVector.fromArray(F, g, i);
            FloatVector mi = FloatVector.fromArray(F, m, i);
            FloatVector vi = FloatVector.fromArray(F, v, i);
            FloatVector wi = FloatVector.fromArray(F, w, i);
            mi = mi.add(gi.sub(mi).mul(b1));
            vi = vi.add(gi.mul(gi).sub(vi).mul(b2));
            mi.intoArray(om, i);
            vi.intoArray(ov, i);
            wi.sub(mi.mul(alpha).div(vi.sqrt().add(eps))).intoArray(ow, i);
        }
    }
}
