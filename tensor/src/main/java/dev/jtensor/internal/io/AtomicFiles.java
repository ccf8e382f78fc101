package dev.jtensor.internal.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/** Replaces a file only once its new contents are complete, so a failed write keeps the old file. */
public final class AtomicFiles {

    /** Writes the whole new contents to {@code out}; {@code out} is closed by the caller. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {}

    /**
     * Writes to a fresh temporary file next to {@code target}, forces it to disk, and renames it over
     * {@code target}. The temporary file is in the same directory so the rename stays on one file
     * system and is atomic; on any failure it is deleted and {@code target} is untouched.
     *
     * @param format the file format, for messages ({@code npy})
     * @throws UncheckedIOException if the file system fails, saying why in words ({@link FileErrors})
     */
    public static void replace(String format, Path target, Writer writer) {
        try {
            Path abs = target.toAbsolutePath();
            if (Files.isSymbolicLink(abs)) {
                abs = abs.toRealPath();  // replace the file the link points to, as a plain write would
            }
            if (Files.isDirectory(abs)) {
                // the rename would replace an empty directory with the file
                throw new FileSystemException(target.toString(), null, "it is a directory");
            }
            Path tmp = createSibling(abs);
            try {
                // Not Files.createTempFile: it would give the result mode 0600 instead of the umask default.
                try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                    OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
                    try {
                        writer.writeTo(out);
                    } catch (UncheckedIOException e) {
                        throw e.getCause();  // reported below with the target's path
                    }
                    out.flush();
                    ch.force(true);  // the data must be on disk before the rename makes it visible
                }
                try {
                    Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
                }
                forceDirectory(abs.getParent());
            } catch (Throwable t) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    t.addSuppressed(e);
                }
                throw t;
            }
        } catch (IOException e) {
            throw FileErrors.writing(format, target, e);
        }
    }

    /** Makes the rename itself durable: a crash after it must not bring the old directory entry back. */
    private static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Some platforms (Windows) cannot open or sync a directory; the rename is still atomic there.
        }
    }

    private static Path createSibling(Path abs) throws IOException {
        Path dir = abs.getParent();
        if (dir == null || abs.getFileName() == null) {
            throw new IOException("not a file path");
        }
        String name = abs.getFileName().toString();
        String base = "." + (name.length() > 100 ? name.substring(0, 100) : name) + ".";
        for (int attempt = 0; ; attempt++) {
            Path tmp = dir.resolve(base + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong())
                    + ".tmp");
            try {
                return Files.createFile(tmp);
            } catch (FileAlreadyExistsException e) {
                if (attempt == 10) {
                    throw e;
                }
            }
        }
    }
}
