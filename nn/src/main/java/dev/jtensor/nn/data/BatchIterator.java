package dev.jtensor.nn.data;

import dev.jtensor.InvalidArgumentException;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/** Groups {@code batchSize} consecutive elements and stacks each component along a new first axis. */
final class BatchIterator implements Iterator<List<Tensor>> {
    private final Iterator<List<Tensor>> input;
    private final int batchSize;
    private final boolean dropRemainder;
    private List<List<Tensor>> pending;

    BatchIterator(Iterator<List<Tensor>> input, int batchSize, boolean dropRemainder) {
        this.input = input;
        this.batchSize = batchSize;
        this.dropRemainder = dropRemainder;
    }

    @Override
    public boolean hasNext() {
        if (pending == null) {
            List<List<Tensor>> group = new ArrayList<>(batchSize);
            while (group.size() < batchSize && input.hasNext()) group.add(input.next());
            boolean complete = group.size() == batchSize || (!group.isEmpty() && !dropRemainder);
            pending = complete ? group : List.of();
        }
        return !pending.isEmpty();
    }

    @Override
    public List<Tensor> next() {
        if (!hasNext()) {
            throw new NoSuchElementException("Dataset.batch: no more elements");
        }
        List<List<Tensor>> group = pending;
        pending = null;
        return stack(group);
    }

    private static List<Tensor> stack(List<List<Tensor>> group) {
        int components = group.get(0).size();
        List<Tensor> batch = new ArrayList<>(components);
        for (int c = 0; c < components; c++) {
            List<Tensor> parts = new ArrayList<>(group.size());
            for (List<Tensor> element : group) {
                if (element.size() != components) {
                    throw new InvalidArgumentException("Dataset.batch: elements have " + components + " and "
                            + element.size() + " components");
                }
                parts.add(element.get(c));
            }
            try {
                batch.add(TF.stack(parts, 0));
            } catch (InvalidArgumentException e) {
                throw new InvalidArgumentException("Dataset.batch: cannot stack component #" + c + " of shapes "
                        + parts.get(0).shape() + " ... " + parts.get(parts.size() - 1).shape() + ": " + e.getMessage(), e);
            }
        }
        return List.copyOf(batch);
    }
}
