package dev.jtensor.ops;

/**
 * How sliding windows meet the border of an image, as TensorFlow's {@code padding} attribute of
 * {@code Conv2D}, {@code MaxPool}, {@code AvgPool} and {@code ExtractImagePatches}.
 */
public enum Padding {
    /**
     * {@code ceil(in / stride)} windows; the image is padded by
     * {@code max((out - 1) * stride + k - in, 0)}, half of it (rounded down) before and the rest after,
     * where {@code k} is the dilated window size {@code (size - 1) * dilation + 1}.
     */
    SAME,
    /** Only windows that lie inside the image: {@code ceil((in - k + 1) / stride)} of them, no padding. */
    VALID;

    /**
     * {@code "SAME"} or {@code "VALID"} in any case.
     *
     * @throws dev.jtensor.InvalidArgumentException tagged {@code op} if {@code padding} is null or neither
     */
    public static Padding of(String op, String padding) {
        Primitives.nonNull(op, "padding", padding);
        for (Padding p : values()) {
            if (p.name().equalsIgnoreCase(padding)) return p;
        }
        throw dev.jtensor.InvalidArgumentException.of(op, "Unknown padding '" + padding
                + "': it must be SAME or VALID");
    }
}
