package dev.jtensor.testkit;

import dev.jtensor.accel.Backend;
import dev.jtensor.accel.Device;
import dev.jtensor.accel.HostArrays;
import dev.jtensor.accel.Kernels;
import java.lang.reflect.Array;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A device for tests: its buffers are {@link TestBuffer}s, its kernels unwrap them and run the
 * scalar reference kernels, and it counts transfers and kernel calls, so tests can show that ops on
 * it run its kernels, that results stay on it, and that reading a value transfers once.
 */
public final class TestBackend implements Backend {

    /** The two test devices, {@code test:0} and {@code test:1}. */
    public static final Device DEVICE_0 = new Device("test", 0), DEVICE_1 = new Device("test", 1);

    final AtomicInteger uploads = new AtomicInteger();
    final AtomicInteger downloads = new AtomicInteger();
    final AtomicInteger kernelCalls = new AtomicInteger();
    private final Device device;
    private final Kernels kernels = new TestKernels(this);

    TestBackend(Device device) {
        this.device = device;
    }

    /** The backend of a test device. */
    public static TestBackend of(Device device) {
        return (TestBackend) dev.jtensor.accel.Backends.of(device);
    }

    /** Host-to-device copies so far. */
    public int uploads() {
        return uploads.get();
    }

    /** Device-to-host copies so far. */
    public int downloads() {
        return downloads.get();
    }

    /** Kernel calls so far. */
    public int kernelCalls() {
        return kernelCalls.get();
    }

    @Override
    public Device device() {
        return device;
    }

    @Override
    public Kernels kernels() {
        return kernels;
    }

    @Override
    public Object allocate(Class<?> elementType, int size) {
        // garbage, not zeros: a kernel that leaves part of its output unwritten shows up in the results
        Object array = HostArrays.allocate(elementType, size);
        switch (array) {
            case float[] a -> java.util.Arrays.fill(a, Float.NaN);
            case double[] a -> java.util.Arrays.fill(a, Double.NaN);
            case int[] a -> java.util.Arrays.fill(a, 0x7f7f7f7f);
            case long[] a -> java.util.Arrays.fill(a, 0x7f7f7f7f7f7f7f7fL);
            case boolean[] a -> java.util.Arrays.fill(a, true);
            default -> throw new AssertionError(array);
        }
        return new TestBuffer(array);
    }

    @Override
    public Object allocateZeroed(Class<?> elementType, int size) {
        return new TestBuffer(HostArrays.allocate(elementType, size));
    }

    @Override
    public Object upload(Object host) {
        if (host instanceof TestBuffer) {
            throw new AssertionError("upload of a buffer that is on a test device already");
        }
        uploads.incrementAndGet();
        Object copy = HostArrays.allocate(host.getClass().getComponentType(), Array.getLength(host));
        System.arraycopy(host, 0, copy, 0, Array.getLength(host));
        return new TestBuffer(copy);
    }

    @Override
    public Object download(Object buffer, int size) {
        downloads.incrementAndGet();
        Object array = TestKernels.unwrap(buffer);
        Object copy = HostArrays.allocate(array.getClass().getComponentType(), size);
        System.arraycopy(array, 0, copy, 0, size);
        return copy;
    }

    @Override
    public String toString() {
        return "TestBackend[" + device + "]";
    }

    /** Registers {@code test:0} and {@code test:1} (see META-INF/services). */
    public static final class Provider implements Backend.Provider {
        @Override
        public java.util.List<Backend> backends() {
            return java.util.List.of(new TestBackend(DEVICE_0), new TestBackend(DEVICE_1));
        }
    }
}
