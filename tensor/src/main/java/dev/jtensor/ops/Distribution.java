package dev.jtensor.ops;

/** What a {@link RandomDraw} draws from. */
public enum Distribution {
    /** Uniform on {@code [a, b)}; for integers, uniform over the integers there. */
    UNIFORM,
    /** Normal with mean {@code a} and standard deviation {@code b}. */
    NORMAL,
    /** Normal, redrawn until within two standard deviations of the mean. */
    TRUNCATED_NORMAL
}
