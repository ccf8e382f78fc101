package dev.jtensor.accel;

import java.lang.System.Logger.Level;
import java.util.Locale;

/**
 * Chooses the kernel backend once, when first used, in the manner of Lucene's
 * {@code VectorizationProvider}: the best available backend wins, the choice is logged with its
 * reason, and a backend that cannot load falls back to {@link ScalarKernels} instead of failing.
 *
 * <p>The SIMD backend ({@code dev.jtensor.accel.simd.SimdKernels}) needs the incubating Vector API:
 * run with {@code --add-modules jdk.incubator.vector}. Without it jtensor works on the scalar
 * kernels and logs one warning saying so.
 *
 * <p>System properties: {@code -Djtensor.backend=auto|simd|scalar} forces a backend (default
 * {@code auto}); {@code -Djtensor.vectorBits=128|256|512} forces the SIMD width;
 * {@code -Djtensor.threads=N} sizes the thread pool ({@link Parallel}).
 */
public final class KernelProvider {

    /** System property naming the backend to use. */
    public static final String BACKEND_PROPERTY = "jtensor.backend";

    private static final System.Logger LOG = System.getLogger(KernelProvider.class.getName());
    private static final String SIMD_CLASS = "dev.jtensor.accel.simd.SimdKernels";

    private KernelProvider() {
    }

    /** The backend chosen for this JVM. */
    public static Kernels kernels() {
        return Holder.KERNELS;
    }

    private static final class Holder {
        static final Kernels KERNELS = choose(System.getProperty(BACKEND_PROPERTY, "auto"));
    }

    static Kernels choose(String requested) {
        String name = requested.trim().toLowerCase(Locale.ROOT);
        switch (name) {
            case "scalar" -> {
                LOG.log(Level.INFO, "jtensor: using the scalar kernels (forced by -D{0}=scalar)", BACKEND_PROPERTY);
                return new ScalarKernels();
            }
            case "auto", "simd" -> {
                Kernels simd = loadSimd();
                if (simd != null) {
                    LOG.log(Level.DEBUG, "jtensor: using the {0} kernels", simd.name());
                    return simd;
                }
                return new ScalarKernels();
            }
            default -> {
                LOG.log(Level.WARNING, "jtensor: unknown backend ''{0}'' requested with -D{1}; "
                        + "using the scalar kernels (choose auto, simd or scalar)", requested, BACKEND_PROPERTY);
                return new ScalarKernels();
            }
        }
    }

    private static Kernels loadSimd() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            LOG.log(Level.WARNING, "jtensor: the SIMD kernels are off because the module jdk.incubator.vector is not "
                    + "readable; run java with --add-modules jdk.incubator.vector to enable them. Using the scalar kernels.");
            return null;
        }
        try {
            return (Kernels) Class.forName(SIMD_CLASS).getConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            LOG.log(Level.WARNING, "jtensor: the SIMD kernels failed to load (" + e + "); using the scalar kernels");
            return null;
        }
    }
}
