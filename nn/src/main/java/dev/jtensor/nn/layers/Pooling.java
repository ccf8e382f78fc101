package dev.jtensor.nn.layers;

import dev.jtensor.InvalidArgumentException;
import java.util.Locale;

/** The checks the pooling and convolution layers share. */
final class Pooling {

    private Pooling() {
    }

    /** TensorFlow's padding name for Keras's {@code "valid"}/{@code "same"}. */
    static String padding(String layer, String mode) {
        String m = mode == null ? "null" : mode.toUpperCase(Locale.ROOT);
        if (!m.equals("VALID") && !m.equals("SAME")) {
            throw new InvalidArgumentException("Layer \"" + layer + "\": padding must be \"valid\" or \"same\", got " + mode);
        }
        return m;
    }

    /** A positive pair. */
    static int[] pair(String layer, String what, int a, int b) {
        if (a <= 0 || b <= 0) {
            throw new InvalidArgumentException("Layer \"" + layer + "\": " + what + " must be positive, got " + a + ", " + b);
        }
        return new int[] {a, b};
    }
}
