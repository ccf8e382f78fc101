package dev.jtensor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the op reference cases that {@code scripts/fixtures/gen_op_fixtures.py} writes; the file
 * format is described in that script's docstring. Also holds the small text parsers the cases
 * need (integer lists, Python-style index items, floats with {@code inf}/{@code nan}).
 */
final class OpFixtures {

    private OpFixtures() {
    }

    /**
     * One reference case: {@code op} applied to {@code inputs} with {@code params} should give
     * {@code outputs}, exactly or within the dtype's tolerance.
     */
    record Case(String name, String op, boolean exact, Map<String, String> params, List<Value> inputs,
                List<Value> outputs) {
    }

    /**
     * A tensor written in the file: its dtype, shape and row-major values (as text), and for an
     * input the view the test builds from it ({@code contiguous}, {@code transpose:perm},
     * {@code slice:items} or {@code broadcast:shape}).
     */
    record Value(DType dtype, int[] shape, String view, List<String> values) {

        /** The tensor the case passes to the op: the values, then the view applied to them. */
        Tensor toTensor() {
            Object data = switch (dtype) {
                case FLOAT32 -> floats();
                case FLOAT64 -> doubles();
                case INT32 -> Arrays.stream(longs()).mapToInt(Math::toIntExact).toArray();
                case INT64 -> longs();
                case BOOL -> booleans();
            };
            return applyView(TF.constant(data, null, shape), view);
        }

        /** Float values widened to double (exactly, for float32). */
        double[] doubles() {
            return values.stream().mapToDouble(dtype == DType.FLOAT32 ? v -> parseFloat(v) : OpFixtures::parseDouble)
                    .toArray();
        }

        long[] longs() {
            return values.stream().mapToLong(Long::parseLong).toArray();
        }

        boolean[] booleans() {
            boolean[] out = new boolean[values.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = values.get(i).equals("1");
            }
            return out;
        }

        private float[] floats() {
            float[] out = new float[values.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = parseFloat(values.get(i));
            }
            return out;
        }
    }

    /** All cases of a classpath resource, in file order. */
    static List<Case> load(String resource) {
        InputStream in = OpFixtures.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("fixture resource " + resource + " not found");
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return parse(reader.lines().toList(), resource);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Case> parse(List<String> lines, String source) {
        List<Case> cases = new ArrayList<>();
        CaseBuilder current = null;
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split(" ", -1);
            String where = source + ":" + (n + 1);
            if (fields[0].equals("case")) {
                current = new CaseBuilder(fields[1]);
                continue;
            }
            if (current == null) {
                throw new IllegalStateException(where + ": '" + fields[0] + "' outside a case");
            }
            switch (fields[0]) {
                case "op" -> current.op = fields[1];
                case "tol" -> current.exact = fields[1].equals("exact");
                case "param" -> current.params.put(fields[1], fields.length > 2 ? fields[2] : "");
                case "in" -> current.inputs.add(value(fields, true));
                case "out" -> current.outputs.add(value(fields, false));
                case "end" -> {
                    cases.add(current.build());
                    current = null;
                }
                default -> throw new IllegalStateException(where + ": unknown line kind '" + fields[0] + "'");
            }
        }
        return cases;
    }

    /** {@code in dtype shape view values...} or {@code out dtype shape values...}. */
    private static Value value(String[] fields, boolean input) {
        DType dtype = dtype(fields[1]);
        String brackets = fields[2];
        int[] shape = ints(brackets.substring(1, brackets.length() - 1));
        int first = input ? 4 : 3;
        List<String> values = List.of(Arrays.copyOfRange(fields, first, fields.length));
        return new Value(dtype, shape, input ? fields[3] : "contiguous", values);
    }

    private static final class CaseBuilder {
        final String name;
        String op;
        boolean exact = true;
        final Map<String, String> params = new LinkedHashMap<>();
        final List<Value> inputs = new ArrayList<>();
        final List<Value> outputs = new ArrayList<>();

        CaseBuilder(String name) {
            this.name = name;
        }

        Case build() {
            return new Case(name, op, exact, Map.copyOf(params), List.copyOf(inputs), List.copyOf(outputs));
        }
    }

    // ------------------------------------------------------------------ text parsers

    /** {@code view} applied to {@code base}; see {@link Value}. */
    static Tensor applyView(Tensor base, String view) {
        int colon = view.indexOf(':');
        String kind = colon < 0 ? view : view.substring(0, colon);
        String argument = colon < 0 ? "" : view.substring(colon + 1);
        return switch (kind) {
            case "contiguous" -> base;
            case "transpose" -> base.transpose(ints(argument));
            case "slice" -> base.get(indexItems(argument));
            case "broadcast" -> base.broadcastTo(ints(argument));
            default -> throw new IllegalArgumentException("unknown view " + view);
        };
    }

    /** Comma-separated integers; empty text is an empty array. */
    static int[] ints(String text) {
        return text.isEmpty() ? new int[0] : Arrays.stream(text.split(",")).mapToInt(Integer::parseInt).toArray();
    }

    /**
     * Comma-separated index items as Python writes them: {@code 2}, {@code -1}, {@code 1:3},
     * {@code ::-2}, {@code new} (NumPy's {@code None}) and {@code ...}.
     */
    static Index[] indexItems(String text) {
        return Arrays.stream(text.split(",")).map(OpFixtures::indexItem).toArray(Index[]::new);
    }

    private static Index indexItem(String item) {
        if (item.equals("...")) {
            return Index.ellipsis();
        }
        if (item.equals("new")) {
            return Index.newAxis();
        }
        if (!item.contains(":")) {
            return Index.at(Integer.parseInt(item));
        }
        String[] parts = item.split(":", -1);
        Integer start = optionalInt(parts[0]);
        Integer stop = optionalInt(parts[1]);
        Integer step = parts.length > 2 ? optionalInt(parts[2]) : null;
        return new Index.Range(start, stop, step == null ? 1 : step);
    }

    private static Integer optionalInt(String text) {
        return text.isEmpty() ? null : Integer.valueOf(text);
    }

    /** {@code float32} and friends. */
    static DType dtype(String name) {
        return DType.valueOf(name.toUpperCase(Locale.ROOT));
    }

    /** A double as Python prints it, including {@code inf}, {@code -inf} and {@code nan}. */
    static double parseDouble(String text) {
        return switch (text) {
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            case "nan" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }

    /** A float from its shortest decimal form (correctly rounded, so bit-exact). */
    static float parseFloat(String text) {
        return switch (text) {
            case "inf", "-inf", "nan" -> (float) parseDouble(text);
            default -> Float.parseFloat(text);
        };
    }
}
