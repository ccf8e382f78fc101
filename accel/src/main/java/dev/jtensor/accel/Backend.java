package dev.jtensor.accel;

/**
 * One device's memory and kernels. A buffer is an {@code Object} the backend owns: on the CPU a
 * Java primitive array ({@code float[]}, {@code double[]}, {@code int[]}, {@code long[]},
 * {@code boolean[]}); on another device whatever handle that backend uses. The backend's
 * {@link #kernels()} accept its own buffers wherever the {@link Kernels} SPI says {@code Object} or
 * {@link Strided#data()}; parameters typed as Java arrays ({@code int[] indices}, {@code long[]}
 * arg-reduce outputs) are host arrays on every backend.
 *
 * <p>Data crosses between host and device only through {@link #upload} and {@link #download}, so a
 * backend can count or batch its transfers. Buffers are released by the garbage collector (a
 * device backend ties device memory to the buffer object's reachability): users never free them.
 */
public interface Backend {

    /** The device this backend runs on. */
    Device device();

    /** The kernels, over this backend's buffers. */
    Kernels kernels();

    /**
     * A buffer of {@code size} elements whose contents are unspecified: every kernel that writes an
     * output writes all of it, so the CPU backend may skip clearing it.
     *
     * @param elementType {@code float.class}, {@code double.class}, {@code int.class}, {@code long.class} or {@code boolean.class}
     */
    Object allocate(Class<?> elementType, int size);

    /** A buffer of {@code size} zeros (false for boolean), for kernels that accumulate into their output. */
    Object allocateZeroed(Class<?> elementType, int size);

    /** A buffer holding the elements of the dense host array {@code host}; the CPU backend takes it as is. */
    Object upload(Object host);

    /**
     * A dense host array with the first {@code size} elements of {@code buffer}; the CPU backend
     * returns the array itself, so callers must not write to the result.
     */
    Object download(Object buffer, int size);

    /**
     * What the device is, as TensorFlow's {@code tf.config.experimental.get_device_details} tells
     * it: {@code device_name} always, {@code memory_limit} (bytes this backend may hold) where known,
     * and whatever else the backend knows (its platform, the device's whole memory).
     */
    default java.util.Map<String, Object> details() {
        return java.util.Map.of("device_name", device().toString());
    }

    /**
     * Finds the backends of devices other than the CPU: implementations are listed in
     * {@code META-INF/services/dev.jtensor.accel.Backend$Provider}.
     */
    interface Provider {
        /** The backends of the devices this provider sees now; empty when it finds none (no GPU, no driver). */
        java.util.List<Backend> backends();
    }
}
