package dev.jtensor.tornado;

import dev.jtensor.accel.Backend;
import dev.jtensor.accel.Device;
import dev.jtensor.accel.Kernels;
import java.lang.reflect.Array;
import java.util.Map;
import uk.ac.manchester.tornado.api.common.TornadoDevice;

/**
 * A TornadoVM device (OpenCL or PTX) as a jtensor backend: tensors placed on {@code gpu:N} live in
 * its memory ({@link DeviceBuffer}s) and its kernels run there, so weights and optimizer slots
 * stay on the device across training steps; only values a program reads come back.
 *
 * {@snippet :
 * try (var scope = TF.withDevice("gpu:0")) {
 *     Tensor y = TF.matmul(x, w);          // runs on the device, y stays there
 *     float[] host = y.toFloatArray();     // one download
 * }
 * TornadoBackend gpu = TornadoBackend.of(Device.parse("gpu:0"));
 * gpu.uploads(); gpu.downloads();          // transfer counters, for tests and profiling
 * }
 */
public final class TornadoBackend implements Backend {

    private final Device device;
    private final TornadoDevice tornadoDevice;
    private final DeviceMemory memory;
    private final Kernels kernels;

    TornadoBackend(Device device, TornadoDevice tornadoDevice, long[] capacities) {
        this.device = device;
        this.tornadoDevice = tornadoDevice;
        this.memory = new DeviceMemory(device, tornadoDevice, capacities);
        this.kernels = new TornadoKernels(memory);
    }

    /**
     * The backend of a TornadoVM device.
     *
     * @throws IllegalArgumentException naming the device and those there are, if it is not a TornadoVM device
     */
    public static TornadoBackend of(Device device) {
        if (dev.jtensor.accel.Backends.of(device) instanceof TornadoBackend b) return b;
        throw new IllegalArgumentException("Device " + device + " is not a TornadoVM device; the devices are "
                + dev.jtensor.accel.Backends.devices());
    }

    @Override
    public Device device() {
        return device;
    }

    /** The driver's name of the device, such as {@code NVIDIA H200} or {@code pthread-skylake-avx512-AMD EPYC}. */
    public String deviceName() {
        return tornadoDevice.getPhysicalDevice().getDeviceName();
    }

    /**
     * {@code device_name}, {@code memory_limit} (the bytes of this backend's arenas), {@code device_memory}
     * (the device's global memory), {@code platform} (the OpenCL platform or CUDA) and {@code tornado_device}
     * (TornadoVM's id, as {@code -Dtornado.device} names it).
     */
    @Override
    public Map<String, Object> details() {
        return Map.of("device_name", deviceName(), "memory_limit", memory.capacityBytes(),
                "device_memory", memoryBytes(), "platform", tornadoDevice.getPlatformName(),
                "tornado_device", tornadoDevice.getDeviceName());
    }

    /** The device's global memory in bytes, as its driver reports it. */
    public long memoryBytes() {
        return tornadoDevice.getMaxGlobalMemory();
    }

    @Override
    public Kernels kernels() {
        return kernels;
    }

    @Override
    public Object allocate(Class<?> elementType, int size) {
        return memory.allocate(ElementCode.of(elementType), size);
    }

    @Override
    public Object allocateZeroed(Class<?> elementType, int size) {
        Object buffer = allocate(elementType, size);
        kernels.fill(size, 0, buffer);
        return buffer;
    }

    @Override
    public Object upload(Object host) {
        if (host instanceof DeviceBuffer) {
            throw new IllegalArgumentException("upload of a buffer that is on " + device + " already");
        }
        int size = Array.getLength(host);
        DeviceBuffer buffer = memory.allocate(ElementCode.of(host.getClass().getComponentType()), size);
        memory.write(host, 0, size, buffer, 0);
        return buffer;
    }

    @Override
    public Object download(Object buffer, int size) {
        return memory.read(TornadoKernels.buffer(buffer), size);
    }

    /** Host-to-device copies so far (each upload, and each result a host-run kernel sends back). */
    public long uploads() {
        return memory.uploads.get();
    }

    /** Device-to-host copies so far. */
    public long downloads() {
        return memory.downloads.get();
    }

    /** Bytes copied host to device so far. */
    public long bytesUploaded() {
        return memory.bytesUp.get();
    }

    /** Bytes copied device to host so far. */
    public long bytesDownloaded() {
        return memory.bytesDown.get();
    }

    /** Bytes of the device buffers alive now (their ranges return to the arenas when they become unreachable). */
    public long bytesInUse() {
        return memory.usedBytes();
    }

    /** Device kernel launches so far, uploads' staging copies included. */
    public long launches() {
        return memory.launches.get();
    }

    @Override
    public String toString() {
        return "TornadoBackend[" + device + ": " + deviceName() + "]";
    }
}
