package dev.jtensor;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

/** A result larger than the heap is a ResourceExhaustedException naming the op, shape and bytes, not an OutOfMemoryError. */
class ResourceExhaustedTest {

    /** Rows of 1024 float64 values that together exceed the heap, or -1 if no Java array could. */
    private static int rowsBeyondTheHeap() {
        long rows = Runtime.getRuntime().maxMemory() / (1024L * 8) + 1;
        return rows * 1024 > Integer.MAX_VALUE - 8 ? -1 : (int) rows;
    }

    @Test
    void aFillLargerThanTheHeapFailsAtOnceAndNamesEverything() {
        int rows = rowsBeyondTheHeap();
        assumeTrue(rows > 0, "the heap is larger than any Java array");
        var e = assertThrows(ResourceExhaustedException.class, () -> TF.ones(DType.FLOAT64, rows, 1024));
        String m = e.getMessage();
        assertTrue(m.startsWith("OOM when allocating tensor with shape[" + rows + ",1024] and type float64 on cpu:0"), m);
        assertTrue(m.contains((long) rows * 1024 * 8 + " bytes") && m.contains("-Xmx") && m.endsWith("[Op:Fill]"), m);
    }

    @Test
    void theSeedsExampleOnASmallHeap() {
        // zeros(46000, 46000) is 8.5 GB of float32: more than this JVM's heap unless it is very large
        assumeTrue(Runtime.getRuntime().maxMemory() < 46000L * 46000 * 4);
        var e = assertThrows(ResourceExhaustedException.class, () -> TF.zeros(46000, 46000));
        assertTrue(e.getMessage().contains("shape[46000,46000] and type float32") && e.getMessage().contains("8464000000 bytes"),
                e.getMessage());
        var random = assertThrows(ResourceExhaustedException.class, () -> TF.randomNormal(46000, 46000));
        assertTrue(random.getMessage().endsWith("[Op:RandomStandardNormal]"), random.getMessage());
    }

    @Test
    void viewsOfAnyShapeAllocateNothingAndAreAllowed() {
        // a broadcast is a zero-stride view: no memory, so no limit
        Tensor huge = TF.broadcastTo(TF.constant(1f), 46000, 46000);
        assertEquals(Shape.of(46000, 46000), huge.shape());
        assertEquals(1f, huge.get(45999, 45999).floatValue());
    }
}
