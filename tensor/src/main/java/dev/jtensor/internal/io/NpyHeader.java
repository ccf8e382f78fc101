package dev.jtensor.internal.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The header dictionary of a {@code .npy} file, e.g.
 * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }}.
 *
 * <p>NumPy writes it with {@code repr} and reads it with {@code ast.literal_eval}, so the parser accepts
 * the subset of Python literal syntax a header can contain (strings, ints, {@code True}/{@code False},
 * tuples, lists) with Python's rules for spacing and trailing commas, instead of assuming NumPy's exact
 * spelling.
 *
 * @param descr        element layout on disk
 * @param fortranOrder whether the data is stored column-major
 * @param shape        the dimensions, each checked non-negative with an element count a Java array holds
 */
record NpyHeader(NpyDescr descr, boolean fortranOrder, int[] shape) {

    private static final Set<String> KEYS = Set.of("descr", "fortran_order", "shape");

    /**
     * NumPy pads the header so that the leading dimension can later grow to this many digits in
     * place ({@code GROWTH_AXIS_MAX_DIGITS} in {@code numpy/lib/format.py}).
     */
    private static final int GROWTH_AXIS_MAX_DIGITS = 21;

    /** Parses and validates header text (the bytes after the length field, already decoded). */
    static NpyHeader parse(String text) {
        Map<String, Parsed> dict = new Parser(text).dictionary();
        for (String key : dict.keySet()) {
            if (!KEYS.contains(key)) {
                throw new NpyFormatException("npy: header dictionary has unknown key '" + Npy.printable(key) + "'");
            }
        }
        for (String key : List.of("descr", "fortran_order", "shape")) {
            if (!dict.containsKey(key)) {
                throw new NpyFormatException("npy: header dictionary lacks '" + key + "'");
            }
        }
        Parsed descr = dict.get("descr");
        if (!(descr.value() instanceof String d)) {
            throw new NpyFormatException("npy: unsupported dtype " + descr.text()
                    + " (structured dtypes are not supported)");
        }
        Parsed fortran = dict.get("fortran_order");
        if (!(fortran.value() instanceof Boolean f)) {
            throw new NpyFormatException("npy: header 'fortran_order' must be True or False, found "
                    + fortran.text());
        }
        return new NpyHeader(NpyDescr.parse(d), f, shape(dict.get("shape")));
    }

    private static int[] shape(Parsed parsed) {
        if (!(parsed.value() instanceof Tuple(List<Object> items))) {
            throw new NpyFormatException("npy: header 'shape' must be a tuple of ints, found " + parsed.text());
        }
        int[] shape = new int[items.size()];
        for (int i = 0; i < shape.length; i++) {
            if (!(items.get(i) instanceof Long dim)) {
                throw new NpyFormatException("npy: header 'shape' must be a tuple of ints, found "
                        + parsed.text());
            }
            if (dim < 0) {
                throw new NpyFormatException("npy: header shape " + parsed.text()
                        + " has a negative dimension " + dim);
            }
            if (dim > Integer.MAX_VALUE) {
                throw new NpyFormatException("npy: header shape " + parsed.text() + " has dimension "
                        + dim + ", larger than a Java array can hold");
            }
            shape[i] = (int) (long) dim;
        }
        NpyArray.elementCount(shape, "header shape " + parsed.text());
        return shape;
    }

    /** The dictionary text NumPy writes for a C-order array, before the alignment padding. */
    static String format(String descr, int[] shape) {
        StringBuilder sb = new StringBuilder("{'descr': '").append(descr)
                .append("', 'fortran_order': False, 'shape': (");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        sb.append(shape.length == 1 ? ",), }" : "), }");  // Python's repr of a 1-tuple is (n,)
        if (shape.length > 0) {
            sb.repeat(' ', GROWTH_AXIS_MAX_DIGITS - Integer.toString(shape[0]).length());
        }
        return sb.toString();
    }

    /** Header text for a message: printable, and cut short since a header may be long. */
    private static String brief(String t) {
        return t.length() > 80 ? Npy.printable(t.substring(0, 80)) + "..." : Npy.printable(t);
    }

    /** A parsed value and its source text, kept so that messages can quote the header. */
    private record Parsed(Object value, String text) {}

    /** A Python tuple; a list parses to a plain {@link List} so the two can be told apart. */
    private record Tuple(List<Object> items) {}

    /** Recursive-descent parser for the Python literals a header may contain. */
    private static final class Parser {
        /** Real headers nest two deep at most (a structured descr); the limit keeps recursion shallow. */
        private static final int MAX_DEPTH = 32;

        private final String s;
        private int pos;
        private int depth;

        Parser(String s) {
            this.s = s;
        }

        Map<String, Parsed> dictionary() {
            skipSpace();
            if (pos >= s.length() || s.charAt(pos) != '{') {
                throw new NpyFormatException("npy: header is not a dictionary: " + excerpt());
            }
            pos++;
            Map<String, Parsed> dict = new LinkedHashMap<>();
            while (!closes('}')) {
                int keyStart = pos;
                if (!(value() instanceof String key)) {
                    pos = keyStart;
                    skipSpace();
                    throw error("expected a quoted key or '}'");
                }
                skipSpace();
                expect(':', "after key '" + Npy.printable(key) + "'");
                int start = pos;
                Object value = value();
                if (dict.put(key, new Parsed(value, brief(s.substring(start, pos).strip()))) != null) {
                    throw new NpyFormatException("npy: header dictionary repeats key '" + Npy.printable(key) + "'");
                }
                if (!separator('}')) {
                    break;
                }
            }
            skipSpace();
            if (pos < s.length()) {
                throw error("unexpected " + quote(s.charAt(pos)) + " after the dictionary");
            }
            return dict;
        }

        private Object value() {
            skipSpace();
            if (pos >= s.length()) {
                throw error("header ends where a value was expected");
            }
            char c = s.charAt(pos);
            if (c == '\'' || c == '"') {
                return string();
            } else if (c == '(' || c == '[') {
                return sequence(c);
            } else if (c == '-' || c == '+' || (c >= '0' && c <= '9')) {
                return integer();
            } else if (Character.isLetter(c)) {
                return word();
            }
            throw error("unexpected " + quote(c));
        }

        /** A tuple or list; {@code (x)} without a comma is just {@code x}, as in Python. */
        private Object sequence(char open) {
            if (++depth > MAX_DEPTH) {
                throw error("values nested more than " + MAX_DEPTH + " deep");
            }
            char close = open == '(' ? ')' : ']';
            pos++;
            List<Object> items = new ArrayList<>();
            boolean comma = false;
            while (!closes(close)) {
                items.add(value());
                comma = separator(close);
                if (!comma) {
                    break;
                }
            }
            depth--;
            if (open == '[') {
                return items;
            }
            return items.size() == 1 && !comma ? items.getFirst() : new Tuple(List.copyOf(items));
        }

        /** After an item: consumes ',' and returns true, or consumes {@code close} and returns false. */
        private boolean separator(char close) {
            skipSpace();
            if (pos < s.length() && s.charAt(pos) == ',') {
                pos++;
                return true;
            }
            expect(close, "or ','");
            return false;
        }

        /** Consumes {@code close} if it comes next (an empty container or a trailing comma). */
        private boolean closes(char close) {
            skipSpace();
            if (pos < s.length() && s.charAt(pos) == close) {
                pos++;
                return true;
            }
            return false;
        }

        private Long integer() {
            int start = pos;
            boolean negative = s.charAt(pos) == '-';
            if (s.charAt(pos) == '-' || s.charAt(pos) == '+') {
                pos++;
            }
            long v = 0;
            int digits = 0;
            for (; pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9'; pos++, digits++) {
                if (v > (Long.MAX_VALUE - 9) / 10) {
                    int end = pos;
                    while (end < s.length() && Character.isDigit(s.charAt(end))) {
                        end++;
                    }
                    throw error("integer " + s.substring(start, end) + " is too large");
                }
                v = v * 10 + (s.charAt(pos) - '0');
            }
            if (pos < s.length() && (s.charAt(pos) == 'L' || s.charAt(pos) == 'l')) {
                pos++;  // Python 2 long suffix, still found in old files
            }
            if (digits == 0 || (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos))
                    || s.charAt(pos) == '.' || s.charAt(pos) == '_'))) {
                throw error("malformed number starting at offset " + start);
            }
            return negative ? -v : v;
        }

        private Object word() {
            int start = pos;
            while (pos < s.length() && Character.isLetterOrDigit(s.charAt(pos))) {
                pos++;
            }
            String w = s.substring(start, pos);
            if ((w.equals("u") || w.equals("U")) && pos < s.length()
                    && (s.charAt(pos) == '\'' || s.charAt(pos) == '"')) {
                return string();  // Python 2 unicode literal u'...'
            }
            return switch (w) {
                case "True" -> Boolean.TRUE;
                case "False" -> Boolean.FALSE;
                default -> {
                    pos = start;
                    throw error("unexpected name '" + w + "'");
                }
            };
        }

        private String string() {
            char quote = s.charAt(pos++);
            StringBuilder sb = new StringBuilder();
            while (true) {
                if (pos >= s.length() || s.charAt(pos) == '\n') {
                    throw error("unterminated string");
                }
                char c = s.charAt(pos++);
                if (c == quote) {
                    return sb.toString();
                }
                if (c == '\\') {
                    if (pos >= s.length() || "\\'\"".indexOf(s.charAt(pos)) < 0) {
                        throw error("unsupported escape in string");
                    }
                    c = s.charAt(pos++);
                }
                sb.append(c);
            }
        }

        private void expect(char c, String context) {
            if (pos >= s.length() || s.charAt(pos) != c) {
                throw error("expected '" + c + "' " + context);
            }
            pos++;
        }

        private void skipSpace() {
            while (pos < s.length() && " \t\n\r\f".indexOf(s.charAt(pos)) >= 0) {
                pos++;
            }
        }

        private NpyFormatException error(String what) {
            String found = pos >= s.length() ? "end of header" : quote(s.charAt(pos));
            return new NpyFormatException("npy: bad header dictionary: " + what + " (at offset " + pos
                    + ", found " + found + ", in " + excerpt() + ")");
        }

        private String excerpt() {
            String t = s.strip();
            return t.isEmpty() ? "an empty header" : brief(t);
        }

        private static String quote(char c) {
            if (c == '\'') {
                return "\"'\"";
            }
            return c >= 0x20 && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c);
        }
    }
}
