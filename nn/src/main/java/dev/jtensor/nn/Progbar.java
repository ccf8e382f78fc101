package dev.jtensor.nn;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Keras 3's progress bar ({@code keras.utils.Progbar}) for one epoch:
 * {@code 32/32 ━━━━━━━━━━━━━━━━━━━━ 0s 2ms/step - accuracy: 0.9000 - loss: 0.3000}.
 * Verbose 1 on a terminal redraws the line in place (with Keras's colours) while steps run, showing
 * the ETA, and ends with the elapsed time; elsewhere it prints the final line only. Verbose 2
 * prints {@code 32/32 - 0s - 2ms/step - accuracy: ... } once. Metric names are sorted; values have
 * four decimals (scientific below 1e-3, as Keras). fit draws one per epoch; loops of one's own
 * (the Spark trainer's) use it the same way.
 *
 * {@snippet :
 * Progbar bar = new Progbar(steps, 1, System.out);
 * for (int step = 1; step <= steps; step++) {
 *     double loss = trainStep();
 *     bar.update(step, Map.of("loss", loss));   // redraws at most every 50 ms, on a terminal only
 * }
 * bar.finish(steps, Map.of("loss", lastLoss));
 * }
 */
public final class Progbar {

    static final int WIDTH = 20;
    /** Redraw at most this often (seconds), as Keras's {@code interval}. */
    private static final double INTERVAL = 0.05;

    private final long target;
    private final int verbose;
    private final PrintStream out;
    private final boolean dynamic;
    private final long start = System.nanoTime();
    private long lastDraw;
    private int previousWidth;

    /**
     * A bar for {@code target} steps (-1 when unknown) at Keras's {@code verbose} level (0 silent, 1
     * the bar, 2 one line per epoch), drawn in place when {@code out} is {@code System.out} on a terminal.
     *
     * @throws dev.jtensor.InvalidArgumentException if {@code out} is null
     */
    public Progbar(long target, int verbose, PrintStream out) {
        this(target, verbose, out, System.console() != null && System.console().isTerminal() && out == System.out);
    }

    /** {@code target} steps, or -1 when unknown; {@code dynamic}: redraw in place. */
    Progbar(long target, int verbose, PrintStream out, boolean dynamic) {
        this.target = target;
        this.verbose = verbose;
        this.out = dev.jtensor.internal.Inputs.nonNull(out, "Progbar", "out");
        this.dynamic = dynamic;
    }

    /** Whether {@link #update} would draw now: the caller computes the metric values only then. */
    boolean due(long current) {
        return verbose == 1 && dynamic && (System.nanoTime() - lastDraw) / 1e9 >= INTERVAL;
    }

    /**
     * Redraws the in-place line after {@code current} steps (verbose 1 on a terminal only); {@code values}
     * may be null: no metrics (Keras's {@code values=None}).
     */
    public void update(long current, Map<String, Double> values) {
        if (!due(current)) return;
        lastDraw = System.nanoTime();
        draw(line(current, values, false));
    }

    /** Prints the epoch's last line (nothing at verbose 0); {@code values} may be null: no metrics. */
    public void finish(long current, Map<String, Double> values) {
        if (verbose == 0) return;
        if (verbose == 2) {
            out.print(count(current) + " - " + String.format(Locale.ROOT, "%.0fs", elapsed()) + " -"
                    + timePerStep(current) + metrics(values) + "\n");
        } else if (dynamic) {
            draw(line(current, values, true));
            out.print("\n");
        } else {
            out.print(line(current, values, true) + "\n");
        }
        out.flush();
    }

    private void draw(String line) {
        int visible = line.replaceAll("\u001b\\[[0-9;]*m", "").length();
        String pad = visible < previousWidth ? " ".repeat(previousWidth - visible) : "";
        out.print("\r" + line + pad);
        out.flush();
        previousWidth = visible;
    }

    /** Keras's verbose-1 line. */
    String line(long current, Map<String, Double> values, boolean finalized) {
        StringBuilder sb = new StringBuilder();
        if (target >= 0) {
            sb.append(bold(count(current))).append(' ');
            int filled = (int) (WIDTH * Math.min(1.0, (double) current / Math.max(1, target)));
            sb.append(colour("32", "━".repeat(filled))).append(colour("37", "━".repeat(WIDTH - filled)));
        } else {
            sb.append(String.format(Locale.ROOT, "%7d/Unknown", current));
        }
        double perStep = current == 0 ? 0 : elapsed() / current;
        if (target >= 0 && !finalized) {
            sb.append(' ').append(bold(eta(perStep * (target - current))));
        } else {
            sb.append(' ').append(bold(String.format(Locale.ROOT, "%.0fs", elapsed())));
        }
        return sb.append(timePerStep(current)).append(metrics(values)).toString();
    }

    private String count(long current) {
        if (target < 0) return current + "/Unknown";
        int digits = (int) Math.log10(Math.max(1, target)) + 1;
        return String.format(Locale.ROOT, "%" + digits + "d/%d", current, target);
    }

    private double elapsed() {
        return (System.nanoTime() - start) / 1e9;
    }

    private String timePerStep(long current) {
        double t = current == 0 ? 0 : elapsed() / current;
        if (t >= 1 || t == 0) return String.format(Locale.ROOT, " %.0fs/step", t);
        if (t >= 1e-3) return String.format(Locale.ROOT, " %.0fms/step", t * 1e3);
        return String.format(Locale.ROOT, " %.0fus/step", t * 1e6);
    }

    private static String eta(double seconds) {
        long s = (long) seconds;
        if (seconds > 3600) return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s % 3600) / 60, s % 60);
        if (seconds > 60) return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
        return s + "s";
    }

    /** {@code " - name: value"} for each metric, names sorted (none for null). */
    static String metrics(Map<String, Double> values) {
        StringBuilder sb = new StringBuilder();
        if (values == null) return "";
        new TreeMap<>(values).forEach((k, v) -> sb.append(" - ").append(k).append(": ").append(format(v)));
        return sb.toString();
    }

    /** Keras's number format: four decimals, or scientific below 1e-3 in magnitude. */
    static String format(double v) {
        return Math.abs(v) > 1e-3 ? String.format(Locale.ROOT, "%.4f", v)
                : String.format(Locale.ROOT, "%.4e", v);
    }

    private String bold(String s) {
        return dynamic ? "\u001b[1m" + s + "\u001b[0m" : s;
    }

    private String colour(String code, String s) {
        return dynamic && !s.isEmpty() ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
    }
}
