package dev.jtensor;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** {@link Shape}, with and without unknown dimensions, against TensorFlow's TensorShape. */
class ShapeTest {

    private static final int U = Shape.UNKNOWN;

    @Test
    void printsAsTensorFlow() {
        assertEquals("(None, 784)", Shape.of(U, 784).toString());          // str(TensorShape([None, 784]))
        assertEquals("(None,)", Shape.of(U).toString());
        assertEquals("(2, 3)", Shape.of(2, 3).toString());
        assertEquals("(3,)", Shape.of(3).toString());
        assertEquals("()", Shape.scalar().toString());
        assertEquals("[?,784]", Shape.of(U, 784).toBracketString());       // TF's error messages
        assertEquals("[2,3]", Shape.of(2, 3).toBracketString());
        assertEquals("[]", Shape.scalar().toBracketString());
    }

    @Test
    void sizeIsMinusOneUntilFullyDefined() {
        assertEquals(-1, Shape.of(U, 784).size());
        assertEquals(6, Shape.of(2, 3).size());
        assertEquals(1, Shape.scalar().size());
        assertFalse(Shape.of(2, U).isFullyDefined());
        assertTrue(Shape.of(2, 3).isFullyDefined());
        assertTrue(Shape.scalar().isFullyDefined());
        assertEquals(Shape.of(U, U), Shape.unknown(2));
        assertEquals(U, Shape.of(U, 784).get(0));
    }

    @Test
    void isEmptyWhenAKnownDimensionIsZero() {
        assertTrue(Shape.of(U, 0).isEmpty());
        assertFalse(Shape.of(U, 3).isEmpty());
        assertTrue(Shape.of(2, 0).isEmpty());
    }

    @Test
    void compatibilityMatchesTensorShapeIsCompatibleWith() {
        assertTrue(Shape.of(32, 784).isCompatibleWith(Shape.of(U, 784)));
        assertTrue(Shape.of(U, 784).isCompatibleWith(Shape.of(32, 784)));
        assertTrue(Shape.of(U, U).isCompatibleWith(Shape.of(5, 3)));
        assertTrue(Shape.of(2, 3).isCompatibleWith(Shape.of(2, 3)));
        assertFalse(Shape.of(U, 784).isCompatibleWith(Shape.of(32, 783)));
        assertFalse(Shape.of(U, 3).isCompatibleWith(Shape.of(3)));      // rank differs
        assertFalse(Shape.of(3).isCompatibleWith(null));
        assertTrue(Shape.scalar().isCompatibleWith(Shape.scalar()));
    }

    @Test
    void mergeKeepsEveryKnownDimension() {
        assertEquals(Shape.of(5, 3), Shape.of(U, 3).mergeWith(Shape.of(5, U)));
        assertEquals(Shape.of(U, 3), Shape.of(U, 3).mergeWith(Shape.of(U, U)));
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> Shape.of(U, 3).mergeWith(Shape.of(5, 4)));
        assertEquals("Shapes (None, 3) and (5, 4) are not compatible", e.getMessage());
    }

    @Test
    void equalityIncludesUnknownDimensions() {
        assertEquals(Shape.of(U, 3), Shape.of(U, 3));
        assertEquals(Shape.of(U, 3).hashCode(), Shape.of(U, 3).hashCode());
        assertNotEquals(Shape.of(U, 3), Shape.of(5, 3));
    }

    @Test
    void onlyMinusOneMayBeNegative() {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> Shape.of(-2, 3));
        assertTrue(e.getMessage().contains("dimension -2 is negative in [-2, 3]"), e.getMessage());
        // the size limit counts the known dimensions only
        assertEquals(Integer.MAX_VALUE - 8, Shape.of(U, Integer.MAX_VALUE - 8).get(1));
        assertThrows(InvalidArgumentException.class, () -> Shape.of(U, 1 << 16, 1 << 16));
    }
}
