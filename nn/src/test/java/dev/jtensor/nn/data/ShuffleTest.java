package dev.jtensor.nn.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.jtensor.TF;
import dev.jtensor.Tensor;
import dev.jtensor.nn.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Dataset.shuffle against the orders an independent Python implementation of TensorFlow's buffer
 * algorithm with SplitMix64 gives (gen_nn_fixtures.py, shuffle.npz), epoch by epoch.
 */
class ShuffleTest {
    private static final Fixtures FIXTURES = Fixtures.load("shuffle.npz");

    @ParameterizedTest(name = "{0}")
    @CsvSource({"small_buffer, 10, 4, 42", "full_buffer, 10, 100, 7", "unit_buffer, 6, 1, 3",
            "big_seed, 20, 5, -1234567890123"})
    void ordersMatchTheReferenceInEveryEpoch(String name, int n, int bufferSize, long seed) {
        Dataset shuffled = Dataset.fromTensorSlices(TF.range(n)).shuffle(bufferSize, seed);
        for (int epoch = 0; epoch < 3; epoch++) {
            List<Integer> expected = IntStream.of(toInts(FIXTURES.get(name, "order_" + epoch))).boxed().toList();
            assertEquals(expected, DatasetTest.firstComponents(shuffled), name + " epoch " + epoch);
        }
    }

    @Test
    void aPermutationTheSameForTwoPipelinesAndNewEachEpoch() {
        Dataset a = Dataset.fromTensorSlices(TF.range(50)).shuffle(16, 99).batch(5);
        Dataset b = Dataset.fromTensorSlices(TF.range(50)).shuffle(16, 99).batch(5);
        List<Integer> first = flat(a), again = flat(a);
        assertEquals(first, flat(b), "same seed, same epoch: same order");
        assertEquals(IntStream.range(0, 50).boxed().toList(), first.stream().sorted().toList(), "a permutation");
        assertNotEquals(first, again, "another epoch, another order");
        assertEquals(again, flat(b), "epoch 1 of both pipelines");
        assertNotEquals(IntStream.range(0, 50).boxed().toList(), first);
        assertEquals(10, a.cardinality());
    }

    @Test
    void repeatAfterShuffleReshufflesEachPass() {
        List<Integer> twoPasses = DatasetTest.firstComponents(Dataset.fromTensorSlices(TF.range(8)).shuffle(8, 5).repeat(2));
        assertEquals(16, twoPasses.size());
        assertNotEquals(twoPasses.subList(0, 8), twoPasses.subList(8, 16));
        List<Integer> expected = new ArrayList<>();
        Dataset same = Dataset.fromTensorSlices(TF.range(8)).shuffle(8, 5);
        expected.addAll(DatasetTest.firstComponents(same));
        expected.addAll(DatasetTest.firstComponents(same));
        assertEquals(expected, twoPasses);
    }

    private static List<Integer> flat(Dataset batches) {
        List<Integer> out = new ArrayList<>();
        for (List<Tensor> b : batches) for (int v : b.get(0).toIntArray()) out.add(v);
        return out;
    }

    private static int[] toInts(Tensor t) {
        return t.cast(dev.jtensor.DType.INT32).toIntArray();
    }
}
