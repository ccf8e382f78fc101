package dev.jtensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Checks every op against reference values computed with NumPy, one dynamic test per case.
 *
 * <p>The cases live in {@code src/test/resources/fixtures/ops/cases.txt}, written by
 * {@code scripts/fixtures/gen_op_fixtures.py}; regenerate them with
 * {@code python3 scripts/fixtures/gen_op_fixtures.py} (NumPy 2.x, fixed seed) and commit the file
 * with the script. The script's docstring describes the format and where the expected values
 * follow TensorFlow rather than NumPy. This test needs no Python.
 *
 * <p>Each case builds its inputs (contiguous, or as a transposed, sliced or broadcast view), calls
 * the op through {@link ReferenceOps} and compares dtype, shape and values. Integer and bool
 * values must be equal; float values of {@code tol exact} cases too ({@code ==}, so
 * {@code -0.0} equals {@code 0.0}); other float values may differ by a relative
 * {@value #FLOAT32_TOLERANCE} (float32) or {@value #FLOAT64_TOLERANCE} (float64), plus as much
 * absolutely near zero. NaN matches only NaN and an infinity only the same infinity.
 */
class NumpyReferenceTest {

    private static final String FIXTURES = "/fixtures/ops/cases.txt";
    static final double FLOAT32_TOLERANCE = 1e-6;
    static final double FLOAT64_TOLERANCE = 1e-12;

    @TestFactory
    Stream<DynamicTest> opsMatchNumpy() {
        TF.disableNumpyBehavior(); // the references assume TensorFlow's strict dtype rules
        return OpFixtures.load(FIXTURES).stream()
                .map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c)));
    }

    private static void check(OpFixtures.Case c) {
        List<Tensor> actual;
        try {
            List<Tensor> inputs = c.inputs().stream().map(OpFixtures.Value::toTensor).toList();
            actual = ReferenceOps.apply(c.op(), new ReferenceOps.Call(inputs, c.params()));
        } catch (RuntimeException e) {
            throw new AssertionError(c.name() + ": " + c.op() + " threw " + e, e);
        }
        assertEquals(c.outputs().size(), actual.size(), c.name() + ": number of outputs");
        for (int i = 0; i < actual.size(); i++) {
            String where = c.outputs().size() == 1 ? c.name() : c.name() + " output " + i;
            assertTensor(where, c.outputs().get(i), actual.get(i), c.exact());
        }
    }

    private static void assertTensor(String where, OpFixtures.Value expected, Tensor actual, boolean exact) {
        assertEquals(expected.dtype(), actual.dtype(), where + ": dtype");
        assertEquals(Shape.of(expected.shape()), actual.shape(), where + ": shape");
        switch (expected.dtype()) {
            case BOOL -> assertArrayEquals(expected.booleans(), actual.toBooleanArray(), where + ": values");
            case INT32, INT64 -> assertArrayEquals(expected.longs(), actual.toLongArray(), where + ": values");
            case FLOAT32, FLOAT64 -> assertFloats(where, expected.doubles(), actual.toDoubleArray(),
                    exact ? 0 : tolerance(expected.dtype()));
        }
    }

    private static double tolerance(DType dtype) {
        return dtype == DType.FLOAT32 ? FLOAT32_TOLERANCE : FLOAT64_TOLERANCE;
    }

    private static void assertFloats(String where, double[] expected, double[] actual, double tolerance) {
        for (int i = 0; i < expected.length; i++) {
            if (!close(expected[i], actual[i], tolerance)) {
                fail(where + ": element " + i + " is " + actual[i] + ", expected " + expected[i]
                        + (tolerance == 0 ? " exactly" : " within " + tolerance));
            }
        }
    }

    /** Within {@code tolerance * |expected|} plus {@code tolerance} absolute; NaN and infinities must match. */
    static boolean close(double expected, double actual, double tolerance) {
        if (Double.isNaN(expected) || Double.isNaN(actual)) {
            return Double.isNaN(expected) && Double.isNaN(actual);
        }
        if (Double.isInfinite(expected) || Double.isInfinite(actual)) {
            return expected == actual;
        }
        return Math.abs(actual - expected) <= tolerance * (1 + Math.abs(expected));
    }
}
