package dev.jtensor.bench;

import dev.jtensor.Tensor;
import java.util.Arrays;

/**
 * The setup-time check of the graph-mode benchmarks: a traced or session result must equal the
 * eager one before it is timed, so that a broken trace cannot pass for a fast one.
 */
final class ResultCheck {

    private ResultCheck() {
    }

    /**
     * Throws unless {@code actual} has {@code expected}'s shape and its values to within
     * {@code tolerance} relative to max(1, |expected|) (a fused kernel or another summation order may
     * round differently from the ops run one by one).
     *
     * @throws IllegalStateException naming {@code what} and the first element that differs
     */
    static void requireClose(String what, Tensor expected, Tensor actual, float tolerance) {
        if (!Arrays.equals(expected.shape().toArray(), actual.shape().toArray())) {
            throw new IllegalStateException(what + ": shape " + actual.shape() + ", the eager result's is "
                    + expected.shape());
        }
        float[] e = expected.toFloatArray(), a = actual.toFloatArray();
        for (int i = 0; i < e.length; i++) {
            if (!(Math.abs(e[i] - a[i]) <= tolerance * Math.max(1f, Math.abs(e[i])))) {
                throw new IllegalStateException(what + ": element " + i + " is " + a[i] + ", the eager result's is "
                        + e[i]);
            }
        }
    }
}
