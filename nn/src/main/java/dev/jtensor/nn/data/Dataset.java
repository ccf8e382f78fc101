package dev.jtensor.nn.data;

import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Operand;
import dev.jtensor.Tensor;
import dev.jtensor.internal.Inputs;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * An input pipeline in the manner of {@code tf.data.Dataset}: a repeatable sequence of elements,
 * each a tuple of tensors ({@code List<Tensor>}), transformed lazily.
 *
 * {@snippet :
 * Dataset train = Dataset.fromTensorSlices(features, labels)   // elements (features[i], labels[i])
 *         .shuffle(1024, 42)                                   // reshuffled each iteration, reproducibly
 *         .batch(32)
 *         .prefetch(2);                                        // produced ahead on a daemon thread
 * for (List<Tensor> batch : train) {
 *     Tensor x = batch.get(0), y = batch.get(1);
 * }
 * train.cardinality();                                         // the number of batches
 * }
 *
 * <p>Each {@link #iterator()} starts over from the source. Iterating is single-threaded except
 * under {@link #prefetch}, whose producer thread runs the stages before it (so their functions
 * should not rely on thread-local settings such as a {@code Settings.withDevice} scope).
 */
public final class Dataset implements Iterable<List<Tensor>> {
    /** {@link #cardinality()} of an endless dataset (TensorFlow's {@code tf.data.INFINITE_CARDINALITY}). */
    public static final long INFINITE = -1;
    /** {@link #cardinality()} when it cannot be known without iterating ({@code tf.data.UNKNOWN_CARDINALITY}). */
    public static final long UNKNOWN = -2;
    /** A {@link #prefetch} buffer size that lets the library choose ({@code tf.data.AUTOTUNE}); it chooses 2. */
    public static final int AUTOTUNE = -1;

    private final Supplier<Iterator<List<Tensor>>> source;
    private final long cardinality;

    private Dataset(Supplier<Iterator<List<Tensor>>> source, long cardinality) {
        this.source = source;
        this.cardinality = cardinality;
    }

    /**
     * The slices of the components along their first axis: element {@code i} is
     * {@code (components[0][i], components[1][i], ...)}. Components must be values (not symbolic)
     * of rank at least 1 and share their first dimension.
     */
    public static Dataset fromTensorSlices(Operand... components) {
        Tensor[] parts = Slices.check(components);
        int n = parts[0].shape().get(0);
        return new Dataset(() -> Slices.iterator(parts, n), n);
    }

    /** Batches of {@code batchSize} elements, the last one smaller if the input does not divide evenly. */
    public Dataset batch(int batchSize) {
        return batch(batchSize, false);
    }

    /**
     * Batches of {@code batchSize} consecutive elements, each component stacked along a new first
     * axis; with {@code dropRemainder} a last, smaller batch is left out.
     */
    public Dataset batch(int batchSize, boolean dropRemainder) {
        positive("batch", "batchSize", batchSize);
        long c = cardinality < 0 ? cardinality : dropRemainder ? cardinality / batchSize
                : (cardinality + batchSize - 1) / batchSize;
        return new Dataset(() -> new BatchIterator(source.get(), batchSize, dropRemainder), c);
    }

    /**
     * The elements in an order drawn through a buffer of {@code bufferSize}, TensorFlow's algorithm
     * (see {@code tf.data.Dataset.shuffle}): a buffer at least the dataset's size shuffles uniformly.
     * As TensorFlow's default ({@code reshuffle_each_iteration}), every iteration gives another
     * order, and deterministically so: the {@code k}-th iterator made through this stage has the same
     * order in every run with the same seed (its generator is seeded from {@code seed} and {@code k}).
     */
    public Dataset shuffle(int bufferSize, long seed) {
        positive("shuffle", "bufferSize", bufferSize);
        AtomicLong iterations = new AtomicLong();
        return new Dataset(() -> new ShuffleIterator(source.get(), bufferSize,
                SplitMix64.nth(seed, iterations.getAndIncrement())), cardinality);
    }

    /** The elements repeated without end. */
    public Dataset repeat() {
        return repeat(-1);
    }

    /** The elements repeated {@code count} times ({@code count} negative: without end, as TensorFlow's -1). */
    public Dataset repeat(int count) {
        long c;
        if (count == 0 || cardinality == 0) c = 0;
        else if (count < 0 || cardinality == INFINITE) c = INFINITE;
        else if (cardinality == UNKNOWN) c = UNKNOWN;
        else c = cardinality * count;
        return new Dataset(() -> new StageIterators.Repeat(source, count), c);
    }

    /** Each element passed through {@code fn}, which must return a tuple of non-null tensors. */
    public Dataset map(UnaryOperator<List<Tensor>> fn) {
        Inputs.nonNull(fn, "Dataset.map", "fn");
        return new Dataset(() -> new StageIterators.Map(source.get(), fn), cardinality);
    }

    /** The elements for which {@code predicate} holds; the cardinality becomes {@link #UNKNOWN}. */
    public Dataset filter(Predicate<List<Tensor>> predicate) {
        Inputs.nonNull(predicate, "Dataset.filter", "predicate");
        return new Dataset(() -> new StageIterators.Filter(source.get(), predicate),
                cardinality == 0 ? 0 : UNKNOWN);
    }

    /** At most the first {@code n} elements ({@code n} negative: all of them, as TensorFlow's -1). */
    public Dataset take(long n) {
        if (n < 0) {
            return this;
        }
        long c = cardinality == INFINITE ? n : cardinality == UNKNOWN ? UNKNOWN : Math.min(cardinality, n);
        return new Dataset(() -> new StageIterators.Take(source.get(), n), c);
    }

    /**
     * The same elements, produced ahead by a daemon thread into a queue of {@code bufferSize}
     * ({@link #AUTOTUNE}: 2). An exception in the stages before is thrown by the consumer's
     * {@code next()}; an iterator dropped before its end lets its thread finish soon after it is
     * garbage-collected.
     */
    public Dataset prefetch(int bufferSize) {
        int size = bufferSize == AUTOTUNE ? 2 : bufferSize;
        positive("prefetch", "bufferSize", size);
        return new Dataset(() -> new PrefetchIterator(source.get(), size), cardinality);
    }

    /**
     * The number of elements, as TensorFlow's {@code cardinality()}: known through slices, batch,
     * repeat, take, map and prefetch; {@link #INFINITE} after {@code repeat()}; {@link #UNKNOWN}
     * after filter.
     */
    public long cardinality() {
        return cardinality;
    }

    /** A new pass over the elements, from the start. */
    @Override
    public Iterator<List<Tensor>> iterator() {
        return source.get();
    }

    @Override
    public String toString() {
        String c = cardinality == INFINITE ? "infinite" : cardinality == UNKNOWN ? "unknown" : Long.toString(cardinality);
        return "Dataset(cardinality=" + c + ")";
    }

    private static void positive(String method, String parameter, int value) {
        if (value <= 0) {
            throw new InvalidArgumentException("Dataset." + method + ": " + parameter + " must be positive, got " + value);
        }
    }
}
