package dev.jtensor.accel;

/**
 * The definitions of the fused optimizer updates ({@link UpdateRule}), element by element over
 * {@code from <= i < to}: float32 state in float arithmetic, float64 in double, each operation
 * rounded in the order the rule gives. Every input of element {@code i} is read before any output
 * of it is written, so an output may be its own input's array (an update in place). The SIMD
 * kernels run these for their tails and for the rules they have no vector loop for.
 */
public final class ScalarUpdates {

    private ScalarUpdates() {
    }

    /** Runs {@code rule} on dense arrays of one floating type; {@code state} and {@code out} are {w, slots...}. */
    static void apply(UpdateRule rule, int size, double[] scalars, Object gradient, Object[] state, Object[] out) {
        switch (gradient) {
            case float[] g -> apply(rule, scalars, g, floats(state), floats(out), 0, size);
            case double[] g -> apply(rule, scalars, g, doubles(state), doubles(out), 0, size);
            default -> throw new IllegalArgumentException("applyUpdate needs float[] or double[] data, not "
                    + (gradient == null ? "null" : gradient.getClass().getSimpleName()));
        }
    }

    /** The arrays of {@code state} as {@code float[]}s. */
    public static float[][] floats(Object[] state) {
        float[][] arrays = new float[state.length][];
        for (int i = 0; i < state.length; i++) arrays[i] = (float[]) state[i];
        return arrays;
    }

    /** The arrays of {@code state} as {@code double[]}s. */
    public static double[][] doubles(Object[] state) {
        double[][] arrays = new double[state.length][];
        for (int i = 0; i < state.length; i++) arrays[i] = (double[]) state[i];
        return arrays;
    }

    /** {@code rule} over float32 state: {@code s} and {@code o} are {w, slots...}. */
    public static void apply(UpdateRule rule, double[] scalars, float[] g, float[][] s, float[][] o, int from, int to) {
        float a = (float) scalars[0], b = (float) scalars[1];
        float c = scalars.length > 2 ? (float) scalars[2] : 0f, e = scalars.length > 3 ? (float) scalars[3] : 0f;
        float mu = scalars.length > 4 ? (float) scalars[4] : 0f;
        float[] w = s[0], ow = o[0];
        switch (rule) {
            case MOMENTUM, NESTEROV_MOMENTUM -> {
                boolean nesterov = rule == UpdateRule.NESTEROV_MOMENTUM;
                for (int i = from; i < to; i++) {
                    float gi = g[i], m = s[1][i] * b - gi * a;
                    o[1][i] = m;
                    ow[i] = w[i] + (nesterov ? m * b - gi * a : m);
                }
            }
            case ADAM, AMSGRAD -> {
                boolean ams = rule == UpdateRule.AMSGRAD;
                for (int i = from; i < to; i++) {
                    float gi = g[i], m = s[1][i] + (gi - s[1][i]) * b, v = s[2][i] + (gi * gi - s[2][i]) * c;
                    o[1][i] = m;
                    o[2][i] = v;
                    if (ams) o[3][i] = v = Math.max(s[3][i], v);
                    ow[i] = w[i] - (m * a) / ((float) Math.sqrt(v) + e);
                }
            }
            case RMSPROP, RMSPROP_MOMENTUM, CENTERED_RMSPROP, CENTERED_RMSPROP_MOMENTUM -> {
                boolean centered = rule == UpdateRule.CENTERED_RMSPROP || rule == UpdateRule.CENTERED_RMSPROP_MOMENTUM;
                boolean momentum = rule == UpdateRule.RMSPROP_MOMENTUM || rule == UpdateRule.CENTERED_RMSPROP_MOMENTUM;
                int mom = centered ? 3 : 2;
                for (int i = from; i < to; i++) {
                    float gi = g[i], vel = b * s[1][i] + c * (gi * gi), denominator = vel;
                    o[1][i] = vel;
                    if (centered) {
                        float avg = b * s[2][i] + c * gi;
                        o[2][i] = avg;
                        denominator = vel - avg * avg;
                    }
                    float increment = (a * gi) / (float) Math.sqrt(denominator + e);
                    if (momentum) o[mom][i] = increment = mu * s[mom][i] + increment;
                    ow[i] = w[i] - increment;
                }
            }
            case ADAGRAD -> {
                for (int i = from; i < to; i++) {
                    float gi = g[i], acc = s[1][i] + gi * gi;
                    o[1][i] = acc;
                    ow[i] = w[i] - (a * gi) / (float) Math.sqrt(acc + b);
                }
            }
        }
    }

    /** {@code rule} over float64 state: {@code s} and {@code o} are {w, slots...}. */
    public static void apply(UpdateRule rule, double[] scalars, double[] g, double[][] s, double[][] o, int from, int to) {
        double a = scalars[0], b = scalars[1];
        double c = scalars.length > 2 ? scalars[2] : 0, e = scalars.length > 3 ? scalars[3] : 0;
        double mu = scalars.length > 4 ? scalars[4] : 0;
        double[] w = s[0], ow = o[0];
        switch (rule) {
            case MOMENTUM, NESTEROV_MOMENTUM -> {
                boolean nesterov = rule == UpdateRule.NESTEROV_MOMENTUM;
                for (int i = from; i < to; i++) {
                    double gi = g[i], m = s[1][i] * b - gi * a;
                    o[1][i] = m;
                    ow[i] = w[i] + (nesterov ? m * b - gi * a : m);
                }
            }
            case ADAM, AMSGRAD -> {
                boolean ams = rule == UpdateRule.AMSGRAD;
                for (int i = from; i < to; i++) {
                    double gi = g[i], m = s[1][i] + (gi - s[1][i]) * b, v = s[2][i] + (gi * gi - s[2][i]) * c;
                    o[1][i] = m;
                    o[2][i] = v;
                    if (ams) o[3][i] = v = Math.max(s[3][i], v);
                    ow[i] = w[i] - (m * a) / (Math.sqrt(v) + e);
                }
            }
            case RMSPROP, RMSPROP_MOMENTUM, CENTERED_RMSPROP, CENTERED_RMSPROP_MOMENTUM -> {
                boolean centered = rule == UpdateRule.CENTERED_RMSPROP || rule == UpdateRule.CENTERED_RMSPROP_MOMENTUM;
                boolean momentum = rule == UpdateRule.RMSPROP_MOMENTUM || rule == UpdateRule.CENTERED_RMSPROP_MOMENTUM;
                int mom = centered ? 3 : 2;
                for (int i = from; i < to; i++) {
                    double gi = g[i], vel = b * s[1][i] + c * (gi * gi), denominator = vel;
                    o[1][i] = vel;
                    if (centered) {
                        double avg = b * s[2][i] + c * gi;
                        o[2][i] = avg;
                        denominator = vel - avg * avg;
                    }
                    double increment = (a * gi) / Math.sqrt(denominator + e);
                    if (momentum) o[mom][i] = increment = mu * s[mom][i] + increment;
                    ow[i] = w[i] - increment;
                }
            }
            case ADAGRAD -> {
                for (int i = from; i < to; i++) {
                    double gi = g[i], acc = s[1][i] + gi * gi;
                    o[1][i] = acc;
                    ow[i] = w[i] - (a * gi) / Math.sqrt(acc + b);
                }
            }
        }
    }
}
