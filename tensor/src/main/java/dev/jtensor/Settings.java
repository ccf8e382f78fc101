package dev.jtensor;

import dev.jtensor.accel.Device;
import dev.jtensor.internal.Inputs;
import dev.jtensor.internal.ThreadSettings;

/**
 * The settings that change what ops do: NumPy's type promotion, the default device and the random
 * seed. Each has a process-wide value ({@code set...}) and can be overridden on the current thread
 * for a scope ({@code with...}, closed by try-with-resources, which puts the previous value back).
 * A scope affects only the thread that opened it, so two tests, or two tasks of one Spark executor,
 * can run with different settings at once; threads started later see the process-wide values.
 *
 * {@snippet :
 * try (var numpy = Settings.withNumpyBehavior(true); var seed = Settings.withSeed(42)) {
 *     Tensor x = TF.constant(1).add(TF.constant(1.5f));        // float64 2.5, promoted as NumPy does
 *     Tensor r = TF.randomNormal(new int[] {2}, 0, 1, DType.FLOAT32, null); // the same on every run
 * }
 * }
 *
 * <p>The process-wide default device starts as the CPU, or as the device the system property
 * {@code jtensor.device} names ({@code -Djtensor.device=gpu:0} runs a program on the first GPU
 * without changing its code; a device that is not there makes every op say so).
 *
 * <p>What stays process-wide, and why: the CPU kernel set ({@code -Djtensor.backend}) and the size
 * of the CPU thread pool ({@code -Djtensor.threads}, {@link dev.jtensor.accel.Parallel#setMaxThreads}):
 * there is one pool of worker threads shared by every caller, so its size cannot differ per
 * thread; and the list of devices, which is what the machine has.
 */
public final class Settings {

    private Settings() {
    }

    /** A setting overridden for a scope of the current thread; closing it restores the previous value. */
    public interface Scope extends AutoCloseable {
        /** Restores the previous value; closing twice is harmless. */
        @Override
        void close();
    }

    /** Whether NumPy-style type promotion is on for the current thread. */
    public static boolean numpyBehavior() {
        return ThreadSettings.numpyBehavior();
    }

    /** The current thread's default device: where constants, fills and random tensors are created. */
    public static Device device() {
        return ThreadSettings.backend().device();
    }

    /** Turns NumPy-style promotion on or off process-wide (threads inside a scope keep theirs). */
    public static void setNumpyBehavior(boolean on) {
        ThreadSettings.setGlobalNumpyBehavior(on);
    }

    /**
     * Sets the process-wide default device.
     *
     * @throws InvalidArgumentException if the device is not available
     */
    public static void setDevice(Device device) {
        Inputs.nonNull(device, "Settings.setDevice", "device");
        ThreadSettings.setGlobalDevice(device);
    }

    /** Sets the process-wide random seed and restarts its sequence of per-call seeds (TensorFlow's {@code set_seed}). */
    public static void setSeed(long seed) {
        ThreadSettings.setGlobalSeed(seed);
    }

    /** Turns NumPy-style promotion on or off for the current thread until the scope closes. */
    public static Scope withNumpyBehavior(boolean on) {
        return ThreadSettings.withNumpyBehavior(on)::close;
    }

    /**
     * Makes {@code device} the current thread's default device until the scope closes (TensorFlow's
     * {@code with tf.device(...)}).
     *
     * @throws InvalidArgumentException if the device is not available
     */
    public static Scope withDevice(Device device) {
        Inputs.nonNull(device, "Settings.withDevice", "device");
        return ThreadSettings.withDevice(device)::close;
    }

    /** Gives the current thread its own random seed and sequence until the scope closes. */
    public static Scope withSeed(long seed) {
        return ThreadSettings.withSeed(seed)::close;
    }
}
