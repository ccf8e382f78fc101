package dev.jtensor.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Every example once per epoch, steps of the batch's size, each partition in proportion. */
class StepPlanTest {

    /** Checks one epoch: a permutation of every partition, step sizes floor/ceil(total / steps). */
    private static int[][] steps(StepPlan plan, int[] sizes, int epoch) {
        int[][] perStep = new int[plan.steps()][sizes.length];
        for (int p = 0; p < sizes.length; p++) {
            boolean[] seen = new boolean[sizes[p]];
            for (int k = 0; k < plan.steps(); k++) {
                int[] rows = plan.rows(p, epoch, k);
                perStep[k][p] = rows.length;
                for (int r : rows) {
                    assertTrue(!seen[r], "partition " + p + " row " + r + " twice");
                    seen[r] = true;
                }
            }
            for (int r = 0; r < seen.length; r++) assertTrue(seen[r], "partition " + p + " row " + r + " never");
        }
        long total = Arrays.stream(sizes).asLongStream().sum();
        for (int k = 0; k < plan.steps(); k++) {
            long n = Arrays.stream(perStep[k]).sum();
            assertEquals(plan.examples(k), n, "step " + k);
            assertTrue(n == total / plan.steps() || n == total / plan.steps() + 1, "step " + k + " has " + n);
        }
        return perStep;
    }

    @Test
    void manySmallPartitionsStillMakeFullSteps() {
        int[] sizes = new int[100];
        Arrays.fill(sizes, 3);
        StepPlan plan = new StepPlan(sizes, new long[sizes.length], 10, false, 0);
        assertEquals(30, plan.steps());
        steps(plan, sizes, 0);   // every step holds 10 examples, none is empty
    }

    @Test
    void unevenPartitionsContributeInProportion() {
        int[] sizes = {60, 30, 0, 10};
        StepPlan plan = new StepPlan(sizes, new long[sizes.length], 20, true, 9);
        assertEquals(5, plan.steps());
        int[][] perStep = steps(plan, sizes, 0);
        for (int[] step : perStep) assertEquals(List4.of(12, 6, 0, 2), List4.of(step));
        steps(plan, sizes, 1);
    }

    @Test
    void theOrderIsSeededPerEpochAndTheSameForTheSameSeed() {
        int[] sizes = {50, 50};
        StepPlan a = new StepPlan(sizes, new long[sizes.length], 10, true, 4), b = new StepPlan(sizes, new long[sizes.length], 10, true, 4);
        assertEquals(Arrays.toString(a.rows(0, 0, 0)), Arrays.toString(b.rows(0, 0, 0)));
        assertNotEquals(Arrays.toString(a.rows(0, 0, 0)), Arrays.toString(a.rows(0, 1, 0)));
        assertNotEquals(Arrays.toString(a.rows(0, 0, 0)), Arrays.toString(a.rows(1, 0, 0)));
        StepPlan plain = new StepPlan(sizes, new long[sizes.length], 10, false, 4);
        assertEquals("[0, 1, 2, 3, 4]", Arrays.toString(plain.rows(1, 3, 0)));
        assertEquals(1, new StepPlan(new int[] {3}, new long[1], 100, false, 0).steps());
    }

    /** A comparable view of four counts. */
    private record List4(int a, int b, int c, int d) {
        static List4 of(int a, int b, int c, int d) {
            return new List4(a, b, c, d);
        }

        static List4 of(int[] v) {
            return new List4(v[0], v[1], v[2], v[3]);
        }
    }
}
