package dev.jtensor.internal.io;

import dev.jtensor.InvalidArgumentException;

import java.io.Serial;

/**
 * Thrown when bytes that should hold a NumPy {@code .npy} or {@code .npz} file do not, or when an
 * {@link NpyArray} is built from inconsistent parts.
 *
 * <p>The message always says what was wrong and where, prefixed with {@code npy:} or {@code npz:}, for
 * example {@code npy: unsupported dtype '<c8'} or {@code npz: entry 'x.npy': npy: data ends after 12 of
 * 24 bytes}. Failures of the underlying stream or file system are reported as
 * {@link java.io.UncheckedIOException} instead, so callers can tell a bad file from a bad disk.
 */
public final class NpyFormatException extends InvalidArgumentException {

    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with the given message.
     *
     * @param message what was wrong and where
     */
    public NpyFormatException(String message) {
        super(message);
    }

    /**
     * Creates an exception with the given message and cause.
     *
     * @param message what was wrong and where
     * @param cause   the lower-level exception that revealed the problem
     */
    public NpyFormatException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * This error with the file named after its format prefix ({@code "npy: "}, {@code "npz: "}):
     * the stream readers do not know the path, the path readers add it.
     */
    public NpyFormatException in(java.nio.file.Path path) {
        String m = getMessage();
        int colon = m.indexOf(": ");
        String named = colon < 0 ? path + ": " + m : m.substring(0, colon + 2) + path + ": " + m.substring(colon + 2);
        return new NpyFormatException(named, this);
    }
}
