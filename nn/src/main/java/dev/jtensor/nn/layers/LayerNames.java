package dev.jtensor.nn.layers;

import java.util.HashMap;
import java.util.Map;

/**
 * Keras's automatic layer names: the first {@code Dense} is {@code dense}, the next {@code dense_1},
 * and so on, counted per base name for the whole process until {@link Layer#clearSession()}, or
 * for one thread inside {@link Layer#freshNames()}.
 */
final class LayerNames {

    private static final Map<String, Integer> COUNTS = new HashMap<>();
    private static final ThreadLocal<Map<String, Integer>> SCOPED = new ThreadLocal<>();

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

    static String unique(String base) {
        Map<String, Integer> scoped = SCOPED.get();
        int n;
        if (scoped != null) {
            n = scoped.merge(base, 1, Integer::sum) - 1;
        } else {
            synchronized (COUNTS) {
                n = COUNTS.merge(base, 1, Integer::sum) - 1;
            }
        }
        return n == 0 ? base : base + "_" + n;
    }

    /** Counts of this thread's own until the scope closes (then the outer counts again). */
    static dev.jtensor.Settings.Scope fresh() {
        Map<String, Integer> outer = SCOPED.get();
        SCOPED.set(new HashMap<>());
        boolean[] closed = {false};
        return () -> {
            if (closed[0]) return;   // closing twice is harmless
            closed[0] = true;
            if (outer == null) SCOPED.remove(); else SCOPED.set(outer);
        };
    }

    static void clear() {
        synchronized (COUNTS) {
            COUNTS.clear();
        }
    }
}
