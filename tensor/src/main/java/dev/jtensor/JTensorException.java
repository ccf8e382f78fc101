package dev.jtensor;

/**
 * Base of the exceptions jtensor throws for errors a caller can act on. Messages name the op and
 * the offending shapes, dtypes or axes, ending in TensorFlow's {@code [Op:Name]} tag where an op
 * is involved.
 */
public abstract class JTensorException extends RuntimeException {

    /** An exception with the given message. */
    protected JTensorException(String message) {
        super(message);
    }

    /** An exception with the given message and cause. */
    protected JTensorException(String message, Throwable cause) {
        super(message, cause);
    }
}
