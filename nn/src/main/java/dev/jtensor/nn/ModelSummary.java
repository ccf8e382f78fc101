package dev.jtensor.nn;

import dev.jtensor.Shape;
import dev.jtensor.Variable;
import dev.jtensor.nn.layers.KerasTensor;
import dev.jtensor.nn.layers.Layer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Keras 3's {@code model.summary()} table: a row per layer with its name and type, output shape and
 * parameter count (Keras 3's {@code ?} and {@code 0 (unbuilt)} for a layer not built yet), then total,
 * trainable and non-trainable parameters with their float32 size.
 */
final class ModelSummary {

    /** Keras's column widths for a sequential-style table (text between the borders, without padding). */
    private static final int[] WIDTHS = {31, 22, 13};

    private ModelSummary() {
    }

    static String of(Model model) {
        List<String[]> rows = new ArrayList<>();
        if (model instanceof Functional f) {
            for (KerasTensor in : f.inputs()) rows.add(new String[] {in.name() + " (InputLayer)", in.shape().toString(), "0"});
            for (Layer l : f.layers()) rows.add(row(l, findOutput(f, l)));
        } else {
            Shape shape = model.builtInputShape();
            if (model instanceof Sequential s && s.declaredInputShape() != null) shape = s.declaredInputShape();
            for (Layer l : model.layers()) {
                Shape out = null;
                if (shape != null && l.built() && model instanceof Sequential) {
                    out = l.outputShape(shape);
                    shape = out;
                }
                rows.add(row(l, out));
            }
        }
        int[] widths = WIDTHS.clone();
        for (String[] r : rows) {
            for (int i = 0; i < 3; i++) widths[i] = Math.max(widths[i], r[i].length());
        }
        StringBuilder sb = new StringBuilder("Model: \"" + model.name() + "\"\n");
        sb.append(border('┏', '━', '┳', '┓', widths));
        sb.append(line('┃', new String[] {"Layer (type)", "Output Shape", "Param #"}, widths));
        sb.append(border('┡', '━', '╇', '┩', widths));
        for (int i = 0; i < rows.size(); i++) {
            sb.append(line('│', rows.get(i), widths));
            if (i < rows.size() - 1) sb.append(border('├', '─', '┼', '┤', widths));
        }
        sb.append(border('└', '─', '┴', '┘', widths));
        long total = count(model.variables()), trainable = count(model.trainableVariables());
        sb.append(" Total params: ").append(params(total)).append('\n');
        sb.append(" Trainable params: ").append(params(trainable)).append('\n');
        sb.append(" Non-trainable params: ").append(params(total - trainable)).append('\n');
        return sb.toString();
    }

    /** The shape of {@code l}'s output in the model's graph. */
    private static Shape findOutput(Functional f, Layer l) {
        List<KerasTensor> frontier = new ArrayList<>(f.outputs());
        while (!frontier.isEmpty()) {
            KerasTensor k = frontier.remove(frontier.size() - 1);
            if (k.layer() == l) return k.shape();
            frontier.addAll(k.inputs());
        }
        return null;
    }

    private static String[] row(Layer l, Shape out) {
        return new String[] {l.name() + " (" + l.getClass().getSimpleName() + ")", out == null ? "?" : out.toString(),
                l.built() ? String.format(Locale.ROOT, "%,d", l.countParams()) : "0 (unbuilt)"};
    }

    private static long count(List<Variable> vars) {
        return vars.stream().mapToLong(v -> v.shape().size()).sum();
    }

    /** {@code 50,890 (198.79 KB)}: the count and its float32 size in Keras's units. */
    static String params(long n) {
        double bytes = n * 4.0;
        String[] units = {"B", "KB", "MB", "GB", "TB"};
        int u = 0;
        while (bytes >= 1024 && u < units.length - 1) {
            bytes /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%,d (%.2f %s)", n, bytes, units[u]);
    }

    private static String border(char left, char fill, char mid, char right, int[] widths) {
        StringBuilder sb = new StringBuilder().append(left);
        for (int i = 0; i < widths.length; i++) {
            sb.append(String.valueOf(fill).repeat(widths[i] + 2)).append(i < widths.length - 1 ? mid : right);
        }
        return sb.append('\n').toString();
    }

    private static String line(char edge, String[] cells, int[] widths) {
        StringBuilder sb = new StringBuilder().append(edge);
        for (int i = 0; i < cells.length; i++) {
            String cell = i == 2 ? pad(cells[i], widths[i], true) : pad(cells[i], widths[i], false);
            sb.append(' ').append(cell).append(' ').append(edge);
        }
        return sb.append('\n').toString();
    }

    private static String pad(String s, int width, boolean right) {
        String spaces = " ".repeat(width - s.length());
        return right ? spaces + s : s + spaces;
    }
}
