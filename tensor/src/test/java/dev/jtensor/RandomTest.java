package dev.jtensor;

import static dev.jtensor.TF.*;
import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** Seeding rules and distribution moments of the random ops. */
class RandomTest {

    @Test
    void anOpSeedRepeatsTheCall() {
        Tensor a = randomNormal(new int[] {100}, 0, 1, DType.FLOAT32, 7L);
        Tensor b = randomNormal(new int[] {100}, 0, 1, DType.FLOAT32, 7L);
        Tensor c = randomNormal(new int[] {100}, 0, 1, DType.FLOAT32, 8L);
        assertArrayEquals(a.toFloatArray(), b.toFloatArray());
        assertFalse(java.util.Arrays.equals(a.toFloatArray(), c.toFloatArray()));
    }

    @Test
    void aGlobalSeedRepeatsTheSequenceOfCalls() {
        setSeed(1234);
        float[] first = randomUniform(5).toFloatArray();
        float[] second = randomUniform(5).toFloatArray();
        setSeed(1234);
        assertArrayEquals(first, randomUniform(5).toFloatArray());
        assertArrayEquals(second, randomUniform(5).toFloatArray());
        assertFalse(java.util.Arrays.equals(first, second));
    }

    @Test
    void normalMomentsMatchTheParameters() {
        double[] v = randomNormal(new int[] {200_000}, 3, 2, DType.FLOAT64, 1L).toDoubleArray();
        double mean = java.util.Arrays.stream(v).average().orElseThrow();
        double var = java.util.Arrays.stream(v).map(x -> (x - mean) * (x - mean)).average().orElseThrow();
        assertEquals(3, mean, 0.02);
        assertEquals(4, var, 0.05);
    }

    @Test
    void uniformStaysInItsHalfOpenInterval() {
        float[] v = randomUniform(new int[] {100_000}, -1, 1, DType.FLOAT32, 3L).toFloatArray();
        double mean = 0;
        for (float x : v) {
            assertTrue(x >= -1 && x < 1, "value " + x);
            mean += x / v.length;
        }
        assertEquals(0, mean, 0.01);
        int[] ints = randomUniform(new int[] {1000}, 0, 3, DType.INT32, 3L).toIntArray();
        for (int i : ints) assertTrue(i >= 0 && i < 3);
    }

    @Test
    void truncatedNormalStaysWithinTwoStddevs() {
        for (double x : truncatedNormal(new int[] {10_000}, 1, 0.5, DType.FLOAT64, 5L).toDoubleArray()) {
            assertTrue(Math.abs(x - 1) <= 1.0, "value " + x);
        }
    }
}
