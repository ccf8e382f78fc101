package dev.jtensor.tornado;

import dev.jtensor.accel.Device;

/** A device buffer that does not fit in what is left of the device's memory for its element type. */
public final class DeviceMemoryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    DeviceMemoryException(Device device, Class<?> elementType, int size, long freeElements) {
        super("Out of memory on " + device + ": a buffer of " + size + " " + elementType + " elements does not fit ("
                + freeElements + " free in the " + elementType + " arena; the arenas' sizes are set with "
                + "-Djtensor.tornado.memory, see README.md \"GPU offload\")");
    }
}
