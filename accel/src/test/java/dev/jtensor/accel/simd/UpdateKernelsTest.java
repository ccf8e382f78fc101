package dev.jtensor.accel.simd;

import static org.junit.jupiter.api.Assertions.*;

import dev.jtensor.accel.ScalarKernels;
import dev.jtensor.accel.UpdateRule;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fused optimizer updates: the scalar definitions by hand, and the SIMD kernels against them bit for bit. */
class UpdateKernelsTest {

    private final ScalarKernels scalar = new ScalarKernels();
    private final SimdKernels simd = new SimdKernels();

    /** One element through {@code rule} in float64: {w, slots...} after the update. */
    private double[] once(UpdateRule rule, double[] scalars, double g, double... state) {
        Object[] s = new Object[state.length], o = new Object[state.length];
        for (int i = 0; i < state.length; i++) {
            s[i] = new double[] {state[i]};
            o[i] = new double[1];
        }
        scalar.applyUpdate(rule, 1, scalars, new double[] {g}, s, o);
        double[] result = new double[state.length];
        for (int i = 0; i < state.length; i++) result[i] = ((double[]) o[i])[0];
        return result;
    }

    @Test
    void scalarDefinitionsMatchHandComputedSteps() {
        // lr 0.5, momentum 0.5, g 2, m 1, w 3: m = 0.5 - 1 = -0.5, w = 2.5; Nesterov w = 3 + (-0.25 - 1)
        assertArrayEquals(new double[] {2.5, -0.5}, once(UpdateRule.MOMENTUM, new double[] {0.5, 0.5}, 2, 3, 1));
        assertArrayEquals(new double[] {1.75, -0.5}, once(UpdateRule.NESTEROV_MOMENTUM, new double[] {0.5, 0.5}, 2, 3, 1));
        // alpha 1, 1-b1 0.5, 1-b2 0.5, eps 1: m = 1, v = 2, w = 3 - 1 / (sqrt 2 + 1)
        assertArrayEquals(new double[] {3 - 1 / (Math.sqrt(2) + 1), 1, 2},
                once(UpdateRule.ADAM, new double[] {1, 0.5, 0.5, 1}, 2, 3, 0, 0));
        // AMSGrad keeps vhat = max(5, 2) = 5
        assertArrayEquals(new double[] {3 - 1 / (Math.sqrt(5) + 1), 1, 2, 5},
                once(UpdateRule.AMSGRAD, new double[] {1, 0.5, 0.5, 1}, 2, 3, 0, 0, 5));
        // lr 0.1, rho 0.75, 1-rho 0.25, eps 1, momentum 0.5; g 2, velocity 4: velocity = 3 + 1 = 4, increment 0.2/sqrt 5
        double increment = 0.2 / Math.sqrt(5);
        double[] rms = {0.1, 0.75, 0.25, 1, 0.5};
        assertArrayEquals(new double[] {3 - increment, 4}, once(UpdateRule.RMSPROP, rms, 2, 3, 4));
        assertArrayEquals(new double[] {3 - (0.5 + increment), 4, 0.5 + increment},
                once(UpdateRule.RMSPROP_MOMENTUM, rms, 2, 3, 4, 1));
        // centered: average = 0.75*2 + 0.5 = 2, denominator sqrt(4 - 4 + 1) = 1
        assertArrayEquals(new double[] {3 - 0.2, 4, 2}, once(UpdateRule.CENTERED_RMSPROP, rms, 2, 3, 4, 2));
        assertArrayEquals(new double[] {3 - 0.7, 4, 2, 0.7},
                once(UpdateRule.CENTERED_RMSPROP_MOMENTUM, rms, 2, 3, 4, 2, 1));
        // lr 0.5, eps 1; g 2, accumulator 4: accumulator 8, w = 3 - 1/3
        assertArrayEquals(new double[] {3 - 1.0 / 3, 8}, once(UpdateRule.ADAGRAD, new double[] {0.5, 1}, 2, 3, 4));
    }

    @Test
    void simdMatchesScalarBitForBitOnAwkwardAndLargeSizes() {
        Random random = new Random(5);
        for (UpdateRule rule : UpdateRule.values()) {
            double[] scalars = new double[rule.scalars()];
            for (int i = 0; i < scalars.length; i++) scalars[i] = 0.05 + random.nextDouble();
            for (int size : new int[] {1, 3, 17, 64, 1001, 2 * SimdKernels.PARALLEL_MIN + 5}) {
                int n = rule.slots() + 1;
                float[] g = floats(random, size, false);
                Object[] state = new Object[n], expected = new Object[n], actual = new Object[n];
                double[] gd = new double[size];
                Object[] stateD = new Object[n], expectedD = new Object[n], actualD = new Object[n];
                for (int i = 0; i < size; i++) gd[i] = g[i];
                for (int k = 0; k < n; k++) {
                    float[] s = floats(random, size, k > 0);   // slots are non-negative (second moments)
                    state[k] = s;
                    expected[k] = new float[size];
                    actual[k] = s.clone();   // in place: the output is the state array
                    double[] sd = new double[size];
                    for (int i = 0; i < size; i++) sd[i] = s[i];
                    stateD[k] = sd;
                    expectedD[k] = new double[size];
                    actualD[k] = sd.clone();
                }
                scalar.applyUpdate(rule, size, scalars, g, state, expected);
                simd.applyUpdate(rule, size, scalars, g, actual.clone(), actual);
                scalar.applyUpdate(rule, size, scalars, gd, stateD, expectedD);
                simd.applyUpdate(rule, size, scalars, gd, actualD.clone(), actualD);
                for (int k = 0; k < n; k++) {
                    assertArrayEquals((float[]) expected[k], (float[]) actual[k], rule + " float32 array " + k + " n=" + size);
                    assertArrayEquals((double[]) expectedD[k], (double[]) actualD[k], rule + " float64 array " + k + " n=" + size);
                }
            }
        }
    }

    private static float[] floats(Random random, int size, boolean positive) {
        float[] a = new float[size];
        for (int i = 0; i < size; i++) a[i] = positive ? random.nextFloat() * 2 : (float) random.nextGaussian();
        return a;
    }

    @Test
    void rejectsIntegerData() {
        var e = assertThrows(IllegalArgumentException.class, () -> scalar.applyUpdate(UpdateRule.ADAGRAD, 1,
                new double[] {1, 1}, new int[1], new Object[] {new int[1], new int[1]}, new Object[] {new int[1], new int[1]}));
        assertTrue(e.getMessage().contains("int[]"), e.getMessage());
    }
}
