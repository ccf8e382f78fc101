package dev.jtensor.internal;

/** Placeholder replaced by the full NumPy-compatible formatter (merge from helper-format). */
public final class NumpyFormatter {
    private NumpyFormatter() {
    }

    public static String tensorToString(String dtypeName, int[] shape, Object data) {
        return "tf.Tensor(" + java.util.Arrays.deepToString(new Object[] {data}) + ", shape=" + java.util.Arrays.toString(shape)
                + ", dtype=" + dtypeName + ")";
    }
}
