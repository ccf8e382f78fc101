package dev.jtensor.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Compares {@link NumpyFormatter} with NumPy's own {@code str()} and {@code repr()} output recorded in
 * {@code fixtures/format_cases.txt} and {@code fixtures/repr_cases.txt} (regenerate with
 * {@code scripts/fixtures/gen_format_fixtures.py}).
 */
class NumpyFormatterTest {

    private record FixtureCase(String name, String dtype, int[] shape, Object data, String expected) {
    }

    @TestFactory
    Stream<DynamicTest> matchesNumpy() throws IOException {
        List<FixtureCase> cases = readFixtures("format_cases.txt");
        assertTrue(cases.size() >= 60, "too few fixture cases: " + cases.size());
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> assertEquals(c.expected(),
                NumpyFormatter.arrayToString(c.dtype(), c.shape(), c.data()))));
    }

    @TestFactory
    Stream<DynamicTest> matchesNumpysRepr() throws IOException {
        List<FixtureCase> cases = readFixtures("repr_cases.txt");
        assertTrue(cases.size() >= 60, "too few fixture cases: " + cases.size());
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> assertEquals(c.expected(),
                NumpyFormatter.arrayRepr(c.dtype(), c.shape(), c.data()))));
    }

    @Test
    void tensorScalar() {
        assertEquals("tf.Tensor(2.0, shape=(), dtype=float32)",
                NumpyFormatter.tensorToString("float32", new int[0], new float[] {2}));
    }

    @Test
    void tensorVector() {
        assertEquals("tf.Tensor([1 2 3], shape=(3,), dtype=int32)",
                NumpyFormatter.tensorToString("int32", new int[] {3}, new int[] {1, 2, 3}));
    }

    @Test
    void tensorMatrixStartsOnItsOwnLine() {
        assertEquals("""
                tf.Tensor(
                [[2. 2.]
                 [2. 2.]], shape=(2, 2), dtype=float32)""",
                NumpyFormatter.tensorToString("float32", new int[] {2, 2}, new float[] {2, 2, 2, 2}));
    }

    @Test
    void tensorBool() {
        assertEquals("tf.Tensor([ True False], shape=(2,), dtype=bool)",
                NumpyFormatter.tensorToString("bool", new int[] {2}, new boolean[] {true, false}));
    }

    @Test
    void tensorEmpty() {
        assertEquals("tf.Tensor([], shape=(2, 0), dtype=float64)",
                NumpyFormatter.tensorToString("float64", new int[] {2, 0}, new double[0]));
    }

    @Test
    void shapeTuples() {
        assertEquals("()", NumpyFormatter.shapeToString(new int[0]));
        assertEquals("(3,)", NumpyFormatter.shapeToString(new int[] {3}));
        assertEquals("(2, 0, 4)", NumpyFormatter.shapeToString(new int[] {2, 0, 4}));
    }

    @Test
    void rejectsMismatchedData() {
        assertThrows(IllegalArgumentException.class,
                () -> NumpyFormatter.arrayToString("float32", new int[] {2}, new double[2]));
        assertThrows(IllegalArgumentException.class,
                () -> NumpyFormatter.arrayToString("int32", new int[] {2, 2}, new int[3]));
        assertThrows(IllegalArgumentException.class,
                () -> NumpyFormatter.arrayToString("float16", new int[] {1}, new float[1]));
    }

    private static List<FixtureCase> readFixtures(String file) throws IOException {
        InputStream in = NumpyFormatterTest.class.getResourceAsStream("/fixtures/" + file);
        if (in == null) {
            throw new IOException("fixtures/" + file + " not on the test classpath");
        }
        List<FixtureCase> cases = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("#")) {
                    continue;
                }
                String name = field(line, "case");
                String dtype = field(reader.readLine(), "dtype");
                String shapeText = field(reader.readLine(), "shape");
                int[] shape = shapeText.isEmpty() ? new int[0]
                        : Arrays.stream(shapeText.split(",")).mapToInt(Integer::parseInt).toArray();
                String valuesText = field(reader.readLine(), "values");
                String[] values = valuesText.isEmpty() ? new String[0] : valuesText.split(" ");
                field(reader.readLine(), "expected");
                List<String> expected = new ArrayList<>();
                while (!(line = reader.readLine()).equals("end")) {
                    expected.add(line);
                }
                cases.add(new FixtureCase(name, dtype, shape, parse(dtype, values), String.join("\n", expected)));
            }
        }
        return cases;
    }

    /** The text after {@code "<key> "} on a fixture line. */
    private static String field(String line, String key) throws IOException {
        if (line == null || !(line.equals(key) || line.startsWith(key + " "))) {
            throw new IOException("expected a '" + key + "' line, got: " + line);
        }
        return line.substring(key.length()).strip();
    }

    private static Object parse(String dtype, String[] values) {
        return switch (dtype) {
            case "float32" -> {
                float[] a = new float[values.length];
                for (int i = 0; i < a.length; i++) {
                    a[i] = (float) parseFloat(values[i]);   // exact: the value is a widened float32
                }
                yield a;
            }
            case "float64" -> Arrays.stream(values).mapToDouble(NumpyFormatterTest::parseFloat).toArray();
            case "int32" -> Arrays.stream(values).mapToInt(Integer::parseInt).toArray();
            case "int64" -> Arrays.stream(values).mapToLong(Long::parseLong).toArray();
            case "bool" -> {
                boolean[] a = new boolean[values.length];
                for (int i = 0; i < a.length; i++) {
                    a[i] = values[i].equals("1");
                }
                yield a;
            }
            default -> throw new IllegalArgumentException("unknown dtype " + dtype);
        };
    }

    /** Python's repr() of a float; Java's parser reads the digits exactly but not nan/inf. */
    private static double parseFloat(String text) {
        return switch (text) {
            case "nan" -> Double.NaN;
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }
}
