package dev.jtensor.graph;

import java.lang.reflect.Array;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The spare CPU buffers of one {@link Execution}, kept from run to run for
 * {@link GraphOptimization#BUFFER_REUSE}: a run ({@link RunBuffers}) takes spares for the outputs it
 * computes and gives back the buffers of intermediates no later op reads. Runs on several threads
 * take disjoint buffers. Buffers under {@link #MIN_ELEMENTS} are not worth the bookkeeping.
 */
final class BufferReuse {

    /** The smallest buffer kept, in elements. */
    static final int MIN_ELEMENTS = 1 << 12;

    /** Spare buffers, by element type and length. */
    private final Map<Key, Queue<Object>> spare = new ConcurrentHashMap<>();

    private record Key(Class<?> type, int size) {
    }

    /** A spare {@code type[size]}, or null. */
    Object take(Class<?> type, int size) {
        Queue<Object> queue = spare.get(new Key(type, size));
        return queue == null ? null : queue.poll();
    }

    /** {@code buffer} is spare: no live tensor sees it. */
    void giveBack(Object buffer) {
        spare.computeIfAbsent(new Key(buffer.getClass().getComponentType(), Array.getLength(buffer)),
                k -> new ConcurrentLinkedQueue<>()).offer(buffer);
    }

    /** How many spare buffers wait now (for tests). */
    int spares() {
        return spare.values().stream().mapToInt(Queue::size).sum();
    }
}
