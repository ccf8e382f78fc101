package dev.jtensor;

import static dev.jtensor.TF.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The seed notebooks' tensor examples, with the numbers and shapes they show. */
class SeedExamplesTest {

    @AfterEach
    void strictAgain() {
        disableNumpyBehavior();
    }

    @Test
    void eagerSquareHoldsItsValueAtOnce() {
        Tensor y = square(constant(2f));
        assertEquals(4f, y.floatValue());
        assertEquals(DType.FLOAT32, y.dtype());
        assertEquals(Shape.scalar(), y.shape());
    }

    @Test
    void scalarBroadcastsOverA2x2() {
        Tensor a = constant(new float[][] {{1, 2}, {3, 4}});
        assertArrayEquals(new float[] {2, 3, 4, 5}, add(a, 1).toFloatArray());
        assertArrayEquals(new float[] {2, 2, 2, 2}, zeros(2, 2).add(2).toFloatArray());
        assertArrayEquals(new float[] {1, 4, 9, 16}, a.pow(2).toFloatArray());
        assertArrayEquals(new float[] {-1, -2, -3, -4}, a.neg().toFloatArray());
    }

    @ParameterizedTest
    @CsvSource({"0, 2;2;3;4;5", "1, 2;2;3;4;5", "2, 2;3;2;4;5", "3, 2;3;4;2;5", "4, 2;3;4;5;2", "-1, 2;3;4;5;2"})
    void stackOfTwo2x3x4x5(int axis, String expected) {
        Tensor a = reshape(range(2 * 3 * 4 * 5), 2, 3, 4, 5);
        assertEquals(shape(expected), stack(List.of(a, a.neg()), axis).shape());
    }

    @ParameterizedTest
    @CsvSource({"concat, 0, 6;3;4", "concat, 1, 2;9;4", "concat, -1, 2;3;12",
        "stack, 0, 3;2;3;4", "stack, 1, 2;3;3;4", "stack, 2, 2;3;3;4", "stack, -1, 2;3;4;3"})
    void stackAndConcatOfThree2x3x4(String op, int axis, String expected) {
        Tensor a = reshape(range(2 * 3 * 4), 2, 3, 4);
        List<Tensor> values = List.of(a, a.neg(), a.mul(2));
        Tensor result = op.equals("concat") ? concat(values, axis) : stack(values, axis);
        assertEquals(shape(expected), result.shape());
    }

    @Test
    void concatOf2x3x4And4x3x4WorksOnlyAlongAxis0() {
        Tensor a = reshape(range(2 * 3 * 4), 2, 3, 4);
        Tensor b = reshape(range(4 * 3 * 4).neg(), 4, 3, 4);
        Tensor joined = concat(List.of(a, b), 0);
        assertEquals(Shape.of(6, 3, 4), joined.shape());
        assertEquals(-47, joined.get(5, 2, 3).intValue());
        for (int axis : new int[] {1, 2}) {
            var e = assertThrows(InvalidArgumentException.class, () -> concat(List.of(a, b), axis));
            assertTrue(e.getMessage().contains("[2,3,4] vs. shape[1] = [4,3,4]"), e.getMessage());
            assertTrue(e.getMessage().contains("[Op:ConcatV2]"), e.getMessage());
        }
    }

    @Test
    void concatAndStackOf2x2Variables() {
        Tensor a = constant(new int[][] {{1, 2}, {3, 4}});
        Tensor b = constant(new int[][] {{-1, -2}, {-3, -4}});
        assertArrayEquals(new int[] {1, 2, 3, 4, -1, -2, -3, -4}, concat(List.of(a, b), 0).toIntArray());
        Tensor s = stack(List.of(a, b), 0);
        assertEquals(Shape.of(2, 2, 2), s.shape());
        assertArrayEquals(new int[] {1, 2, 3, 4, -1, -2, -3, -4}, s.toIntArray());
    }

    @Test
    void matmulNeedsRankTwoAndMatchingInnerDimensions() {
        Tensor eye = constant(new float[][] {{1, 0}, {0, 1}});
        Tensor x = constant(new float[] {77, -88});
        var rank = assertThrows(InvalidArgumentException.class, () -> eye.matmul(x));
        assertTrue(rank.getMessage().contains("[2,2] vs. [2]") && rank.getMessage().contains("[Op:MatMul]"));
        assertThrows(InvalidArgumentException.class, () -> x.matmul(eye));
        assertArrayEquals(new float[] {77, -88}, eye.matmul(reshape(x, 2, 1)).toFloatArray());
        assertEquals(Shape.of(2, 1), eye.matmul(reshape(x, 2, 1)).shape());
        assertArrayEquals(new float[] {77, -88}, reshape(x, 1, 2).matmul(eye).toFloatArray());
        var inner = assertThrows(InvalidArgumentException.class, () -> reshape(x, 2, 1).matmul(eye));
        assertTrue(inner.getMessage().contains("Matrix size-incompatible: In[0]: [2,1], In[1]: [2,2]"), inner.getMessage());
        assertEquals(Shape.of(2), reshape(x, -1).shape());
    }

    @Test
    void indexingGivesPlainTensors() {
        Tensor a = constant(new int[] {1, 2, 3, 4});
        assertEquals(1, a.get(0).intValue());
        assertEquals(Shape.scalar(), a.get(0).shape());
        assertArrayEquals(new int[] {1, 2}, a.get(Index.to(2)).toIntArray());
        Tensor m = reshape(range(6), 2, 3);
        assertArrayEquals(new int[] {3, 4, 5}, m.get(1).toIntArray());
        assertArrayEquals(new int[] {2, 5}, m.get(Index.all(), Index.at(-1)).toIntArray());
    }

    @Test
    void integerMeanTruncatesAndFloatMeanDoesNot() {
        assertEquals(2, reduceMean(constant(new int[] {1, 2, 3, 4})).intValue());
        assertEquals(DType.INT32, reduceMean(constant(new int[] {1, 2, 3, 4})).dtype());
        assertEquals(2.5f, reduceMean(constant(new float[] {1, 2, 3, 4})).floatValue());
        assertEquals(4f, reduceMax(constant(new float[] {1, 2, 3, 4})).floatValue());
        assertEquals(1f, reduceMin(constant(new float[] {1, 2, 3, 4})).floatValue());
        assertEquals(10f, reduceSum(constant(new float[] {1, 2, 3, 4})).floatValue());
    }

    @Test
    void castingAndStrictDTypes() {
        Tensor ints = constant(new int[] {1, 2});
        Tensor floats = constant(new float[] {3.14f, 3.14f});
        var e = assertThrows(InvalidArgumentException.class, () -> ints.add(floats));
        assertTrue(e.getMessage().contains("int32") && e.getMessage().contains("float32"), e.getMessage());
        Tensor sum = cast(ints, DType.FLOAT32).add(floats);
        assertArrayEquals(new float[] {1 + 3.14f, 2 + 3.14f}, sum.toFloatArray());
        assertArrayEquals(new int[] {3, -3}, cast(constant(new float[] {3.9f, -3.9f}), DType.INT32).toIntArray());
    }

    @Test
    void numpyBehaviorPromotesInsteadOfFailing() {
        enableNumpyBehavior();
        Tensor sum = constant(new int[] {1, 2}).add(constant(new float[] {3.14f, 3.14f}));
        assertEquals(DType.FLOAT64, sum.dtype());
        assertArrayEquals(new double[] {1 + (double) 3.14f, 2 + (double) 3.14f}, sum.toDoubleArray());
        assertEquals(DType.FLOAT64, exp(constant(new int[] {0})).dtype());
    }

    @Test
    void onlyTheCpuIsListed() {
        assertEquals(List.of(), listPhysicalDevices("GPU"));
        assertEquals("CPU", listPhysicalDevices("CPU").get(0).deviceType());
    }

    private static Shape shape(String dims) {
        return Shape.of(java.util.Arrays.stream(dims.split(";")).mapToInt(Integer::parseInt).toArray());
    }
}
