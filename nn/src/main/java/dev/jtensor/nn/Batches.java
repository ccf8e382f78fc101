package dev.jtensor.nn;

import dev.jtensor.InvalidArgumentException;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import dev.jtensor.nn.data.Dataset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Where a loop's batches come from: in-memory tensors (sliced, and shuffled per epoch with a seeded
 * order), or a {@link Dataset} of {@code (x, y)} elements that batches itself.
 */
abstract sealed class Batches {

    /** One step's inputs (one tensor per model input) and targets (one per output). */
    record Batch(List<Tensor> x, List<Tensor> y) {
        int size() {
            return x.get(0).shape().get(0);
        }
    }

    /** Steps per epoch, or -1 when unknown. */
    abstract long steps();

    /** The batches of epoch {@code epoch}. */
    abstract Iterator<Batch> epoch(int epoch);

    /** The first batch's inputs, for building the model before any step is traced. */
    abstract List<Tensor> sample();

    static Batches of(List<Tensor> x, List<Tensor> y, int batchSize, boolean shuffle, long seed) {
        return new InMemory(x, y, batchSize, shuffle, seed);
    }

    static Batches of(Dataset data, String method) {
        return new FromDataset(data, method);
    }

    /** Tensors sliced into batches; a shuffled order is drawn anew for every epoch from one seeded generator. */
    static final class InMemory extends Batches {
        private final List<Tensor> x, y;
        private final int n, batchSize;
        private final boolean shuffle;
        private final SplittableRandom random;

        InMemory(List<Tensor> x, List<Tensor> y, int batchSize, boolean shuffle, long seed) {
            this.x = x;
            this.y = y;
            this.n = x.get(0).shape().get(0);
            this.batchSize = batchSize;
            this.shuffle = shuffle;
            this.random = new SplittableRandom(seed);
        }

        @Override
        long steps() {
            return (n + batchSize - 1) / batchSize;
        }

        @Override
        Iterator<Batch> epoch(int epoch) {
            int[] order = IntStream.range(0, n).toArray();
            if (shuffle) {
                for (int i = n - 1; i > 0; i--) {
                    int j = random.nextInt(i + 1), t = order[i];
                    order[i] = order[j];
                    order[j] = t;
                }
            }
            List<Batch> batches = new ArrayList<>();
            for (int start = 0; start < n; start += batchSize) {
                int[] rows = Arrays.copyOfRange(order, start, Math.min(n, start + batchSize));
                batches.add(shuffle ? new Batch(gather(x, rows), gather(y, rows))
                        : new Batch(slice(x, start, start + rows.length), slice(y, start, start + rows.length)));
            }
            return batches.iterator();
        }

        @Override
        List<Tensor> sample() {
            return slice(x, 0, 1);
        }
    }

    /** A Dataset's elements, each {@code [x, y]}. */
    static final class FromDataset extends Batches {
        private final Dataset data;
        private final String method;

        FromDataset(Dataset data, String method) {
            this.data = data;
            this.method = method;
        }

        @Override
        long steps() {
            long c = data.cardinality();
            if (c == Dataset.INFINITE) {
                throw new InvalidArgumentException(method + ": the dataset is infinite (repeat() without a count); "
                        + "take(n) a finite number of batches per epoch");
            }
            return c >= 0 ? c : -1;
        }

        @Override
        Iterator<Batch> epoch(int epoch) {
            Iterator<List<Tensor>> elements = data.iterator();
            return new Iterator<>() {
                public boolean hasNext() {
                    return elements.hasNext();
                }

                public Batch next() {
                    List<Tensor> e = elements.next();
                    if (e.size() != 2) {
                        throw new InvalidArgumentException(method + ": dataset elements must be (x, y), got " + e.size()
                                + " components");
                    }
                    return new Batch(List.of(e.get(0)), List.of(e.get(1)));
                }
            };
        }

        @Override
        List<Tensor> sample() {
            Iterator<Batch> first = epoch(0);
            if (!first.hasNext()) throw new InvalidArgumentException(method + ": the dataset is empty");
            return first.next().x();
        }
    }

    static List<Tensor> gather(List<Tensor> xs, int[] rows) {
        Tensor indices = TF.constant(rows);
        return xs.stream().map(t -> TF.gather(t, indices, 0)).toList();
    }

    static List<Tensor> slice(List<Tensor> xs, int start, int end) {
        return xs.stream().map(t -> t.get(dev.jtensor.Index.range(start, end))).toList();
    }
}
