package dev.jtensor.internal.io;

import static dev.jtensor.internal.io.NpyFixtures.bytes;
import static dev.jtensor.internal.io.NpyFixtures.prefix;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtensor.internal.io.NpyFixtures.Expected;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NpzTest {

    @TempDir
    Path dir;

    /** The arrays the manifest lists for one archive, in order. */
    private static Map<String, NpyArray> expected(String file) {
        Map<String, NpyArray> m = new LinkedHashMap<>();
        for (Expected e : NpyFixtures.manifest()) {
            if (e.file().equals(file)) {
                m.put(e.key(), e.array());
            }
        }
        return m;
    }

    @ParameterizedTest
    @ValueSource(strings = {"stored.npz", "compressed.npz"})
    void readsWhatNumpyWroteInOrder(String file) {
        Map<String, NpyArray> want = expected(file);
        assertEquals(List.of("weights", "bias", "step", "mask", "ids"), List.copyOf(want.keySet()));
        Map<String, NpyArray> fromPath = Npz.read(NpyFixtures.path(file));
        assertEquals(List.copyOf(want.entrySet()), List.copyOf(fromPath.entrySet()));
        Map<String, NpyArray> fromStream = Npz.read(new ByteArrayInputStream(bytes(file)));
        assertEquals(List.copyOf(want.entrySet()), List.copyOf(fromStream.entrySet()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"stored.npz", "compressed.npz"})
    void entriesHoldTheBytesJtensorWrites(String file) throws IOException {
        try (ZipFile zip = new ZipFile(NpyFixtures.path(file).toFile())) {
            for (Map.Entry<String, NpyArray> e : expected(file).entrySet()) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                Npy.write(out, e.getValue());
                ZipEntry entry = zip.getEntry(e.getKey() + ".npy");
                assertArrayEquals(zip.getInputStream(entry).readAllBytes(), out.toByteArray(), e.getKey());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void roundTripsAndUsesTheRequestedMethod(boolean compressed) throws IOException {
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        arrays.put("z", NpyArray.of(new double[] {1, 2, 3, 4}, 2, 2));
        arrays.put("a", NpyArray.of(new boolean[0], 0, 5));
        arrays.put("m", NpyArray.of(new int[] {-1}));
        arrays.put("big", NpyArray.of(new long[100_000], 100_000));  // larger than one chunk
        arrays.put("unicode-ключ", NpyArray.of(new float[] {0.5f}, 1));
        Path p = dir.resolve("a.npz");
        Npz.write(p, arrays, compressed);
        Map<String, NpyArray> back = Npz.read(p);
        assertEquals(List.copyOf(arrays.entrySet()), List.copyOf(back.entrySet()));
        try (ZipFile zip = new ZipFile(p.toFile())) {
            List<String> names = zip.stream().map(ZipEntry::getName).toList();
            assertEquals(List.of("z.npy", "a.npy", "m.npy", "big.npy", "unicode-ключ.npy"), names);
            int method = compressed ? ZipEntry.DEFLATED : ZipEntry.STORED;
            assertTrue(zip.stream().allMatch(e -> e.getMethod() == method));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npz.write(out, arrays, compressed);
        assertArrayEquals(Files.readAllBytes(p), out.toByteArray(), "same bytes to a stream and a file");
        assertEquals(Map.of(), Npz.read(writeTo("empty.npz", Map.of(), compressed)));
    }

    @Test
    void failedWriteLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path p = dir.resolve("keep.npz");
        Files.write(p, bytes("stored.npz"));
        // The writer walks entrySet(); this one fails once the first entry is in the temporary file.
        Map<String, NpyArray> failing = new LinkedHashMap<>() {
            @Override
            public Set<Map.Entry<String, NpyArray>> entrySet() {
                Iterator<Map.Entry<String, NpyArray>> real = super.entrySet().iterator();
                return new AbstractSet<>() {
                    @Override
                    public Iterator<Map.Entry<String, NpyArray>> iterator() {
                        return new Iterator<>() {
                            boolean first = true;

                            @Override
                            public boolean hasNext() {
                                return true;
                            }

                            @Override
                            public Map.Entry<String, NpyArray> next() {
                                if (first) {
                                    first = false;
                                    return real.next();
                                }
                                throw new IllegalStateException("simulated failure mid-write");
                            }
                        };
                    }

                    @Override
                    public int size() {
                        return 2;
                    }
                };
            }
        };
        failing.put("a", NpyArray.of(new float[1000], 1000));
        failing.put("b", NpyArray.of(new float[1], 1));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Npz.write(p, failing, false));
        assertTrue(Stream.of(e.getStackTrace()).anyMatch(f -> f.getClassName().endsWith("AtomicFiles")),
                "failed while writing the temporary file");
        assertArrayEquals(bytes("stored.npz"), Files.readAllBytes(p));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(p), files.toList());
        }
    }

    @Test
    void malformedArchivesNameTheProblem() throws IOException {
        assertMessage("npz: not a valid zip archive", bytes("f4_rank1.npy"));
        assertMessage("npz: not a valid zip archive", new byte[0]);
        byte[] stored = bytes("stored.npz");
        assertMessage("npz: not a valid zip archive", prefix(stored, stored.length - 30));
        assertMessage("npz: entry 'readme.txt' is not a .npy file",
                zip(Map.of("readme.txt", "hello".getBytes(StandardCharsets.UTF_8))));
        assertMessage("npz: entry 'x.npy': npy: bad magic string (expected \\x93NUMPY, found 'hello,')",
                zip(Map.of("x.npy", "hello, not NumPy".getBytes(StandardCharsets.UTF_8))));
        byte[] f8 = bytes("f8_rank2.npy");
        assertMessage("npz: entry 'x.npy': npy: data ends after 40 of 48 bytes", zip(Map.of("x.npy", prefix(f8, f8.length - 8))));
        assertMessage("npz: entry 'x.npy': npy: unsupported dtype '<c8'", zip(Map.of("x.npy", NpyFixtures.npy("<c8", "(1,)", 8))));
        byte[] twice = zip(Map.of("a.npy", f8, "b.npy", f8));
        replace(twice, "b.npy", "a.npy");
        assertMessage("npz: entry 'a.npy' appears twice", twice);
        byte[] flipped = stored.clone();
        int at = indexOf(flipped, "NUMPY") + 127 + 2;  // inside the first entry's array data, after its header
        flipped[at] ^= 1;
        assertMessage("npz: entry 'weights.npy': CRC mismatch, the data is damaged", flipped);
        byte[] badHeader = stored.clone();
        badHeader[indexOf(badHeader, "'descr'") + 1] = 'x';
        assertMessage("npz: entry 'weights.npy': CRC mismatch, the data is damaged (npy: header dictionary has unknown key 'xescr')",
                badHeader);
        byte[] deflated = bytes("compressed.npz");
        int data = 30 + (deflated[26] & 0xff) + (deflated[28] & 0xff);  // first entry: local header, name, extra
        java.util.Arrays.fill(deflated, data, data + 4, (byte) 0xff);
        assertMessage("npz: entry 'weights.npy': damaged data (", deflated);
    }

    /** Every truncation, and random byte flips, give NpyFormatException or a value, never another exception. */
    @ParameterizedTest
    @ValueSource(strings = {"stored.npz", "compressed.npz"})
    void damagedArchivesOnlyEverThrowNpyFormatException(String file) throws IOException {
        byte[] good = bytes(file);
        for (int n = 0; n < good.length; n += 7) {
            byte[] cut = prefix(good, n);
            assertThrows(NpyFormatException.class, () -> Npz.read(new ByteArrayInputStream(cut)), "cut at " + n);
        }
        Random r = new Random(42);
        Path p = dir.resolve("damaged.npz");
        for (int i = 0; i < 300; i++) {
            byte[] bad = good.clone();
            bad[r.nextInt(bad.length)] = (byte) r.nextInt(256);
            Files.write(p, bad);
            try {
                Npz.read(p);
            } catch (NpyFormatException expected) {
                // fine: any specific message
            }
        }
    }

    @Test
    void ioFailuresAreUncheckedIOExceptions() {
        assertThrows(UncheckedIOException.class, () -> Npz.read(dir.resolve("missing.npz")));
        assertThrows(UncheckedIOException.class, () -> Npz.read(dir));
        assertThrows(UncheckedIOException.class,
                () -> Npz.write(dir.resolve("no/such/dir/a.npz"), Map.of("a", NpyArray.of(new int[] {1})), true));
    }

    private Path writeTo(String name, Map<String, NpyArray> arrays, boolean compressed) {
        Path p = dir.resolve(name);
        Npz.write(p, arrays, compressed);
        return p;
    }

    private void assertMessage(String fragment, byte[] archive) throws IOException {
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> Npz.read(new ByteArrayInputStream(archive)));
        assertTrue(e.getMessage().contains(fragment), () -> "message was: " + e.getMessage());
        Path p = dir.resolve("bad.npz");
        Files.write(p, archive);
        NpyFormatException fromPath = assertThrows(NpyFormatException.class, () -> Npz.read(p));
        // read from a file, the same error names the file
        assertEquals(e.getMessage().replaceFirst("^npz: ", "npz: " + p + ": "), fromPath.getMessage());
    }

    /** A stored zip with the given raw entries, in name order. */
    private static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (String name : new java.util.TreeSet<>(entries.keySet())) {
                z.putNextEntry(new ZipEntry(name));
                z.write(entries.get(name));
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private static void replace(byte[] b, String from, String to) {
        byte[] f = from.getBytes(StandardCharsets.US_ASCII);
        byte[] t = to.getBytes(StandardCharsets.US_ASCII);
        for (int i = indexOf(b, from); i >= 0; i = indexOf(b, from)) {
            System.arraycopy(t, 0, b, i, t.length);
        }
        assertEquals(f.length, t.length);
    }

    private static int indexOf(byte[] b, String s) {
        byte[] n = s.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + n.length <= b.length; i++) {
            for (int j = 0; j < n.length; j++) {
                if (b[i + j] != n[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
