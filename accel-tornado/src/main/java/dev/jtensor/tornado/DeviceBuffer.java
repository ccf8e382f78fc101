package dev.jtensor.tornado;

import java.lang.ref.Cleaner;

/**
 * A tensor's memory on a TornadoVM device: a range of one of the device's arenas. It is the buffer
 * object the kernel SPI passes around; when it becomes unreachable its range returns to the arena
 * (a {@link Cleaner} action), so users never free device memory.
 */
public final class DeviceBuffer {

    private static final Cleaner CLEANER = Cleaner.create();

    final int code;
    final int offset;
    final int size;
    final DeviceMemory memory;

    DeviceBuffer(DeviceMemory memory, int code, int offset, int size) {
        this.memory = memory;
        this.code = code;
        this.offset = offset;
        this.size = size;
        Arena arena = memory.arena(code);
        CLEANER.register(this, () -> arena.release(offset, size));
    }

    /** Elements. */
    public int size() {
        return size;
    }

    /** The element type: {@code float.class}, {@code double.class}, {@code int.class}, {@code long.class} or {@code boolean.class}. */
    public Class<?> elementType() {
        return ElementCode.type(code);
    }

    @Override
    public String toString() {
        return "DeviceBuffer[" + elementType() + " x " + size + " on " + memory.device() + "]";
    }
}
