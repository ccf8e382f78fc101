package dev.jtensor.ops;

import static dev.jtensor.TF.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.jtensor.DType;
import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Tensor;
import dev.jtensor.Variable;
import org.junit.jupiter.api.Test;

class ApplyGradientDescentTest {

    @Test
    void matchesTheTwoOpFormBitForBit() {
        Tensor x = randomNormal(new int[] {300, 700}, 0, 1, DType.FLOAT32, 7L);
        Tensor y = randomNormal(new int[] {300, 700}, 0, 1, DType.FLOAT32, 8L);
        Variable v = new Variable(y);
        v.applyGradientDescent(0.01, x);
        assertArrayEquals(y.sub(x.mul(0.01f)).toFloatArray(), v.toFloatArray());
        // views are read through their strides
        Tensor xt = transpose(x), yt = transpose(y);
        Variable w = new Variable(yt);
        w.applyGradientDescent(-0.5, xt);
        assertArrayEquals(yt.sub(xt.mul(-0.5f)).toFloatArray(), w.toFloatArray());
    }

    @Test
    void handlesScalarsAndEmptyTensors() {
        Variable s = new Variable(constant(3.0));
        s.applyGradientDescent(-2, constant(2.0));
        assertEquals(7.0, s.doubleValue());
        Variable empty = new Variable(zeros(DType.FLOAT32, 0, 3));
        empty.applyGradientDescent(1, zeros(DType.FLOAT32, 0, 3));
        assertEquals(empty.shape(), empty.asTensor().shape());
    }

    @Test
    void rejectsMismatchedOrIntegerOperandsAndChangesNothing() {
        Variable v = new Variable(constant(new float[] {1, 2}), "v", true);
        var shape = assertThrows(InvalidArgumentException.class,
                () -> v.applyGradientDescent(1, constant(new float[] {1})));
        assertTrue(shape.getMessage().contains("(2,)") && shape.getMessage().contains("(1,)")
                && shape.getMessage().contains("[Op:ResourceApplyGradientDescent]"), shape.getMessage());
        assertArrayEquals(new float[] {1, 2}, v.toFloatArray());
        Variable i = new Variable(constant(new int[] {1}), "i", true);
        var integer = assertThrows(InvalidArgumentException.class,
                () -> i.applyGradientDescent(1, constant(new int[] {1})));
        assertTrue(integer.getMessage().contains("int32") && integer.getMessage().contains("'i'"), integer.getMessage());
        assertThrows(InvalidArgumentException.class, () -> v.applyGradientDescent(1, null));
    }
}
