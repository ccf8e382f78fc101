package dev.jtensor.nn.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtensor.InvalidArgumentException;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Dataset.prefetch: the same elements, exceptions handed to the consumer, no thread left running. */
class PrefetchTest {

    @Test
    void givesTheSameElementsAsWithoutPrefetch() {
        Dataset plain = Dataset.fromTensorSlices(TF.range(100)).shuffle(30, 3).batch(7);
        Dataset ahead = Dataset.fromTensorSlices(TF.range(100)).shuffle(30, 3).batch(7).prefetch(3);
        for (int epoch = 0; epoch < 2; epoch++) {
            assertEquals(DatasetTest.firstComponents(plain.map(b -> List.of(TF.reduceSum(b.get(0))))),
                    DatasetTest.firstComponents(ahead.map(b -> List.of(TF.reduceSum(b.get(0))))));
        }
        assertEquals(plain.cardinality(), ahead.cardinality());
        assertEquals(List.of(0, 1, 2, 3), DatasetTest.firstComponents(Dataset.fromTensorSlices(TF.range(4))
                .prefetch(Dataset.AUTOTUNE)));
    }

    @Test
    void anExceptionInTheProducerSurfacesInNextAfterTheEarlierElements() {
        InvalidArgumentException boom = new InvalidArgumentException("bad element");
        Dataset failing = Dataset.fromTensorSlices(TF.range(5)).map(e -> {
            if (e.get(0).intValue() == 3) throw boom;
            return e;
        }).prefetch(2);
        Iterator<List<Tensor>> it = failing.iterator();
        for (int i = 0; i < 3; i++) assertEquals(i, it.next().get(0).intValue());
        assertTrue(it.hasNext());
        assertSame(boom, assertThrows(InvalidArgumentException.class, it::next));
        assertSame(boom, assertThrows(InvalidArgumentException.class, it::next), "and again");
    }

    @Test
    void anAbandonedIteratorDoesNotLeaveItsThreadRunning() throws InterruptedException {
        int before = PrefetchIterator.RUNNING.get();
        readOneAndDrop(Dataset.fromTensorSlices(TF.range(3)).repeat().prefetch(2));
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (PrefetchIterator.RUNNING.get() > before && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(20);
        }
        assertEquals(before, PrefetchIterator.RUNNING.get(), "the producer of the dropped iterator has ended");
    }

    private static void readOneAndDrop(Dataset endless) {
        Iterator<List<Tensor>> it = endless.iterator();
        assertEquals(0, it.next().get(0).intValue());
    }
}
