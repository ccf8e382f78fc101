package dev.jtensor.internal;

import dev.jtensor.accel.Backend;
import dev.jtensor.accel.Backends;
import dev.jtensor.accel.Device;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The settings that a thread may override for a scope: NumPy behaviour, the default device and the
 * random seed. Each has a process-wide value and, per thread, an optional override that a scope
 * sets and restores when it closes, so two tests, or two tasks of one Spark executor, can use
 * different settings at once. New threads see the process-wide values. The public face is
 * {@link dev.jtensor.Settings}.
 */
public final class ThreadSettings {

    /** A seed and the per-call counter that draws op seeds from it (TensorFlow's global seed). */
    public static final class SeedSequence {
        final long seed;
        final AtomicLong counter = new AtomicLong();

        SeedSequence(long seed) {
            this.seed = seed;
        }
    }

    private static final class Overrides {
        Boolean numpyBehavior;
        Backend backend;
        SeedSequence seed;
    }

    private static volatile boolean globalNumpyBehavior;
    /** The system property naming the process-wide default device at start, as {@code -Djtensor.device=gpu:0}. */
    public static final String DEVICE_PROPERTY = "jtensor.device";

    /** Null until first asked for: then {@link #DEVICE_PROPERTY}'s device, else the CPU. */
    private static volatile Backend globalBackend;
    private static volatile SeedSequence globalSeed;
    private static final ThreadLocal<Overrides> LOCAL = ThreadLocal.withInitial(Overrides::new);

    private ThreadSettings() {
    }

    /** Whether NumPy's type promotion is on for this thread. */
    public static boolean numpyBehavior() {
        Boolean local = LOCAL.get().numpyBehavior;
        return local != null ? local : globalNumpyBehavior;
    }

    /** The backend of this thread's default device, where creation ops and ops without inputs run. */
    public static Backend backend() {
        Backend local = LOCAL.get().backend;
        return local != null ? local : globalBackend();
    }

    private static Backend globalBackend() {
        Backend b = globalBackend;
        if (b == null) {
            // a bad value throws here and is not cached: every op says the same until it is fixed
            b = deviceNamedBy(System.getProperty(DEVICE_PROPERTY));
            globalBackend = b;
        }
        return b;
    }

    /** The backend a {@link #DEVICE_PROPERTY} value names: the CPU for none; an InvalidArgumentException naming it if absent. */
    static Backend deviceNamedBy(String spec) {
        if (spec == null || spec.isBlank()) return Backends.cpu();
        try {
            return Backends.of(Device.parse(spec.trim()));
        } catch (IllegalArgumentException e) {
            throw new dev.jtensor.InvalidArgumentException("-D" + DEVICE_PROPERTY + "=" + spec + ": " + e.getMessage());
        }
    }

    /** This thread's seed sequence, or null when no seed is set. */
    public static SeedSequence seed() {
        SeedSequence local = LOCAL.get().seed;
        return local != null ? local : globalSeed;
    }

    /** Sets the process-wide NumPy behaviour (threads inside a scope keep theirs). */
    public static void setGlobalNumpyBehavior(boolean on) {
        globalNumpyBehavior = on;
    }

    /** Sets the process-wide default device; an unavailable one is an InvalidArgumentException. */
    public static void setGlobalDevice(Device device) {
        globalBackend = backendOf(device);
    }

    /** Sets the process-wide seed with a fresh per-call counter. */
    public static void setGlobalSeed(long seed) {
        globalSeed = new SeedSequence(seed);
    }

    /** Overrides NumPy behaviour on this thread until the scope closes. */
    public static Scope withNumpyBehavior(boolean on) {
        return scoped(o -> o.numpyBehavior, (o, v) -> o.numpyBehavior = v, on);
    }

    /** Overrides the default device on this thread until the scope closes. */
    public static Scope withDevice(Device device) {
        return scoped(o -> o.backend, (o, v) -> o.backend = v, backendOf(device));
    }

    /** Gives this thread its own seed sequence until the scope closes. */
    public static Scope withSeed(long seed) {
        return scoped(o -> o.seed, (o, v) -> o.seed = v, new SeedSequence(seed));
    }

    private static Backend backendOf(Device device) {
        try {
            return Backends.of(device);
        } catch (IllegalArgumentException e) {
            throw new dev.jtensor.InvalidArgumentException(e.getMessage());
        }
    }

    /** A scope that sets one override of this thread and puts the previous one back on close. */
    private static <T> Scope scoped(Function<Overrides, T> get, BiConsumer<Overrides, T> set, T value) {
        Overrides o = LOCAL.get();
        T previous = get.apply(o);
        set.accept(o, value);
        Thread owner = Thread.currentThread();
        return new Scope(() -> {
            if (Thread.currentThread() != owner) {
                throw new IllegalStateException("a settings scope must be closed on the thread that opened it ("
                        + owner.getName() + ")");
            }
            set.accept(o, previous);
        });
    }

    /** Closes once; later calls do nothing. */
    public static final class Scope implements AutoCloseable {
        private Runnable restore;

        Scope(Runnable restore) {
            this.restore = restore;
        }

        @Override
        public void close() {
            Runnable r = restore;
            if (r != null) {
                r.run();
                restore = null;
            }
        }
    }
}
