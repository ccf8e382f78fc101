package dev.jtensor.tornado;

import dev.jtensor.accel.Backend;
import dev.jtensor.accel.Device;
import java.util.ArrayList;
import java.util.List;
import uk.ac.manchester.tornado.api.TornadoBackend;
import uk.ac.manchester.tornado.api.TornadoRuntime;
import uk.ac.manchester.tornado.api.runtime.TornadoRuntimeProvider;

/**
 * Lists TornadoVM's devices as {@code gpu:0}, {@code gpu:1}... in TornadoVM's order (backend by
 * backend), whatever their kind (an OpenCL CPU device such as PoCL is listed too: it is where the
 * backend's suite runs without a GPU). Found by {@link java.util.ServiceLoader}; without TornadoVM's
 * runtime (the JVM not started with its argument file) it fails with a message saying so, which
 * {@code Backends} logs before going on with the CPU alone.
 *
 * <p>Each device gets four arenas, one per element type; their sizes come from the system property
 * {@code jtensor.tornado.memory} (bytes, or with a suffix {@code k}, {@code m}, {@code g}; default a
 * quarter of the device's largest allocation, at most 1 GiB), split 8:4:2:2 between float32, float64,
 * int32 (and bool) and int64.
 *
 * <p>Accuracy over speed: unless the user sets them, {@code tornado.enable.nativeFunctions} is off
 * and the OpenCL build options are {@code -w} only ({@code tornado.opencl.compiler.flags}; TornadoVM's
 * default adds {@code -cl-fast-relaxed-math -cl-mad-enable}), so device results match the CPU's.
 */
public final class TornadoProvider implements Backend.Provider {

    static final String NATIVE_FUNCTIONS_PROPERTY = "tornado.enable.nativeFunctions";

    @Override
    public List<Backend> backends() {
        // TornadoVM's default maps sqrt, sin and cos to OpenCL's native_* functions, whose accuracy the
        // standard leaves to the vendor (float accuracy for float64 on PoCL): the kernels must give the
        // reference's values. Read once when TornadoVM starts, so set before it does, unless the user chose.
        if (System.getProperty(NATIVE_FUNCTIONS_PROPERTY) == null) System.setProperty(NATIVE_FUNCTIONS_PROPERTY, "False");
        TornadoRuntime runtime;
        try {
            runtime = TornadoRuntimeProvider.getTornadoRuntime();
        } catch (LinkageError | RuntimeException e) {
            throw new IllegalStateException("TornadoVM's runtime is not available: start the JVM with "
                    + "@$TORNADOVM_HOME/tornado-argfile (see README.md, \"GPU offload\"): " + e, e);
        }
        List<Backend> found = new ArrayList<>();
        for (int b = 0; b < runtime.getNumBackends(); b++) {
            TornadoBackend backend = runtime.getBackend(b);
            for (int d = 0; d < backend.getNumDevices(); d++) {
                var device = backend.getDevice(d);
                long budget = budget(device.getMaxAllocMemory());
                found.add(new dev.jtensor.tornado.TornadoBackend(new Device("gpu", found.size()), device, capacities(budget)));
            }
        }
        return found;
    }

    static long budget(long maxAlloc) {
        String spec = System.getProperty("jtensor.tornado.memory");
        if (spec == null) return Math.min(1L << 30, Math.max(1L << 24, maxAlloc / 4));
        String s = spec.trim().toLowerCase(java.util.Locale.ROOT);
        long unit = s.endsWith("g") ? 1L << 30 : s.endsWith("m") ? 1L << 20 : s.endsWith("k") ? 1L << 10 : 1;
        try {
            return Long.parseLong(unit == 1 ? s : s.substring(0, s.length() - 1)) * unit;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("jtensor.tornado.memory: '" + spec + "' is not a size such as 512m or 2g");
        }
    }

    /** Elements per arena (float32, float64, int32, int64) for a budget in bytes: 8:4:2:2 of it. */
    static long[] capacities(long budget) {
        long part = budget / 16;
        long[] c = {8 * part / 4, 4 * part / 8, 2 * part / 4, 2 * part / 8};
        for (int k = 0; k < 4; k++) c[k] = Math.min(c[k], Integer.MAX_VALUE - Arena.ALIGN) / Arena.ALIGN * Arena.ALIGN;
        return c;
    }
}
