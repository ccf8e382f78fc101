package dev.jtensor.internal.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jtensor.NumpyFiles;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * File-system failures of {@link NumpyFiles}, for load and save of {@code .npy} and {@code .npz}:
 * each message names the path the user gave and says what is wrong in words, never a temporary
 * file's name nor the path again as the reason; a failed save leaves the old file as it was.
 */
class FileErrorsTest {

    static final Tensor T = TF.constant(new float[] {1, 2, 3});

    @TempDir
    Path dir;

    static void load(Path p) {
        if (p.toString().endsWith(".npz")) NumpyFiles.loadz(p); else NumpyFiles.load(p);
    }

    static void save(Path p) {
        if (p.toString().endsWith(".npz")) NumpyFiles.savez(p, Map.of("t", T), true); else NumpyFiles.save(p, T);
    }

    /** The failure's message, checked to name {@code path} once, in the format's words, and no temporary file. */
    static String failure(Path path, String verb, Executable call) {
        UncheckedIOException e = assertThrows(UncheckedIOException.class, call);
        String message = e.getMessage();
        String format = path.toString().endsWith(".npz") ? "npz" : "npy";
        assertTrue(message.startsWith(format + ": cannot " + verb + " " + path + ": "), message);
        assertFalse(message.contains(".tmp"), "names the temporary file: " + message);
        String reason = message.substring(message.indexOf(path.toString()) + path.toString().length());
        assertFalse(reason.contains(path.getFileName().toString()), "repeats the path as the reason: " + message);
        assertInstanceOf(IOException.class, e.getCause());
        return reason;
    }

    @ParameterizedTest
    @ValueSource(strings = {"missing.npy", "missing.npz"})
    void loadingAMissingFileSaysNoSuchFile(String name) {
        Path p = dir.resolve(name);
        assertEquals(": no such file", failure(p, "read", () -> load(p)));
    }

    @Test
    void theCauseStillTellsTheKindOfFailure() {
        Path p = dir.resolve("missing.npy");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> NumpyFiles.load(p));
        assertInstanceOf(NoSuchFileException.class, e.getCause());
    }

    @ParameterizedTest
    @ValueSource(strings = {"d.npy", "d.npz"})
    void loadingOrSavingADirectorySaysSo(String name) throws IOException {
        Path p = Files.createDirectory(dir.resolve(name));
        assertEquals(": it is a directory", failure(p, "read", () -> load(p)));
        assertEquals(": it is a directory", failure(p, "write", () -> save(p)));
        assertTrue(Files.isDirectory(p), "an empty directory must not be replaced by the file");
    }

    @ParameterizedTest
    @ValueSource(strings = {"x.npy", "x.npz"})
    void aMissingDirectoryIsNamed(String name) {
        Path p = dir.resolve("no").resolve("such").resolve(name);
        assertEquals(": the directory " + p.getParent() + " does not exist", failure(p, "write", () -> save(p)));
        assertEquals(": the directory " + p.getParent() + " does not exist", failure(p, "read", () -> load(p)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"x.npy", "x.npz"})
    void savingUnderAFileSaysItIsNotADirectory(String name) throws IOException {
        Path file = Files.writeString(dir.resolve("plain"), "not a directory");
        Path p = file.resolve(name);
        assertEquals(": " + file + " is not a directory", failure(p, "write", () -> save(p)));
        assertEquals(": " + file + " is not a directory", failure(p, "read", () -> load(p)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"x.npy", "x.npz"})
    void savingWhereWritingIsDeniedSaysPermissionDenied(String name) throws IOException {
        Path locked = unwritableDirectory();
        Path p = locked.resolve(name);
        assertTrue(failure(p, "write", () -> save(p)).startsWith(": permission denied"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"x.npy", "x.npz"})
    void loadingAnUnreadableFileSaysPermissionDenied(String name) throws IOException {
        // root reads any file, so this case runs only for other users (CI's and developers')
        assumeTrue(!"root".equals(System.getProperty("user.name")), "root ignores file permissions");
        Path p = dir.resolve(name);
        save(p);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("---------"));
        assertEquals(": permission denied", failure(p, "read", () -> load(p)));
    }

    /** A full disk, simulated by a write that fails half way: the message says so, and the old file survives. */
    @ParameterizedTest
    @ValueSource(strings = {"npy", "npz"})
    void aFailedSaveLeavesTheOldFileIntactAndNoTemporaryFile(String format) throws IOException {
        Path p = dir.resolve("old." + format);
        save(p);
        byte[] before = Files.readAllBytes(p);
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> AtomicFiles.replace(format, p, out -> {
            out.write(new byte[1000]);
            throw new IOException("No space left on device");
        }));
        assertEquals(format + ": cannot write " + p + ": the disk is full (No space left on device)", e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(p));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(p), files.toList());
        }
    }

    @Test
    void aWriterFailureWrappedAsUncheckedIsReportedWithThePath() throws IOException {
        Path p = dir.resolve("x.npy");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> AtomicFiles.replace("npy", p, out -> {
            throw new UncheckedIOException(new IOException("No space left on device"));
        }));
        assertEquals("npy: cannot write " + p + ": the disk is full (No space left on device)", e.getMessage());
        assertFalse(Files.exists(p));
    }

    /** A directory this user cannot create files in; for root, a read-only system directory where one denies it. */
    private Path unwritableDirectory() throws IOException {
        if (!"root".equals(System.getProperty("user.name"))) {
            Path locked = Files.createDirectory(dir.resolve("locked"));
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
            return locked;
        }
        Path sys = Path.of("/sys");
        try {
            Files.delete(Files.createFile(sys.resolve("jtensor-probe")));
            assumeTrue(false, "root can write /sys here: no directory denies root");
        } catch (IOException expected) {
            assumeTrue(expected instanceof java.nio.file.AccessDeniedException, "/sys: " + expected);
        }
        return sys;
    }

    @Test
    void aDamagedFileIsNamedInTheFormatError(@TempDir Path dir) throws IOException {
        Path npy = dir.resolve("bad.npy"), npz = dir.resolve("bad.npz");
        Files.writeString(npy, "garbage");
        Files.writeString(npz, "garbage");
        var e = assertThrows(NpyFormatException.class, () -> NumpyFiles.load(npy));
        assertEquals("npy: " + npy + ": input ends after 7 of 8 bytes of the magic string and version", e.getMessage());
        var z = assertThrows(NpyFormatException.class, () -> NumpyFiles.loadz(npz));
        assertTrue(z.getMessage().startsWith("npz: " + npz + ": not a valid zip archive"), z.getMessage());
    }
}
