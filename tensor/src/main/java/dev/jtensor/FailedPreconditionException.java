package dev.jtensor;

/**
 * An operation was called in a state that does not allow it, for example reading a symbolic
 * tensor's values or asking a non-persistent tape for a second gradient. Like TensorFlow's
 * {@code FailedPreconditionError}.
 */
public class FailedPreconditionException extends JTensorException {

    /** An exception with the given message. */
    public FailedPreconditionException(String message) {
        super(message);
    }
}
