package dev.jtensor.nn.data;

import dev.jtensor.Tensor;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * TensorFlow's shuffle buffer ({@code ShuffleDatasetOp}): keep up to {@code bufferSize} elements in a
 * ring; each step refills it from the input, emits a uniformly chosen element and moves the oldest
 * one into its slot. A buffer at least as large as the input gives a uniform permutation; a buffer
 * of 1 gives the input order.
 */
final class ShuffleIterator implements Iterator<List<Tensor>> {
    private final Iterator<List<Tensor>> input;
    private final SplitMix64 random;
    private final Object[] ring;
    private long start;
    private int count;

    ShuffleIterator(Iterator<List<Tensor>> input, int bufferSize, long seed) {
        this.input = input;
        this.random = new SplitMix64(seed);
        this.ring = new Object[bufferSize];
    }

    @Override
    public boolean hasNext() {
        while (count < ring.length && input.hasNext()) {
            ring[slot(start + count)] = input.next();
            count++;
        }
        return count > 0;
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<Tensor> next() {
        if (!hasNext()) {
            throw new NoSuchElementException("Dataset.shuffle: no more elements");
        }
        int chosen = slot(start + random.below(count));
        List<Tensor> element = (List<Tensor>) ring[chosen];
        ring[chosen] = ring[slot(start)];
        ring[slot(start)] = null;
        start++;
        count--;
        return element;
    }

    private int slot(long position) {
        return (int) (position % ring.length);
    }
}
