package dev.jtensor.internal;

import java.lang.reflect.Array;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.IntToDoubleFunction;
import java.util.function.IntToLongFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Text of an array exactly as NumPy 2.x's {@code str(ndarray)} with default print options
 * (precision 8, threshold 1000, edgeitems 3, linewidth 75, floatmode 'maxprec'), and of a tensor as
 * TensorFlow 2.x's {@code print(tensor)}, for the dtypes float32, float64, int32, int64 and bool.
 *
 * <p>The reference is NumPy's {@code numpy/_core/arrayprint.py}, followed step by step:
 * <ol>
 *   <li>A 0-d array prints as its scalar ({@code str(np.float32(2))} is {@code 2.0}); an array with
 *       a zero-length axis prints as {@code []}.</li>
 *   <li>An array of more than 1000 elements is summarised: along every axis longer than 6 only the
 *       first and last 3 entries are shown, with {@code ...} between them.</li>
 *   <li>One element format is derived from the elements that will be shown, so that all share a
 *       width: integers are right-aligned, bools are {@code " True"}/{@code "False"}, floats follow
 *       {@link FloatFormat} (NumPy's {@code FloatingFormat}).</li>
 *   <li>The nesting is laid out as {@code _formatArray} does: rows are wrapped at 75 columns with a
 *       hanging indent of one space per open bracket, and sub-arrays of rank {@code k} are separated
 *       by {@code k} newlines, i.e. by {@code k - 1} blank lines.</li>
 * </ol>
 * This class depends on no tensor type, so it can be tested against NumPy's output directly.
 */
public final class NumpyFormatter {
    private static final int THRESHOLD = 1000;
    private static final int EDGE_ITEMS = 3;
    private static final int LINE_WIDTH = 75;
    /** Marks the elided middle in {@link #shownItems}. */
    private static final int ELLIPSIS = -1;

    private NumpyFormatter() {
    }

    /**
     * The text NumPy's {@code str(arr)} gives for the array with the given dtype, shape and data.
     *
     * <pre>{@code
     * arrayToString("float32", new int[] {2, 2}, new float[] {1.5f, 2, -3, 4})
     *     // "[[ 1.5  2. ]\n [-3.   4. ]]"
     * arrayToString("int32", new int[] {3}, new int[] {1, -2, 30})   // "[ 1 -2 30]"
     * arrayToString("float64", new int[0], new double[] {0.1})      // "0.1"
     * }</pre>
     *
     * @param dtypeName one of {@code "float32"}, {@code "float64"}, {@code "int32"}, {@code "int64"},
     *                  {@code "bool"}
     * @param shape     the array's shape, empty for a scalar
     * @param data      the elements in row-major order: a {@code float[]}, {@code double[]},
     *                  {@code int[]}, {@code long[]} or {@code boolean[]} matching the dtype, whose
     *                  length is the product of {@code shape}
     * @throws IllegalArgumentException if the data does not match the dtype or the shape
     */
    public static String arrayToString(String dtypeName, int[] shape, Object data) {
        int size = checkedSize(dtypeName, shape, data);
        if (shape.length == 0) {
            return scalarToString(data);
        }
        if (size == 0) {
            return "[]";
        }
        boolean summarise = size > THRESHOLD;
        int[] strides = strides(shape);
        int[] shown = shownOffsets(shape, strides, summarise);
        return new Layout(shape, strides, summarise, elementFormat(data, shown), " ").render("", LINE_WIDTH);
    }

    /**
     * The text NumPy's {@code repr(arr)} gives: {@code array(...)} with elements separated by commas,
     * continuation lines aligned under the first bracket, and {@code dtype=}/{@code shape=} where the
     * text alone does not imply them (float32 and int32 always, any empty array, and the shape of a
     * summarised array), as NumPy 2.x's {@code _array_repr_implementation}.
     *
     * <pre>{@code
     * arrayRepr("float32", new int[] {2}, new float[] {1, 2})     // "array([1., 2.], dtype=float32)"
     * arrayRepr("int64", new int[] {3}, new long[] {1, 2, 3})     // "array([1, 2, 3])"
     * arrayRepr("float64", new int[0], new double[] {0.5})        // "array(0.5)"
     * }</pre>
     *
     * <p>The parameters are those of {@link #arrayToString(String, int[], Object)}.
     */
    public static String arrayRepr(String dtypeName, int[] shape, Object data) {
        int size = checkedSize(dtypeName, shape, data);
        String prefix = "array(";
        String body;
        if (size == 0) {
            body = "[]";
        } else {
            boolean summarise = size > THRESHOLD;
            int[] strides = strides(shape);
            int[] shown = shownOffsets(shape, strides, summarise);
            // the closing ")" takes a column from every line
            // NumPy's BoolFormat pads " True" to the width of "False" only inside an array
            IntFunction<String> element = shape.length == 0 && data instanceof boolean[] b
                    ? i -> b[i] ? "True" : "False" : elementFormat(data, shown);
            body = new Layout(shape, strides, summarise, element, ", ")
                    .render(" ".repeat(prefix.length()), LINE_WIDTH - 1);
        }
        List<String> extras = new java.util.ArrayList<>();
        if ((size == 0 && !(shape.length == 1 && shape[0] == 0)) || size > THRESHOLD) {
            extras.add("shape=" + shapeToString(shape));
        }
        boolean implied = dtypeName.equals("float64") || dtypeName.equals("int64") || dtypeName.equals("bool");
        if (!implied || size == 0) {
            extras.add("dtype=" + dtypeName);
        }
        if (extras.isEmpty()) {
            return prefix + body + ")";
        }
        String text = prefix + body + ",";
        String extra = String.join(", ", extras) + ")";
        int lastLine = text.length() - (text.lastIndexOf('\n') + 1);
        String spacer = lastLine + extra.length() + 1 > LINE_WIDTH ? "\n" + " ".repeat(prefix.length()) : " ";
        return text + spacer + extra;
    }

    /**
     * The text TensorFlow 2.x's {@code print(tensor)} gives: {@code tf.Tensor(<numpy text>, shape=<tuple>,
     * dtype=<dtype>)}, where multi-line NumPy text starts on a line of its own.
     *
     * <pre>{@code
     * tensorToString("float32", new int[0], new float[] {2})    // "tf.Tensor(2.0, shape=(), dtype=float32)"
     * tensorToString("int32", new int[] {3}, new int[] {1, 2, 3})
     *     // "tf.Tensor([1 2 3], shape=(3,), dtype=int32)"
     * tensorToString("float32", new int[] {2, 2}, new float[] {2, 2, 2, 2})
     *     // "tf.Tensor(\n[[2. 2.]\n [2. 2.]], shape=(2, 2), dtype=float32)"
     * }</pre>
     *
     * <p>The parameters are those of {@link #arrayToString(String, int[], Object)}.
     */
    public static String tensorToString(String dtypeName, int[] shape, Object data) {
        String text = arrayToString(dtypeName, shape, data);
        if (text.contains("\n")) {
            text = "\n" + text;
        }
        return "tf.Tensor(" + text + ", shape=" + shapeToString(shape) + ", dtype=" + dtypeName + ")";
    }

    /**
     * A shape as a Python tuple, the way TensorFlow prints a {@code TensorShape}.
     *
     * <pre>{@code
     * shapeToString(new int[0])          // "()"
     * shapeToString(new int[] {3})       // "(3,)"
     * shapeToString(new int[] {2, 2})    // "(2, 2)"
     * }</pre>
     */
    public static String shapeToString(int[] shape) {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        return Arrays.stream(shape).mapToObj(Integer::toString)
                .collect(Collectors.joining(", ", "(", ")"));
    }

    /** Validates the arguments and returns the number of elements. */
    private static int checkedSize(String dtypeName, int[] shape, Object data) {
        Class<?> expected = switch (dtypeName) {
            case "float32" -> float[].class;
            case "float64" -> double[].class;
            case "int32" -> int[].class;
            case "int64" -> long[].class;
            case "bool" -> boolean[].class;
            default -> throw new IllegalArgumentException("unsupported dtype: " + dtypeName);
        };
        if (data == null || data.getClass() != expected) {
            throw new IllegalArgumentException("dtype " + dtypeName + " needs a " + expected.getSimpleName()
                    + ", got " + (data == null ? "null" : data.getClass().getSimpleName()));
        }
        long size = 1;
        for (int n : shape) {
            if (n < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            size = Math.multiplyExact(size, n);
        }
        int length = Array.getLength(data);
        if (size != length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + size
                    + " elements, got " + length);
        }
        return length;
    }

    /** {@code str()} of the single element of a 0-d array, i.e. of the NumPy scalar. */
    private static String scalarToString(Object data) {
        return switch (data) {
            case float[] a -> FloatFormat.scalarToString(a[0], true);
            case double[] a -> FloatFormat.scalarToString(a[0], false);
            case int[] a -> Integer.toString(a[0]);
            case long[] a -> Long.toString(a[0]);
            case boolean[] a -> a[0] ? "True" : "False";
            default -> throw new AssertionError(data);
        };
    }

    /** Formatter of the element at a flat offset, with widths taken from the shown elements only. */
    private static IntFunction<String> elementFormat(Object data, int[] shown) {
        return switch (data) {
            case float[] a -> floatFormat(Arrays.stream(shown).mapToDouble(i -> a[i]).toArray(), true,
                    i -> a[i]);
            case double[] a -> floatFormat(Arrays.stream(shown).mapToDouble(i -> a[i]).toArray(), false,
                    i -> a[i]);
            case int[] a -> integerFormat(Arrays.stream(shown).mapToLong(i -> a[i]).toArray(), i -> a[i]);
            case long[] a -> integerFormat(Arrays.stream(shown).mapToLong(i -> a[i]).toArray(), i -> a[i]);
            // " True" is padded to the width of "False"
            case boolean[] a -> i -> a[i] ? " True" : "False";
            default -> throw new AssertionError(data);
        };
    }

    private static IntFunction<String> floatFormat(double[] shown, boolean single,
                                                   IntToDoubleFunction value) {
        FloatFormat format = FloatFormat.forValues(shown, single);
        return i -> format.format(value.applyAsDouble(i));
    }

    /** NumPy's {@code IntegerFormat}: right-aligned to the longer of the largest and smallest value. */
    private static IntFunction<String> integerFormat(long[] shown, IntToLongFunction value) {
        long max = Arrays.stream(shown).max().orElseThrow();
        long min = Arrays.stream(shown).min().orElseThrow();
        int width = Math.max(Long.toString(max).length(), Long.toString(min).length());
        return i -> {
            String text = Long.toString(value.applyAsLong(i));
            return " ".repeat(width - text.length()) + text;
        };
    }

    private static int[] strides(int[] shape) {
        int[] strides = new int[shape.length];
        int stride = 1;
        for (int axis = shape.length - 1; axis >= 0; axis--) {
            strides[axis] = stride;
            stride *= shape[axis];
        }
        return strides;
    }

    /**
     * Indices printed along an axis of the given length, {@link #ELLIPSIS} standing for the elided
     * middle (NumPy's {@code _leading_trailing}).
     */
    private static int[] shownItems(int length, boolean summarise) {
        if (summarise && length > 2 * EDGE_ITEMS) {
            return new int[] {0, 1, 2, ELLIPSIS, length - 3, length - 2, length - 1};
        }
        return IntStream.range(0, length).toArray();
    }

    /** Flat offsets of all elements that will be printed. */
    private static int[] shownOffsets(int[] shape, int[] strides, boolean summarise) {
        int[] offsets = {0};
        for (int axis = 0; axis < shape.length; axis++) {
            int stride = strides[axis];
            int[] items = Arrays.stream(shownItems(shape[axis], summarise)).filter(i -> i != ELLIPSIS).toArray();
            offsets = Arrays.stream(offsets)
                    .flatMap(offset -> Arrays.stream(items).map(i -> offset + i * stride))
                    .toArray();
        }
        return offsets;
    }

    /** NumPy's {@code _formatArray}: brackets, separators, wrapping and summarisation. */
    private record Layout(int[] shape, int[] strides, boolean summarise, IntFunction<String> element,
                          String separator) {

        /**
         * The array, its continuation lines indented past {@code prefix} (what precedes the first
         * "[", such as repr's "array(") and the "[" itself.
         */
        String render(String prefix, int width) {
            return format(0, 0, prefix + " ", width);
        }

        /**
         * The sub-array at {@code axis} starting at flat {@code offset}, as NumPy's {@code recurser}:
         * {@code indent} is the hanging indent of its continuation lines and {@code width} the room
         * left on a line once the closing brackets of the enclosing arrays are accounted for.
         */
        private String format(int axis, int offset, String indent, int width) {
            if (axis == shape.length) {
                return element.apply(offset);
            }
            String nestedIndent = indent + " ";
            int nestedWidth = width - 1;    // one column is taken by this array's "]"
            List<String> words = Arrays.stream(shownItems(shape[axis], summarise))
                    .mapToObj(i -> i == ELLIPSIS ? "..."
                            : format(axis + 1, offset + i * strides[axis], nestedIndent, nestedWidth))
                    .toList();
            int axesLeft = shape.length - axis;
            // a row leaves room for its own "]" after the last element
            String body = axesLeft == 1 ? wrapRow(words, indent, width - 1)
                    : stackBlocks(words, indent, separator.stripTrailing() + "\n".repeat(axesLeft - 1));
            return "[" + body.substring(indent.length()) + "]";
        }

        /** Elements of the last axis with the separator between them, wrapped before passing {@code width}. */
        private String wrapRow(List<String> words, String indent, int width) {
            StringBuilder out = new StringBuilder();
            StringBuilder line = new StringBuilder(indent);
            for (int k = 0; k < words.size(); k++) {
                if (k > 0) {
                    line.append(separator);
                }
                extendLine(out, line, words.get(k), width, indent);
            }
            return out.append(line).toString();
        }

        /** Sub-arrays one below the other, each indented; blank lines separate those of rank 2 and up. */
        private static String stackBlocks(List<String> blocks, String indent, String separator) {
            return blocks.stream().map(block -> indent + block).collect(Collectors.joining(separator));
        }

        /** NumPy's {@code _extendLine}: wrap before {@code word} if it would pass {@code width}. */
        private static void extendLine(StringBuilder out, StringBuilder line, String word, int width,
                                       String indent) {
            // a line holding nothing but the indent is not wrapped: that would not make it shorter
            if (line.length() + word.length() > width && line.length() > indent.length()) {
                out.append(line.toString().stripTrailing()).append('\n');
                line.setLength(0);
                line.append(indent);
            }
            line.append(word);
        }
    }
}
