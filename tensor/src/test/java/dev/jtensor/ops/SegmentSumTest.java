package dev.jtensor.ops;

import static dev.jtensor.TF.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.jtensor.DType;
import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Shape;
import dev.jtensor.Tensor;
import org.junit.jupiter.api.Test;

/** {@code unsortedSegmentSum}, by hand (TensorFlow's documented examples and edge cases). */
class SegmentSumTest {

    @Test
    void sumsRowsIntoTheirSegments() {
        // tf.math.unsorted_segment_sum([[1,2,3,4],[5,6,7,8],[4,3,2,1]], [0,1,0], 2) = [[5,5,5,5],[5,6,7,8]]
        Tensor data = constant(new int[][] {{1, 2, 3, 4}, {5, 6, 7, 8}, {4, 3, 2, 1}});
        Tensor sum = unsortedSegmentSum(data, constant(new int[] {0, 1, 0}), 2);
        assertEquals(Shape.of(2, 4), sum.shape());
        assertArrayEquals(new int[] {5, 5, 5, 5, 5, 6, 7, 8}, sum.toIntArray());
    }

    @Test
    void unnamedSegmentsAreZeroAndNegativeIdsAreDropped() {
        Tensor sum = unsortedSegmentSum(constant(new float[] {1, 2, 3, 4}), constant(new long[] {0, 2, 0, -1}), 4);
        assertArrayEquals(new float[] {4, 0, 2, 0}, sum.toFloatArray());
    }

    @Test
    void idsOfHigherRankArePrefixesOfTheDataShape() {
        Tensor data = reshape(range(0, 12, 1), 2, 3, 2);
        Tensor sum = unsortedSegmentSum(data, constant(new int[][] {{1, 0, 1}, {1, 1, 0}}), 2);
        // rows (2-element slices) 0..5 = [0,1] [2,3] [4,5] [6,7] [8,9] [10,11]; ids 1 0 1 1 1 0
        assertEquals(Shape.of(2, 2), sum.shape());
        assertArrayEquals(new int[] {2 + 10, 3 + 11, 0 + 4 + 6 + 8, 1 + 5 + 7 + 9}, sum.toIntArray());
    }

    @Test
    void largeFloatRowsMatchAScalarSum() {
        // long rows go through the vector adds; each must equal the plain float sum in index order
        Tensor data = randomNormal(new int[] {5, 300}, 0, 1, DType.FLOAT32, 3L);
        int[] ids = {1, 0, 1, 1, 0};
        float[] d = data.toFloatArray(), expected = new float[2 * 300];
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 300; j++) expected[ids[i] * 300 + j] += d[i * 300 + j];
        }
        assertArrayEquals(expected, unsortedSegmentSum(data, constant(ids), 2).toFloatArray());
    }

    @Test
    void emptyDataAndZeroSegments() {
        assertArrayEquals(new double[6], unsortedSegmentSum(zeros(DType.FLOAT64, 0, 2), constant(new int[0]), 3).toDoubleArray());
        assertEquals(Shape.of(0, 2), unsortedSegmentSum(zeros(DType.FLOAT64, 3, 2), constant(new int[] {-1, -1, -1}), 0).shape());
    }

    @Test
    void badIdsAndShapesAreNamedErrors() {
        Tensor data = constant(new float[] {1, 2, 3});
        var tooLarge = assertThrows(InvalidArgumentException.class,
                () -> unsortedSegmentSum(data, constant(new int[] {0, 3, 1}), 3));
        assertTrue(tooLarge.getMessage().contains("segment_ids[1] = 3") && tooLarge.getMessage().contains("[Op:UnsortedSegmentSum]"),
                tooLarge.getMessage());
        var prefix = assertThrows(InvalidArgumentException.class,
                () -> unsortedSegmentSum(data, constant(new int[] {0, 1}), 3));
        assertTrue(prefix.getMessage().contains("prefix") && prefix.getMessage().contains("(3,)"), prefix.getMessage());
        var floatIds = assertThrows(InvalidArgumentException.class,
                () -> unsortedSegmentSum(data, constant(new float[] {0, 1, 2}), 3));
        assertTrue(floatIds.getMessage().contains("float32"), floatIds.getMessage());
        assertThrows(InvalidArgumentException.class, () -> unsortedSegmentSum(data, constant(new int[] {0, 1, 2}), -1));
        assertThrows(InvalidArgumentException.class,
                () -> unsortedSegmentSum(constant(new boolean[] {true}), constant(new int[] {0}), 1));
    }
}
