package dev.jtensor.accel;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Every device this JVM can run on: the CPU, plus those of the {@link Backend.Provider}s on the
 * class path, found once with {@link ServiceLoader}. A provider that fails to load is logged and
 * skipped, as a missing GPU driver must not stop CPU work.
 */
public final class Backends {

    private static final System.Logger LOG = System.getLogger(Backends.class.getName());

    private Backends() {
    }

    /** The CPU backend. */
    public static Backend cpu() {
        return CpuBackend.INSTANCE;
    }

    /**
     * The backend of {@code device}.
     *
     * @throws IllegalArgumentException naming the device and the devices there are, if it is not available
     */
    public static Backend of(Device device) {
        if (device == null) {
            throw new IllegalArgumentException("Backends.of: the device is null");
        }
        if (device.equals(Device.CPU)) {
            return CpuBackend.INSTANCE;
        }
        Backend b = Registry.BY_DEVICE.get(device);
        if (b == null) {
            throw new IllegalArgumentException("Device " + device + " is not available; the devices are "
                    + Registry.BY_DEVICE.keySet());
        }
        return b;
    }

    /** The available devices, the CPU first. */
    public static List<Device> devices() {
        return List.copyOf(Registry.BY_DEVICE.keySet());
    }

    private static final class Registry {
        static final Map<Device, Backend> BY_DEVICE = load();

        private static Map<Device, Backend> load() {
            Map<Device, Backend> found = new LinkedHashMap<>();
            found.put(Device.CPU, CpuBackend.INSTANCE);
            List<Backend> candidates = new ArrayList<>();
            for (var it = ServiceLoader.load(Backend.Provider.class).iterator(); ; ) {
                try {
                    if (!it.hasNext()) break;
                    candidates.addAll(it.next().backends());
                } catch (java.util.ServiceConfigurationError | RuntimeException | LinkageError e) {
                    LOG.log(Level.WARNING, "jtensor: a device backend failed to load and is skipped: " + e);
                }
            }
            for (Backend b : candidates) {
                if (found.putIfAbsent(b.device(), b) != null) {
                    LOG.log(Level.WARNING, "jtensor: two backends claim device " + b.device() + "; keeping the first");
                } else {
                    LOG.log(Level.DEBUG, "jtensor: device {0} from {1}", b.device(), b);
                }
            }
            return java.util.Collections.unmodifiableMap(found);
        }
    }
}
