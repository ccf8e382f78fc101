package dev.jtensor;

/**
 * An op's result does not fit in the memory there is, like TensorFlow's
 * {@code ResourceExhaustedError}. The message names the op, the shape, the dtype, the device and
 * the bytes needed. Nothing was allocated or changed: the op can be retried with a smaller size or
 * a larger heap ({@code -Xmx}).
 *
 * {@snippet :
 * try {
 *     TF.zeros(46000, 46000);   // 8.5 GB of float32
 * } catch (ResourceExhaustedException e) {
 *     // "OOM when allocating tensor with shape[46000,46000] and type float32 on cpu:0: it needs
 *     //  8464000000 bytes (7.9 GiB) but the JVM heap holds at most 3.0 GiB (raise -Xmx) [Op:Fill]"
 * }
 * }
 */
public class ResourceExhaustedException extends JTensorException {

    /** An exception with the given message. */
    public ResourceExhaustedException(String message) {
        super(message);
    }

    /** An exception with the given message and cause. */
    public ResourceExhaustedException(String message, Throwable cause) {
        super(message, cause);
    }
}
