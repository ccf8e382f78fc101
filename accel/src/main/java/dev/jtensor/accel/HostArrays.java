package dev.jtensor.accel;

import java.lang.System.Logger.Level;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/** Java arrays by element type: the CPU's buffers. */
public final class HostArrays {

    /** The JVM option that lets {@link #allocateUninitialized} skip clearing arrays. */
    public static final String EXPORTS_OPTION = "--add-exports java.base/jdk.internal.misc=ALL-UNNAMED";

    /**
     * Fewest elements worth allocating uncleared: below this, clearing costs nothing measurable
     * (a 64-element float[] costs the same either way; 1024 elements, 0.12 µs cleared against 0.03).
     */
    static final int UNINITIALIZED_MIN = 256;
    /**
     * Most elements allocated uncleared. Larger arrays do not fit the thread's allocation buffer,
     * and the JVM clears what it allocates outside it anyway: from 16K floats up the uncleared
     * allocation measured no faster (add_1M and add_16M in bench/compare unchanged or slower).
     */
    static final int UNINITIALIZED_MAX = 1 << 14;

    private static final System.Logger LOG = System.getLogger(HostArrays.class.getName());

    /**
     * {@code jdk.internal.misc.Unsafe.allocateUninitializedArray(Class, int)} bound to the Unsafe
     * instance, or null when {@code java.base} does not export {@code jdk.internal.misc} to us. C2
     * compiles it to an allocation without the clearing stores; the JVM still clears an array it
     * allocates outside the thread's allocation buffer (large arrays), so the gain is for small
     * and medium arrays only.
     */
    private static final MethodHandle UNINITIALIZED = uninitializedArrayAllocator();

    private HostArrays() {
    }

    /**
     * A zero-filled array of {@code size} elements.
     *
     * @param elementType {@code float.class}, {@code double.class}, {@code int.class}, {@code long.class} or {@code boolean.class}
     */
    public static Object allocate(Class<?> elementType, int size) {
        if (elementType == float.class) return new float[size];
        if (elementType == double.class) return new double[size];
        if (elementType == int.class) return new int[size];
        if (elementType == long.class) return new long[size];
        if (elementType == boolean.class) return new boolean[size];
        throw new IllegalArgumentException("not a tensor element type: " + elementType);
    }

    /**
     * An array of {@code size} elements with unspecified contents: whatever the memory held, when
     * the JVM runs with {@value #EXPORTS_OPTION} and {@code size} is in the range where skipping
     * the clearing pays ({@value #UNINITIALIZED_MIN} to {@value #UNINITIALIZED_MAX}); zeros otherwise.
     *
     * @param elementType {@code float.class}, {@code double.class}, {@code int.class}, {@code long.class} or {@code boolean.class}
     */
    public static Object allocateUninitialized(Class<?> elementType, int size) {
        if (UNINITIALIZED != null && size >= UNINITIALIZED_MIN && size <= UNINITIALIZED_MAX
                && isElementType(elementType)) {
            try {
                return (Object) UNINITIALIZED.invokeExact(elementType, size);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException(e); // it declares no checked exception
            }
        }
        return allocate(elementType, size);
    }

    /** Whether {@link #allocateUninitialized} can skip clearing (the JVM option is given). */
    public static boolean uninitializedAvailable() {
        return UNINITIALIZED != null;
    }

    private static boolean isElementType(Class<?> c) {
        return c == float.class || c == double.class || c == int.class || c == long.class || c == boolean.class;
    }

    private static MethodHandle uninitializedArrayAllocator() {
        try {
            Class<?> unsafeClass = Class.forName("jdk.internal.misc.Unsafe");
            Object unsafe = unsafeClass.getMethod("getUnsafe").invoke(null);
            return MethodHandles.lookup()
                    .findVirtual(unsafeClass, "allocateUninitializedArray",
                            MethodType.methodType(Object.class, Class.class, int.class))
                    .bindTo(unsafe);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // optional, like the Vector API: say once how to turn it on, quietly
            LOG.log(Level.DEBUG, "jtensor: new CPU buffers are cleared before use (jdk.internal.misc is not "
                    + "exported: " + e + "); run java with " + EXPORTS_OPTION + " to skip clearing them");
            return null;
        }
    }
}
