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
