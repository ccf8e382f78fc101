package dev.jtensor.autodiff;

/** What {@link GradientTape#gradient} gives for a source the target does not depend on. */
public enum UnconnectedGradients {
    /** {@code null}, as TensorFlow's {@code None} (the default). */
    NONE,
    /** Zeros of the source's shape and dtype. */
    ZERO
}
