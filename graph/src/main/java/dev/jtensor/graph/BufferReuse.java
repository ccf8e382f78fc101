package dev.jtensor.graph;

import dev.jtensor.Tensor;
import dev.jtensor.accel.Backend;
import dev.jtensor.accel.Backends;
import dev.jtensor.internal.TensorAccess;
import dev.jtensor.ops.BufferSource;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * {@link GraphOptimization#BUFFER_REUSE}: the spare CPU buffers of one {@link Execution}, kept from
 * run to run. A run {@link #lease leases} them: its primitives' outputs are written into spare
 * buffers of their size, and a buffer goes back once no slot that can see it (the value itself, or
 * a view of it: a reshape, a broadcast) will be read again. Values that leave the run are never
 * given back: fetched ones, which the caller holds, and the inputs of stateful ops (an assigned
 * value becomes the variable's). Buffers under {@link #MIN_ELEMENTS} are not worth the bookkeeping.
 * Runs on several threads take disjoint buffers.
 */
final class BufferReuse {

    /** The smallest buffer kept, in elements. */
    static final int MIN_ELEMENTS = 1 << 12;

    /** Spare buffers, by element type and length. */
    private final Map<Long, Queue<Object>> spare = new ConcurrentHashMap<>();

    private static long key(Class<?> type, int size) {
        return ((long) System.identityHashCode(type) << 32) | size;
    }

    /** How many spare buffers wait now (for tests). */
    int spares() {
        return spare.values().stream().mapToInt(Queue::size).sum();
    }

    /** A run's view of the spares. */
    Lease lease() {
        return new Lease();
    }

    /** The buffers one run took, and how many of its live slots see each. */
    final class Lease implements BufferSource {
        private final Map<Object, int[]> seers = new IdentityHashMap<>();
        private final Map<Object, Boolean> handed = new IdentityHashMap<>();

        @Override
        public Object allocate(Backend backend, Class<?> type, int size) {
            if (backend != Backends.cpu() || size < MIN_ELEMENTS) return backend.allocate(type, size);
            Queue<Object> queue = spare.get(key(type, size));
            Object buffer = queue == null ? null : queue.poll();
            if (buffer == null || buffer.getClass().getComponentType() != type) {
                buffer = backend.allocate(type, size);
            }
            handed.put(buffer, true);
            return buffer;
        }

        /**
         * After a primitive ran: {@code value} is a new live slot. Buffers handed out for it that it
         * does not hold (a kernel's scratch) are spare again.
         */
        void computed(Tensor value) {
            Object data = buffer(value);
            if (!handed.isEmpty()) {
                for (Object buffer : handed.keySet()) {
                    if (buffer == data) {
                        seers.put(buffer, new int[] {0});
                    } else {
                        giveBack(buffer);
                    }
                }
                handed.clear();
            }
            int[] count = seers.get(data);
            if (count != null) count[0]++;
        }

        /** {@code value}'s slot will not be read again in this run. */
        void dead(Tensor value) {
            Object data = buffer(value);
            int[] count = seers.get(data);
            if (count != null && --count[0] == 0) {
                seers.remove(data);
                giveBack(data);
            }
        }

        /** {@code value} leaves the run (fetched, or taken by a stateful op): its buffer is never given back. */
        void escaped(Tensor value) {
            seers.remove(buffer(value));
        }

        private void giveBack(Object buffer) {
            spare.computeIfAbsent(key(buffer.getClass().getComponentType(), java.lang.reflect.Array.getLength(buffer)),
                    k -> new ConcurrentLinkedQueue<>()).offer(buffer);
        }
    }

    private static Object buffer(Tensor value) {
        return value.isSymbolic() ? null : TensorAccess.view(value).data();
    }
}
