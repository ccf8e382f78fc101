package dev.jtensor.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jtensor.DType;
import dev.jtensor.InvalidArgumentException;
import dev.jtensor.TF;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The digits data against scikit-learn's documented values, and the train/test split. */
class DigitsTest {

    @Test
    void shapesDtypesAndRangeAreScikitLearns() {
        LabeledData digits = Datasets.digits();
        assertEquals(DType.FLOAT32, digits.features().dtype());
        assertArrayEquals(new int[] {1797, 64}, digits.features().shape().toArray());
        assertEquals(DType.INT32, digits.labels().dtype());
        assertArrayEquals(new int[] {1797}, digits.labels().shape().toArray());
        assertEquals(0f, TF.reduceMin(digits.features()).floatValue());
        assertEquals(16f, TF.reduceMax(digits.features()).floatValue());
        assertEquals(1797, digits.size());
    }

    @Test
    void theFirstRowsAreTheFilesAndEachClassHasAbout180Samples() {
        LabeledData digits = Datasets.digits();
        // the file's first line (sklearn's digits.images[0] is this 0, digits.target[0] == 0)
        float[] first = {0, 0, 5, 13, 9, 1, 0, 0, 0, 0, 13, 15, 10, 15, 5, 0, 0, 3, 15, 2, 0, 11, 8, 0, 0, 4, 12, 0, 0, 8,
                8, 0, 0, 5, 8, 0, 0, 9, 8, 0, 0, 4, 11, 0, 1, 12, 7, 0, 0, 2, 14, 5, 10, 12, 0, 0, 0, 0, 6, 13, 10, 0, 0, 0};
        assertArrayEquals(first, digits.features().get(0).toFloatArray());
        int[] labels = digits.labels().toIntArray();
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, Arrays.copyOf(labels, 10));
        int[] counts = new int[10];
        for (int l : labels) counts[l]++;
        // np.bincount(load_digits().target)
        assertArrayEquals(new int[] {178, 182, 177, 183, 181, 182, 181, 179, 174, 180}, counts);
    }

    @Test
    void theSplitIsADeterministicPartition() {
        LabeledData digits = Datasets.digits();
        LabeledData.TrainTest split = digits.trainTestSplit(0.2, 42);
        assertEquals(360, split.test().size());
        assertEquals(1437, split.train().size());
        assertArrayEquals(new int[] {1437, 64}, split.train().features().shape().toArray());
        LabeledData.TrainTest again = digits.trainTestSplit(0.2, 42);
        assertArrayEquals(split.test().labels().toIntArray(), again.test().labels().toIntArray());
        assertNotEquals(Arrays.toString(split.test().labels().toIntArray()),
                Arrays.toString(digits.trainTestSplit(0.2, 43).test().labels().toIntArray()));
        float total = TF.reduceSum(digits.features()).floatValue();
        float parts = TF.reduceSum(split.train().features()).floatValue() + TF.reduceSum(split.test().features()).floatValue();
        assertEquals(total, parts, 1e-3f * total);
        int[] perm = LabeledData.permutation(1797, 42);
        assertEquals(1797, Arrays.stream(perm).distinct().count());
        // rows stay paired: each test row is the digit image of its label's source row
        int source = perm[0];
        assertArrayEquals(digits.features().get(source).toFloatArray(), split.test().features().get(0).toFloatArray());
        assertEquals(digits.labels().get(source).intValue(), split.test().labels().get(0).intValue());
    }

    @Test
    void aFractionOutsideZeroOneIsRefused() {
        LabeledData digits = Datasets.digits();
        for (double bad : new double[] {0, 1, -0.1, 1.5, Double.NaN}) {
            InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> digits.trainTestSplit(bad, 1));
            assertEquals("LabeledData.trainTestSplit: testFraction must be in (0, 1), got " + bad, e.getMessage());
        }
        LabeledData tiny = new LabeledData(TF.zeros(2, 3), TF.zeros(2));
        assertEquals("LabeledData.trainTestSplit: testFraction 0.9 of 2 samples leaves none to train on",
                assertThrows(InvalidArgumentException.class, () -> tiny.trainTestSplit(0.9, 1)).getMessage());
        assertEquals("LabeledData: features and labels must have the same first dimension, got features shape (3, 2) "
                        + "and labels shape (2,)",
                assertThrows(InvalidArgumentException.class, () -> new LabeledData(TF.zeros(3, 2), TF.zeros(2))).getMessage());
    }
}
