package dev.jtensor.nn.callbacks;

import java.util.Locale;

/** How callbacks that watch a metric tell better from worse (Keras's {@code mode="auto"}). */
final class Monitors {

    private Monitors() {
    }

    /** Whether higher values of {@code monitor} are better: accuracies, AUC, precision and recall. */
    static boolean higherIsBetter(String monitor) {
        String m = monitor.toLowerCase(Locale.ROOT);
        return m.contains("acc") || m.contains("auc") || m.contains("precision") || m.contains("recall");
    }
}
