package dev.jtensor.internal.io;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Reads and writes NumPy's {@code .npz} archives: zip files holding one {@code .npy} entry per array,
 * as written by {@code numpy.savez} (stored) and {@code numpy.savez_compressed} (deflated).
 *
 * <p>Keys are entry names without the {@code .npy} suffix, in archive order. Each entry is read with
 * {@link Npy#read(InputStream)}, so the same dtypes are supported, and its errors are reported as
 * {@code npz: entry 'x.npy': ...}.
 *
 * {@snippet :
 * Map<String, NpyArray> arrays = new LinkedHashMap<>();
 * arrays.put("w", NpyArray.of(new float[] {0.5f, -1f}, 2));
 * arrays.put("step", NpyArray.of(new long[] {1000}));
 * Npz.write(Path.of("model.npz"), arrays, true);
 * Npz.read(Path.of("model.npz")).get("w");   // In Python: numpy.load("model.npz")["w"]
 * }
 */
public final class Npz {

    private static final int LONGEST_NAME = 0xffff;

    private Npz() {}

    /**
     * Reads every array of an archive.
     *
     * @param path the {@code .npz} file
     * @return the arrays by key, in archive order
     * @throws NpyFormatException   if the file is not a zip archive, an entry is not a {@code .npy} file,
     *                              two entries share a name, or an entry is damaged
     * @throws UncheckedIOException if the file cannot be read
     */
    public static Map<String, NpyArray> read(Path path) {
        Objects.requireNonNull(path, "path");
        try {
            return readFile(path);
        } catch (NpyFormatException e) {
            throw e.in(path);
        }
    }

    /** {@link #read(Path)} without the path in format errors, for the stream reader's temporary copy. */
    private static Map<String, NpyArray> readFile(Path path) {
        if (path.getFileSystem() != FileSystems.getDefault()) {
            try (InputStream in = Files.newInputStream(path)) {
                return read(in);  // ZipFile needs a java.io.File
            } catch (IOException e) {
                throw FileErrors.reading("npz", path, e);
            }
        }
        if (Files.isDirectory(path)) {
            throw FileErrors.reading("npz", path, new FileSystemException(path.toString(), null, "it is a directory"));
        }
        ZipFile zip;
        try {
            zip = new ZipFile(path.toFile());
        } catch (ZipException | EOFException e) {
            // ZipFile reports a damaged directory as EOFException when a length field points past the end.
            throw new NpyFormatException("npz: not a valid zip archive ("
                    + (e.getMessage() != null ? e.getMessage() : "a length field points past the end") + ")", e);
        } catch (IOException e) {
            throw FileErrors.reading("npz", path, e);
        }
        try (zip) {
            return readEntries(zip);
        } catch (NpyFormatException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new NpyFormatException("npz: not a valid zip archive (" + e.getMessage() + ")", e);  // bad entry names
        } catch (IOException e) {
            throw FileErrors.reading("npz", path, e);
        }
    }

    /**
     * Reads every array of an archive from a stream. The stream is copied to a temporary file first,
     * because a zip archive lists its entries at its end; reading it front to back could silently miss
     * a truncation. The stream is not closed.
     *
     * @param in the archive bytes
     * @return the arrays by key, in archive order
     * @throws NpyFormatException   as for {@link #read(Path)}
     * @throws UncheckedIOException if the stream or the temporary file fails
     */
    public static Map<String, NpyArray> read(InputStream in) {
        Objects.requireNonNull(in, "in");
        Path tmp = null;
        try {
            tmp = Files.createTempFile("jtensor-", ".npz");
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            return readFile(tmp);
        } catch (IOException e) {
            throw new UncheckedIOException("npz: cannot read stream: " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // only a leftover temporary file; the result is already complete
                }
            }
        }
    }

    private static Map<String, NpyArray> readEntries(ZipFile zip) throws IOException {
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        for (ZipEntry entry : Collections.list(zip.entries())) {
            String name = entry.getName();
            if (!name.endsWith(".npy")) {
                throw new NpyFormatException("npz: entry '" + Npy.printable(name) + "' is not a .npy file");
            }
            String key = name.substring(0, name.length() - ".npy".length());
            if (arrays.containsKey(key)) {
                throw new NpyFormatException("npz: entry '" + Npy.printable(name) + "' appears twice");
            }
            arrays.put(key, readEntry(zip, entry));
        }
        return arrays;
    }

    private static NpyArray readEntry(ZipFile zip, ZipEntry entry) throws IOException {
        String name = Npy.printable(entry.getName());
        try (CheckedInputStream in = new CheckedInputStream(zip.getInputStream(entry), new CRC32())) {
            NpyArray array = null;
            NpyFormatException bad = null;
            try {
                array = Npy.read(in);
            } catch (NpyFormatException e) {
                bad = e;
            }
            // Read to the end either way: NumPy ignores trailing bytes, and ZipFile does not check CRCs,
            // which tell a damaged archive from a well-formed file jtensor cannot read.
            in.transferTo(OutputStream.nullOutputStream());
            if (entry.getCrc() != -1 && in.getChecksum().getValue() != entry.getCrc()) {
                throw new NpyFormatException("npz: entry '" + name + "': CRC mismatch, the data is damaged"
                        + (bad == null ? "" : " (" + bad.getMessage() + ")"), bad);
            }
            if (bad != null) {
                throw new NpyFormatException("npz: entry '" + name + "': " + bad.getMessage(), bad);
            }
            return array;
        } catch (UncheckedIOException e) {
            throw damaged(name, e.getCause());
        } catch (ZipException | EOFException e) {
            throw damaged(name, e);
        }
    }

    /** Inflater and zip errors inside an entry mean damaged data, not a failing disk. */
    private static RuntimeException damaged(String name, IOException e) {
        if (e instanceof ZipException || e instanceof EOFException) {
            return new NpyFormatException("npz: entry '" + name + "': damaged data ("
                    + (e.getMessage() != null ? e.getMessage() : "it ends early") + ")", e);
        }
        return new UncheckedIOException("npz: entry '" + name + "': " + e.getMessage(), e);
    }

    /**
     * Writes arrays as an archive, entry {@code key + ".npy"} per key in map order, replacing the file
     * atomically: the bytes go to a temporary file in the same directory that is then renamed over
     * {@code path}, so a failure leaves any old file intact.
     *
     * @param path       the file to create or replace
     * @param arrays     the arrays by key
     * @param compressed {@code true} to deflate entries like {@code numpy.savez_compressed},
     *                   {@code false} to store them like {@code numpy.savez}
     * @throws IllegalArgumentException if a key is not valid Unicode or too long for a zip entry name
     * @throws UncheckedIOException     if the file cannot be written
     */
    public static void write(Path path, Map<String, NpyArray> arrays, boolean compressed) {
        Objects.requireNonNull(path, "path");
        checkKeys(arrays);
        AtomicFiles.replace("npz", path, out -> writeZip(out, arrays, compressed));
    }

    /**
     * Writes arrays as an archive to a stream; see {@link #write(Path, Map, boolean)}. The stream is
     * flushed but not closed.
     *
     * @param out        the stream
     * @param arrays     the arrays by key
     * @param compressed whether to deflate the entries
     * @throws IllegalArgumentException if a key is not valid Unicode or too long for a zip entry name
     * @throws UncheckedIOException     if writing fails
     */
    public static void write(OutputStream out, Map<String, NpyArray> arrays, boolean compressed) {
        Objects.requireNonNull(out, "out");
        checkKeys(arrays);
        try {
            writeZip(out, arrays, compressed);
        } catch (IOException e) {
            throw new UncheckedIOException("npz: cannot write: " + e.getMessage(), e);
        }
    }

    private static void checkKeys(Map<String, NpyArray> arrays) {
        Objects.requireNonNull(arrays, "arrays");
        arrays.forEach((key, array) -> {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(array, () -> "array for key '" + key + "'");
            ByteBuffer name;
            try {
                name = StandardCharsets.UTF_8.newEncoder().encode(CharBuffer.wrap(key + ".npy"));
            } catch (CharacterCodingException e) {
                throw new IllegalArgumentException("npz: key is not valid Unicode: " + key, e);
            }
            if (name.remaining() > LONGEST_NAME) {
                throw new IllegalArgumentException("npz: key is too long for a zip entry name: "
                        + key.substring(0, 40) + "...");
            }
        });
    }

    private static void writeZip(OutputStream out, Map<String, NpyArray> arrays, boolean compressed)
            throws IOException {
        // Closing the ZipOutputStream frees its Deflater at once; the shield keeps the caller's stream open.
        OutputStream shield = new java.io.FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
        try (ZipOutputStream zip = new ZipOutputStream(shield, StandardCharsets.UTF_8)) {
            writeEntries(zip, arrays, compressed);
        }
    }

    private static void writeEntries(ZipOutputStream zip, Map<String, NpyArray> arrays, boolean compressed)
            throws IOException {
        for (Map.Entry<String, NpyArray> e : arrays.entrySet()) {
            ZipEntry entry = new ZipEntry(e.getKey() + ".npy");
            entry.setTime(315532800000L);  // 1980-01-01, zip's earliest date: equal arrays give equal files
            if (!compressed) {
                // A stored entry needs its size and CRC up front; one extra pass over the array is cheaper
                // than buffering an entry that may not fit in a byte[].
                CheckedOutputStream probe = new CheckedOutputStream(OutputStream.nullOutputStream(), new CRC32());
                CountingStream counter = new CountingStream(probe);
                Npy.write(counter, e.getValue());
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(counter.count);
                entry.setCompressedSize(counter.count);
                entry.setCrc(probe.getChecksum().getValue());
            } else {
                entry.setMethod(ZipEntry.DEFLATED);
            }
            zip.putNextEntry(entry);
            Npy.write(zip, e.getValue());
            zip.closeEntry();
        }
    }

    /** Counts the bytes passed through, for the size of a stored entry. */
    private static final class CountingStream extends java.io.FilterOutputStream {
        long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
