package dev.jtensor.ops;

import static dev.jtensor.TF.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.jtensor.DType;
import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Tensor;
import org.junit.jupiter.api.Test;

class AxpyTest {

    @Test
    void matchesTheTwoOpFormBitForBit() {
        Tensor x = randomNormal(new int[] {300, 700}, 0, 1, DType.FLOAT32, 7L);
        Tensor y = randomNormal(new int[] {300, 700}, 0, 1, DType.FLOAT32, 8L);
        assertArrayEquals(y.add(x.mul(-0.01f)).toFloatArray(), Axpy.apply(-0.01, x, y).toFloatArray());
        // views are read through their strides
        Tensor xt = transpose(x), yt = transpose(y);
        assertArrayEquals(yt.add(xt.mul(0.5f)).toFloatArray(), Axpy.apply(0.5, xt, yt).toFloatArray());
    }

    @Test
    void handlesScalarsAndEmptyTensors() {
        assertEquals(7.0, Axpy.apply(2, constant(2.0), constant(3.0)).doubleValue());
        Tensor empty = zeros(DType.FLOAT32, 0, 3);
        assertEquals(empty.shape(), Axpy.apply(1, empty, empty).shape());
    }

    @Test
    void rejectsMismatchedOrIntegerOperands() {
        var shape = assertThrows(InvalidArgumentException.class,
                () -> Axpy.apply(1, constant(new float[] {1, 2}), constant(new float[] {1})));
        assertTrue(shape.getMessage().contains("(2,)") && shape.getMessage().contains("[Op:Axpy]"), shape.getMessage());
        var integer = assertThrows(InvalidArgumentException.class,
                () -> Axpy.apply(1, constant(new int[] {1}), constant(new int[] {1})));
        assertTrue(integer.getMessage().contains("int32"), integer.getMessage());
        assertThrows(InvalidArgumentException.class, () -> Axpy.apply(1, null, constant(1f)));
    }
}
