package dev.jtensor.tornado;

import java.util.Map;
import java.util.TreeMap;

/**
 * Hands out element ranges of one device array: first fit over a free list kept sorted by offset,
 * neighbours merged on release. Ranges are rounded up to {@link #ALIGN} elements so that every
 * buffer starts on a 64-byte boundary (coalesced device loads).
 */
final class Arena {

    static final int ALIGN = 16;

    private final int capacity;
    private final TreeMap<Integer, Integer> free = new TreeMap<>();
    private long used;

    Arena(int capacity) {
        this.capacity = capacity;
        if (capacity > 0) free.put(0, capacity);
    }

    static int rounded(int size) {
        return Math.max(ALIGN, (size + ALIGN - 1) / ALIGN * ALIGN);
    }

    /** The offset of a fresh range of {@code size} elements, or -1 when no free range is that long. */
    synchronized int allocate(int size) {
        int need = rounded(size);
        for (Map.Entry<Integer, Integer> e : free.entrySet()) {
            if (e.getValue() >= need) {
                int offset = e.getKey(), length = e.getValue();
                free.remove(offset);
                if (length > need) free.put(offset + need, length - need);
                used += need;
                return offset;
            }
        }
        return -1;
    }

    synchronized void release(int offset, int size) {
        int length = rounded(size);
        used -= length;
        Map.Entry<Integer, Integer> before = free.floorEntry(offset);
        if (before != null && before.getKey() + before.getValue() == offset) {
            offset = before.getKey();
            length += before.getValue();
            free.remove(offset);
        }
        Integer after = free.get(offset + length);
        if (after != null) {
            free.remove(offset + length);
            length += after;
        }
        free.put(offset, length);
    }

    /** Elements in use. */
    synchronized long used() {
        return used;
    }

    int capacity() {
        return capacity;
    }
}
