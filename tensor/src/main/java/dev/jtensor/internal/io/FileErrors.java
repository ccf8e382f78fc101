package dev.jtensor.internal.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Words a file-system failure for the user: the path they gave and what is wrong with it ("no such
 * file", "the directory /a/b does not exist", "permission denied", "the disk is full"), never only
 * the name of a temporary file nor the path repeated as the reason. The {@link IOException} stays
 * the cause, so a caller can still tell {@link NoSuchFileException} and the others apart.
 */
public final class FileErrors {

    private FileErrors() {
    }

    /** "npy: cannot read /data/x.npy: no such file". */
    public static UncheckedIOException reading(String format, Path path, IOException e) {
        return new UncheckedIOException(format + ": cannot read " + path + ": " + reason(path, e, false), e);
    }

    /** "npz: cannot write /data/x.npz: the directory /data does not exist". */
    public static UncheckedIOException writing(String format, Path path, IOException e) {
        return new UncheckedIOException(format + ": cannot write " + path + ": " + reason(path, e, true), e);
    }

    private static String reason(Path path, IOException e, boolean writing) {
        Path dir = path.toAbsolutePath().getParent();
        String detail = detail(e).toLowerCase(Locale.ROOT);
        if (detail.contains("no space left") || detail.contains("disk quota")) {
            return "the disk is full (" + detail(e) + ")";
        }
        if (detail.contains("read-only file system")) {
            return "the file system is read-only";
        }
        if (Files.isDirectory(path)) {
            return "it is a directory";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "it exists and is not a directory";   // createDirectories met a file on the way
        }
        if (dir != null && !Files.isDirectory(dir)) {
            return Files.exists(dir) ? dir + " is not a directory" : "the directory " + dir + " does not exist";
        }
        if (e instanceof AccessDeniedException || detail.contains("permission denied")) {
            return writing ? "permission denied (cannot create or replace a file in " + dir + ")" : "permission denied";
        }
        if (e instanceof NoSuchFileException || detail.contains("no such file")) {
            return "no such file";
        }
        return detail(e);
    }

    /** The failure without the file names a FileSystemException prefixes to its message. */
    private static String detail(IOException e) {
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        if (e.getMessage() != null) {
            return e.getMessage();
        }
        return e.getClass().getSimpleName();
    }
}
