package dev.jtensor.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jtensor.Operand;

/** Comparisons of tensors for nn's tests. */
public final class Approx {

    private Approx() {
    }

    /** Same shape, and every element within {@code tolerance} (absolute plus relative). */
    public static void assertClose(Operand expected, Operand actual, double tolerance) {
        assertEquals(expected.shape(), actual.shape(), "shape");
        double[] e = expected.asTensor().cast(dev.jtensor.DType.FLOAT64).toDoubleArray();
        double[] a = actual.asTensor().cast(dev.jtensor.DType.FLOAT64).toDoubleArray();
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], a[i], tolerance * (1 + Math.abs(e[i])), "element " + i);
        }
    }

    /** Exactly equal values and shapes. */
    public static void assertSame(Operand expected, Operand actual) {
        assertEquals(expected.shape(), actual.shape(), "shape");
        assertArrayEquals(expected.asTensor().cast(dev.jtensor.DType.FLOAT64).toDoubleArray(),
                actual.asTensor().cast(dev.jtensor.DType.FLOAT64).toDoubleArray());
    }
}
