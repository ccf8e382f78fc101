package dev.jtensor.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jtensor.InvalidArgumentException;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import dev.jtensor.graph.Graph;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Dataset's stages: element order, batches and their remainder, repeat/take/filter and cardinality. */
class DatasetTest {
    private static final Tensor X = TF.constant(new float[][] {{0, 1}, {2, 3}, {4, 5}, {6, 7}, {8, 9}});
    private static final Tensor Y = TF.constant(new int[] {10, 11, 12, 13, 14});

    static List<Integer> firstComponents(Dataset ds) {
        List<Integer> out = new ArrayList<>();
        for (List<Tensor> e : ds) out.add(e.get(0).intValue());
        return out;
    }

    @Test
    void slicesKeepTheOrderAndPairComponentsRowByRow() {
        Dataset ds = Dataset.fromTensorSlices(X, Y);
        assertEquals(5, ds.cardinality());
        int i = 0;
        for (List<Tensor> e : ds) {
            assertEquals(2, e.size());
            assertArrayEquals(new float[] {2 * i, 2 * i + 1}, e.get(0).toFloatArray());
            assertEquals(10 + i, e.get(1).intValue());
            assertEquals(0, e.get(1).rank());
            i++;
        }
        assertEquals(5, i);
        assertEquals(List.of(10, 11, 12, 13, 14), firstComponents(Dataset.fromTensorSlices(Y)), "repeatable");
    }

    @Test
    void batchStacksComponentsAndKeepsOrDropsTheRemainder() {
        Dataset batched = Dataset.fromTensorSlices(X, Y).batch(2);
        assertEquals(3, batched.cardinality());
        List<List<Tensor>> batches = new ArrayList<>();
        batched.forEach(batches::add);
        assertEquals(3, batches.size());
        assertArrayEquals(new int[] {2, 2}, batches.get(0).get(0).shape().toArray());
        assertArrayEquals(new float[] {4, 5, 6, 7}, batches.get(1).get(0).toFloatArray());
        assertArrayEquals(new int[] {1, 2}, batches.get(2).get(0).shape().toArray());
        assertArrayEquals(new int[] {14}, batches.get(2).get(1).toIntArray());

        Dataset dropped = Dataset.fromTensorSlices(X, Y).batch(2, true);
        assertEquals(2, dropped.cardinality());
        List<Integer> sizes = new ArrayList<>();
        for (List<Tensor> b : dropped) sizes.add(b.get(1).shape().get(0));
        assertEquals(List.of(2, 2), sizes);
        assertEquals(1, Dataset.fromTensorSlices(Y).batch(8).cardinality());
        assertEquals(0, Dataset.fromTensorSlices(Y).batch(8, true).cardinality());
        assertEquals(0, firstComponents(Dataset.fromTensorSlices(Y).batch(8, true)).size());
    }

    @Test
    void repeatTakeMapAndFilterCardinalities() {
        Dataset ds = Dataset.fromTensorSlices(Y);
        assertEquals(15, ds.repeat(3).cardinality());
        assertEquals(List.of(10, 11, 12, 13, 14, 10, 11, 12, 13, 14), firstComponents(ds.repeat(2)));
        assertEquals(Dataset.INFINITE, ds.repeat().cardinality());
        assertEquals(7, ds.repeat().take(7).cardinality());
        assertEquals(List.of(10, 11, 12, 13, 14, 10, 11), firstComponents(ds.repeat().take(7)));
        assertEquals(3, ds.take(3).cardinality());
        assertEquals(5, ds.take(30).cardinality());
        assertEquals(5, ds.take(-1).cardinality());
        assertEquals(0, ds.repeat(0).cardinality());
        assertEquals(List.of(), firstComponents(ds.repeat(0)));
        assertEquals(Dataset.INFINITE, ds.repeat().batch(2).cardinality());

        Dataset mapped = ds.map(e -> List.of(e.get(0).mul(2L)));
        assertEquals(5, mapped.cardinality());
        assertEquals(List.of(20, 22, 24, 26, 28), firstComponents(mapped));

        Dataset filtered = ds.filter(e -> e.get(0).intValue() % 2 == 0);
        assertEquals(Dataset.UNKNOWN, filtered.cardinality());
        assertEquals(Dataset.UNKNOWN, filtered.repeat(2).cardinality());
        assertEquals(Dataset.UNKNOWN, filtered.take(2).cardinality());
        assertEquals(Dataset.UNKNOWN, filtered.batch(2).cardinality());
        assertEquals(List.of(10, 12, 14), firstComponents(filtered));
        assertEquals(List.of(), firstComponents(ds.filter(e -> false).repeat()), "an empty pass ends a repeat");
    }

    @Test
    void badInputIsRefusedWithTheShapesOrValues() {
        assertMessage(() -> Dataset.fromTensorSlices(TF.zeros(5, 2), TF.zeros(4)),
                "Dataset.fromTensorSlices: components must have the same first dimension, got component #0 of shape "
                        + "(5, 2) and component #1 of shape (4,)");
        assertMessage(() -> Dataset.fromTensorSlices(TF.constant(3f)),
                "Dataset.fromTensorSlices: component #0 is a scalar; components need a first axis to slice along");
        assertMessage(() -> Dataset.fromTensorSlices(), "Dataset.fromTensorSlices: needs at least one component");
        assertMessage(() -> Dataset.fromTensorSlices(Y, null), "Dataset.fromTensorSlices: component #1 is null");
        Graph graph = new Graph();
        try (var scope = graph.asDefault()) {
            Tensor p = graph.placeholder(dev.jtensor.DType.FLOAT32, 3);
            InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> Dataset.fromTensorSlices(p));
            assertEquals(true, e.getMessage().startsWith("Dataset.fromTensorSlices: component #0 is symbolic"), e.getMessage());
        }
        Dataset ds = Dataset.fromTensorSlices(Y);
        assertMessage(() -> ds.batch(0), "Dataset.batch: batchSize must be positive, got 0");
        assertMessage(() -> ds.shuffle(-3, 1), "Dataset.shuffle: bufferSize must be positive, got -3");
        assertMessage(() -> ds.prefetch(0), "Dataset.prefetch: bufferSize must be positive, got 0");
        assertMessage(() -> ds.map(null), "Dataset.map: fn is null");
        assertMessage(() -> ds.map(e -> null).iterator().next(),
                "Dataset.map: the function returned null for element #0; it must return a list of tensors");
        assertMessage(() -> Dataset.fromTensorSlices(Y).map(e -> List.of(TF.zeros(e.get(0).intValue() - 9)))
                        .batch(2).iterator().next(),
                "Dataset.batch: cannot stack component #0 of shapes (1,) ... (2,): ");
    }

    private static void assertMessage(Executable call, String message) {
        String got = assertThrows(InvalidArgumentException.class, call).getMessage();
        if (message.endsWith(": ")) {
            assertEquals(true, got.startsWith(message), got);
        } else {
            assertEquals(message, got);
        }
    }
}
