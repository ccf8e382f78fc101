package dev.jtensor.nn.layers;

import java.util.HashMap;
import java.util.Map;

/**
 * Keras's automatic layer names: the first {@code Dense} is {@code dense}, the next {@code dense_1},
 * and so on, counted per base name for the whole process until {@link Layer#clearSession()}.
 */
final class LayerNames {

    private static final Map<String, Integer> COUNTS = new HashMap<>();

    private LayerNames() {
    }

    /** Keras's snake_case of a class name: {@code BatchNormalization} is {@code batch_normalization}. */
    static String snakeCase(String className) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < className.length(); i++) {
            char c = className.charAt(i);
            boolean boundary = i > 0 && Character.isUpperCase(c)
                    && (Character.isLowerCase(className.charAt(i - 1))
                        || i + 1 < className.length() && Character.isLowerCase(className.charAt(i + 1)));
            if (boundary) sb.append('_');
            sb.append(Character.toLowerCase(c));
        }
        return sb.toString();
    }

    static synchronized String unique(String base) {
        int n = COUNTS.merge(base, 1, Integer::sum) - 1;
        return n == 0 ? base : base + "_" + n;
    }

    static synchronized void clear() {
        COUNTS.clear();
    }
}
