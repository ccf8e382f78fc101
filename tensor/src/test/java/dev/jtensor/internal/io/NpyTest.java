package dev.jtensor.internal.io;

import static dev.jtensor.internal.io.NpyFixtures.bytes;
import static dev.jtensor.internal.io.NpyFixtures.concat;
import static dev.jtensor.internal.io.NpyFixtures.npy;
import static dev.jtensor.internal.io.NpyFixtures.prefix;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtensor.internal.io.NpyFixtures.Expected;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NpyTest {

    @TempDir
    Path dir;

    static List<Expected> npyFiles() {
        return NpyFixtures.npyFiles();
    }

    static Stream<Expected> identicalFiles() {
        return npyFiles().stream().filter(Expected::identical);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("npyFiles")
    void readsWhatNumpyWrote(Expected e) {
        NpyArray fromStream = Npy.read(new ByteArrayInputStream(bytes(e.file())));
        assertEquals(e.dtype(), fromStream.dtype());
        assertArrayEquals(e.shape(), fromStream.shape());
        assertEquals(e.array(), fromStream);
        assertEquals(e.array(), Npy.read(NpyFixtures.path(e.file())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("identicalFiles")
    void writesTheBytesNumpyWrites(Expected e) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.write(out, e.array());
        assertArrayEquals(bytes(e.file()), out.toByteArray());
    }

    /** Headers for shapes too large or too odd to save as real arrays, including the 2.0 case. */
    @Test
    void headersMatchNumpyForManyShapes() throws NoSuchAlgorithmException {
        List<String> lines = NpyFixtures.lines("headers.txt");
        assertTrue(lines.size() >= 50);
        for (String line : lines) {
            String[] f = line.split("\t", -1);
            byte[] header = Npy.header(f[0], NpyFixtures.dims(f[1]));
            assertEquals(Integer.parseInt(f[2]), header.length, line);
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(header));
            assertEquals(f[3], sha, "header for " + f[0] + " " + f[1]);
        }
    }

    @Test
    void versionTwoWhenTheHeaderExceeds65535Bytes() {
        int[] shape = new int[22000];
        java.util.Arrays.fill(shape, 1);
        NpyArray a = new NpyArray("int64", shape, new long[] {42});
        Path p = dir.resolve("wide.npy");
        Npy.write(p, a);
        byte[] b = readAll(p);
        assertEquals(2, b[6]);
        assertEquals(0, (b.length - 8) % 64, "header padded to 64 bytes");
        assertEquals(a, Npy.read(p));
    }

    @Test
    void roundTripsEveryDtypeAndShape() {
        Random r = new Random(7);
        List<NpyArray> arrays = List.of(
                NpyArray.of(new float[] {Float.NaN, -0f, Float.MIN_VALUE, Float.MAX_VALUE}, 2, 2),
                NpyArray.of(new double[] {r.nextGaussian()}),
                NpyArray.of(r.ints(120).toArray(), 2, 3, 4, 5),
                NpyArray.of(r.longs(6).toArray(), 6),
                NpyArray.of(new boolean[] {true, false, true}, 3, 1),
                NpyArray.of(new float[0], 2, 0, 3),
                NpyArray.of(new long[0], 0),
                NpyArray.of(new boolean[] {true}),
                NpyArray.of(new double[70000], 70000));  // more than one internal chunk
        for (NpyArray a : arrays) {
            Path p = dir.resolve("a.npy");
            Npy.write(p, a);
            assertEquals(a, Npy.read(p), a.toString());
            assertEquals(0, (readAll(p).length - a.size() * itemSize(a)) % 64, "data starts 64-aligned");
        }
    }

    @Test
    void fortranFilesComeBackInCOrder() {
        NpyArray a = Npy.read(NpyFixtures.path("f8_fortran.npy"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.write(out, a);
        assertEquals(a, Npy.read(new ByteArrayInputStream(out.toByteArray())));
        double[] d = (double[]) a.data();
        assertEquals(1 * 12 + 2 * 4 + 3, d[1 * 12 + 2 * 4 + 3]);  // element [1][2][3] of arange(24)
    }

    @Test
    void readConsumesExactlyOneArray() throws IOException {
        InputStream in = new ByteArrayInputStream(concat(bytes("f4_rank0.npy"), bytes("b1_rank2.npy")));
        assertEquals("float32", Npy.read(in).dtype());
        assertEquals("bool", Npy.read(in).dtype());
        assertEquals(-1, in.read());
    }

    @Test
    void acceptsAnyHeaderPythonWouldParse() {
        String header = "{\"shape\" :(2,3,) ,\t'fortran_order':True,\n u'descr': '>i2',}   \n";
        byte[] data = {0, 1, 0, 2, 0, 3, 0, 4, 0, 5, (byte) 0xff, (byte) 0xff};  // Fortran order
        NpyArray a = Npy.read(new ByteArrayInputStream(npy(1, header, data)));
        assertEquals(NpyArray.of(new int[] {1, 3, 5, 2, 4, -1}, 2, 3), a);
        assertEquals(NpyArray.of(new long[] {7}, 1), Npy.read(new ByteArrayInputStream(
                npy(2, "{'descr':'<i8','fortran_order':False,'shape':(1L,)}", new byte[] {7, 0, 0, 0, 0, 0, 0, 0}))));
        assertEquals(NpyArray.of(new boolean[] {true}), Npy.read(new ByteArrayInputStream(
                npy(3, "{'descr': '<b1', 'fortran_order': False, 'shape': ()}", new byte[] {2}))));
    }

    @Test
    void writeReplacesAnExistingFileAndLeavesNoTemporaryFile() throws IOException {
        Path p = dir.resolve("x.npy");
        Files.writeString(p, "old contents");
        Npy.write(p, NpyArray.of(new int[] {1, 2}, 2));
        assertEquals(NpyArray.of(new int[] {1, 2}, 2), Npy.read(p));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(p), files.toList());
        }
    }

    @Test
    void failedWriteLeavesTheTargetAndNoTemporaryFile() throws IOException {
        Path target = dir.resolve("busy.npy");
        Files.createDirectory(target);
        Files.writeString(target.resolve("keep.txt"), "keep");  // renaming over a non-empty directory fails
        assertThrows(UncheckedIOException.class, () -> Npy.write(target, NpyArray.of(new float[] {1})));
        assertEquals("keep", Files.readString(target.resolve("keep.txt")));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(target), files.toList());
        }
        Path missingDir = dir.resolve("no/such/dir/x.npy");
        assertThrows(UncheckedIOException.class, () -> Npy.write(missingDir, NpyArray.of(new float[] {1})));
        assertFalse(Files.exists(dir.resolve("no")));
    }

    @Test
    void writtenFilesGetOrdinaryPermissions() throws IOException {
        if (Files.getFileAttributeView(dir, PosixFileAttributeView.class) == null) {
            return;
        }
        Path plain = Files.createFile(dir.resolve("plain"));
        Path p = dir.resolve("p.npy");
        Npy.write(p, NpyArray.of(new int[] {1}));
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(p));
    }

    @Test
    void streamFailuresAreUncheckedIOExceptions() {
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("disk full");
            }
        };
        assertThrows(UncheckedIOException.class, () -> Npy.write(broken, NpyArray.of(new int[] {1})));
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("device gone");
            }
        };
        assertThrows(UncheckedIOException.class, () -> Npy.read(failing));
        assertThrows(UncheckedIOException.class, () -> Npy.read(dir.resolve("missing.npy")));
    }

    static Stream<Arguments> malformed() {
        byte[] f8 = bytes("f8_rank2.npy");
        return Stream.of(
                Arguments.of("zip instead of npy", bytes("stored.npz"), "npy: bad magic string (expected \\x93NUMPY, found 'PK\\x03\\x04"),
                Arguments.of("empty input", new byte[0], "npy: input ends after 0 of 8 bytes of the magic string"),
                Arguments.of("truncated magic", prefix(f8, 5), "input ends after 5 of 8 bytes"),
                Arguments.of("version 4.0", npy(4, "{}", new byte[0]), "unsupported format version 4.0"),
                Arguments.of("version 1.1", concat(prefix(f8, 7), new byte[] {1}), "unsupported format version 1.1"),
                Arguments.of("truncated length", prefix(npy(2, "{}", new byte[0]), 10), "input ends after 2 of 4 bytes of the header length"),
                Arguments.of("truncated header", prefix(f8, 30), "input ends after 20 of 118 bytes of the header"),
                Arguments.of("huge header length", concat(prefix(npy(2, "", new byte[0]), 8), new byte[] {-1, -1, -1, -1}),
                        "header length 4294967295 exceeds the limit"),
                Arguments.of("truncated data", npy("<f4", "(6,)", 12), "npy: data ends after 12 of 24 bytes"),
                Arguments.of("truncated fixture", prefix(f8, f8.length - 1), "data ends after 47 of 48 bytes"),
                Arguments.of("empty header", npy(1, "", new byte[0]), "header is not a dictionary"),
                Arguments.of("list header", npy(1, "[1, 2]", new byte[0]), "header is not a dictionary: [1, 2]"),
                Arguments.of("missing colon", npy(1, "{'descr' '<f4'}", new byte[0]), "expected ':' after key 'descr'"),
                Arguments.of("unclosed dict", npy(1, "{'descr': '<f4'", new byte[0]), "expected '}' or ','"),
                Arguments.of("missing shape", npy(1, "{'descr': '<f4', 'fortran_order': False}", new byte[0]),
                        "npy: header dictionary lacks 'shape'"),
                Arguments.of("unknown key", npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (), 'order': 1}", new byte[0]),
                        "unknown key 'order'"),
                Arguments.of("repeated key", npy(1, "{'shape': (), 'descr': '<f4', 'fortran_order': False, 'shape': ()}", new byte[0]),
                        "repeats key 'shape'"),
                Arguments.of("complex", npy("<c8", "(1,)", 8), "npy: unsupported dtype '<c8'"),
                Arguments.of("uint64", npy("<u8", "(1,)", 8), "unsupported dtype '<u8'"),
                Arguments.of("float16", npy("<f2", "(1,)", 2), "unsupported dtype '<f2'"),
                Arguments.of("object", npy("|O", "(1,)", 8), "unsupported dtype '|O'"),
                Arguments.of("unicode", npy("<U3", "(1,)", 12), "unsupported dtype '<U3'"),
                Arguments.of("structured", npy(1, "{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (1,)}", new byte[4]),
                        "unsupported dtype [('a', '<f4')]"),
                Arguments.of("negative dimension", npy("<f4", "(2, -1)", 0), "negative dimension -1"),
                Arguments.of("too many elements", npy("<f4", "(100000, 100000)", 0), "more elements than a Java array can hold"),
                Arguments.of("dimension beyond int", npy("<i8", "(3000000000,)", 0), "dimension 3000000000, larger than"),
                Arguments.of("integer overflow", npy("<i8", "(99999999999999999999999,)", 0), "is too large"),
                Arguments.of("float dimension", npy("<i8", "(2.5,)", 0), "malformed number"),
                Arguments.of("string dimension", npy("<i8", "('a',)", 0), "'shape' must be a tuple of ints, found ('a',)"),
                Arguments.of("shape not a tuple", npy("<i8", "3", 0), "'shape' must be a tuple of ints, found 3"),
                Arguments.of("parenthesised int", npy("<i8", "(3)", 0), "'shape' must be a tuple of ints, found (3)"),
                Arguments.of("fortran_order not bool", npy(1, "{'descr': '<f4', 'fortran_order': 0, 'shape': ()}", new byte[4]),
                        "'fortran_order' must be True or False, found 0"),
                Arguments.of("int key", npy(1, "{1: 2}", new byte[0]), "expected a quoted key or '}' (at offset 1, found '1'"),
                Arguments.of("deep nesting", npy("<f4", "(".repeat(100_000), 0), "values nested more than 32 deep"),
                Arguments.of("long shape", npy(2, "{'descr': '<f4', 'fortran_order': False, 'shape': (" + "1, ".repeat(100_000) + "-1)}",
                        new byte[0]), "has a negative dimension -1"),
                Arguments.of("None", npy(1, "{'descr': None}", new byte[0]), "unexpected name 'None'"),
                Arguments.of("unterminated string", npy(1, "{'descr': '<f4}", new byte[0]), "unterminated string"),
                Arguments.of("trailing garbage", npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': ()} x", new byte[4]),
                        "unexpected 'x' after the dictionary"),
                Arguments.of("bad UTF-8 in 3.0", npy(3, new byte[] {'{', (byte) 0xc3, '}'}, new byte[0]), "version 3.0 header is not valid UTF-8"),
                Arguments.of("binary header", npy(1, new byte[] {0, 1, 2}, new byte[0]), "header is not a dictionary: \\x00\\x01\\x02"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedInputSaysWhatIsWrong(String name, byte[] file, String fragment) {
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> Npy.read(new ByteArrayInputStream(file)));
        assertTrue(e.getMessage().contains(fragment), () -> "message was: " + e.getMessage());
        assertTrue(e.getMessage().startsWith("npy: "), e.getMessage());
    }

    /** Every truncation, and many corrupted bytes, give NpyFormatException or a value, never another exception. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("npyFiles")
    void damagedFilesOnlyEverThrowNpyFormatException(Expected e) {
        byte[] good = bytes(e.file());
        for (int n = 0; n < good.length; n++) {
            byte[] cut = prefix(good, n);
            assertThrows(NpyFormatException.class, () -> Npy.read(new ByteArrayInputStream(cut)), "cut at " + n);
        }
        byte[] values = {0, 1, -1, ' ', '(', ')', ',', '\'', '9', '-', '{', '}', ':', 'L', (byte) 0x80};
        int headerEnd = Math.min(good.length, 128);
        for (int pos = 0; pos < headerEnd; pos++) {
            for (byte v : values) {
                byte[] bad = good.clone();
                bad[pos] = v;
                try {
                    Npy.read(new ByteArrayInputStream(bad));
                } catch (NpyFormatException expected) {
                    // fine: any specific message
                }
            }
        }
    }

    @Test
    void arrayValidatesItsParts() {
        assertMessage("needs 6 elements but data has 5", () -> new NpyArray("float32", new int[] {2, 3}, new float[5]));
        assertMessage("dtype 'int32' needs int[] data, got float[]", () -> new NpyArray("int32", new int[] {1}, new float[1]));
        assertMessage("unknown dtype 'float16'", () -> new NpyArray("float16", new int[] {1}, new float[1]));
        assertMessage("negative dimension -2", () -> new NpyArray("int64", new int[] {-2}, new long[0]));
        assertMessage("data is null", () -> new NpyArray("bool", new int[0], null));
        assertMessage("cannot store String[]", () -> NpyArray.of(new String[] {"a"}, 1));
        assertMessage("more elements than a Java array can hold", () -> new NpyArray("float32", new int[] {65536, 65536}, new float[0]));
        assertEquals(0, NpyArray.of(new int[0], 65536, 65536, 0).size());  // empty, however large the rest
        NpyArray scalar = NpyArray.of(new double[] {1.5});
        assertEquals(0, scalar.rank());
        assertEquals(1, scalar.size());
        int[] shape = {2};
        NpyArray a = new NpyArray("int32", shape, new int[] {1, 2});
        shape[0] = 5;
        a.shape()[0] = 7;
        assertArrayEquals(new int[] {2}, a.shape());
        assertEquals(NpyArray.of(new int[] {1, 2}, 2).hashCode(), a.hashCode());
        assertEquals("NpyArray[int32 [2] {1, 2}]", a.toString());
    }

    private static void assertMessage(String fragment, org.junit.jupiter.api.function.Executable action) {
        NpyFormatException e = assertThrows(NpyFormatException.class, action);
        assertTrue(e.getMessage().contains(fragment), () -> "message was: " + e.getMessage());
    }

    private static int itemSize(NpyArray a) {
        return switch (a.dtype()) {
            case "float32", "int32" -> 4;
            case "float64", "int64" -> 8;
            default -> 1;
        };
    }

    private static byte[] readAll(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
