package dev.jtensor.accel;

/**
 * The host CPU: buffers are Java arrays and the kernels are {@link KernelProvider}'s choice between
 * the SIMD and the scalar set. Uploads and downloads are free: they hand back the same array.
 */
public final class CpuBackend implements Backend {

    static final CpuBackend INSTANCE = new CpuBackend();

    private CpuBackend() {
    }

    @Override
    public Device device() {
        return Device.CPU;
    }

    @Override
    public Kernels kernels() {
        return KernelProvider.kernels();
    }

    /** The JVM's view of the machine: its architecture and cores, and the heap as the memory limit. */
    @Override
    public java.util.Map<String, Object> details() {
        return java.util.Map.of("device_name", System.getProperty("os.arch") + " ("
                        + Runtime.getRuntime().availableProcessors() + " cores)",
                "memory_limit", Runtime.getRuntime().maxMemory(), "kernels", KernelProvider.kernels().name());
    }

    @Override
    public Object allocate(Class<?> elementType, int size) {
        return HostArrays.allocateUninitialized(elementType, size);
    }

    @Override
    public Object allocateZeroed(Class<?> elementType, int size) {
        return HostArrays.allocate(elementType, size);
    }

    @Override
    public Object upload(Object host) {
        return host;
    }

    @Override
    public Object download(Object buffer, int size) {
        return buffer;
    }

    @Override
    public String toString() {
        return "CpuBackend[" + kernels().name() + "]";
    }
}
