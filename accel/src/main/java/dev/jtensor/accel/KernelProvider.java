package dev.jtensor.accel;

import java.lang.System.Logger.Level;

/**
 * Chooses the kernel backend once, when first used, in the manner of Lucene's
 * {@code VectorizationProvider}: the best available backend wins, the choice is logged with its
 * reason, and a backend that cannot load falls back to {@link ScalarKernels} instead of failing.
 *
 * <p>The system property {@code jtensor.backend} forces a backend by name ({@code scalar}, or
 * {@code auto}, the default). This build ships the scalar backend; the SIMD and TornadoVM
 * backends register here when they are added.
 */
public final class KernelProvider {

    /** System property naming the backend to use. */
    public static final String BACKEND_PROPERTY = "jtensor.backend";

    private static final System.Logger LOG = System.getLogger(KernelProvider.class.getName());

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
        String name = requested.trim().toLowerCase(java.util.Locale.ROOT);
        if (!name.equals("auto") && !name.equals("scalar")) {
            LOG.log(Level.WARNING, "jtensor: unknown or unavailable backend ''{0}'' requested with -D{1}; "
                    + "using the scalar kernels", requested, BACKEND_PROPERTY);
        } else {
            LOG.log(Level.DEBUG, "jtensor: using the scalar kernels (requested: {0})", requested);
        }
        return new ScalarKernels();
    }
}
