package dev.jtensor;

/**
 * An op was given arguments it cannot accept: incompatible shapes, mixed dtypes in strict mode,
 * an axis out of range, an index out of bounds, a malformed file. Like TensorFlow's
 * {@code InvalidArgumentError}.
 *
 * {@snippet :
 * try {
 *     TF.add(TF.ones(2, 3), TF.ones(4, 3));
 * } catch (InvalidArgumentException e) {
 *     // "Incompatible shapes: [2,3] vs. [4,3] [Op:AddV2]"
 * }
 * }
 */
public class InvalidArgumentException extends JTensorException {

    /** An exception with the given message. */
    public InvalidArgumentException(String message) {
        super(message);
    }

    /** An exception with the given message and cause. */
    public InvalidArgumentException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A message in TensorFlow's form: {@code "<detail> [Op:<op>]"}. */
    public static InvalidArgumentException of(String op, String detail) {
        return new InvalidArgumentException(detail + " [Op:" + op + "]");
    }
}
