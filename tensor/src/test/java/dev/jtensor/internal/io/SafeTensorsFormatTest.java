package dev.jtensor.internal.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtensor.InvalidArgumentException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The byte cases published by Hugging Face's safetensors (the Rust crate's {@code tensor.rs} tests
 * and the Python binding's {@code test_simple.py}), reproduced exactly, and every malformed header
 * rejected with the file and the problem named.
 */
class SafeTensorsFormatTest {

    @TempDir
    Path dir;

    private static final float[] ZERO_TO_FIVE = {0, 1, 2, 3, 4, 5};

    private static byte[] write(Map<String, NpyArray> arrays, Map<String, String> metadata) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SafeTensorsFormat.write(out, arrays, metadata);
        return out.toByteArray();
    }

    private static byte[] ints(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) b[i] = (byte) values[i];
        return b;
    }

    /** Length prefix, header text (padded by the caller's spaces) and data, as the Python tests spell them. */
    private static byte[] file(String header, byte[] data) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(h.length).put(h).put(data).array();
    }

    private Path saved(byte[] bytes) throws IOException {
        return Files.write(dir.resolve("t.safetensors"), bytes);
    }

    // ------------------------------------------------------------------ tensor.rs: test_empty

    @Test
    void emptyFileMatchesTheReference() {
        assertArrayEquals(ints(8, 0, 0, 0, 0, 0, 0, 0, 123, 125, 32, 32, 32, 32, 32, 32), write(Map.of(), null));
    }

    @Test
    void emptyFileWithMetadataMatchesTheReference() {
        assertArrayEquals(ints(40, 0, 0, 0, 0, 0, 0, 0, 123, 34, 95, 95, 109, 101, 116, 97, 100, 97, 116, 97, 95,
                        95, 34, 58, 123, 34, 102, 114, 97, 109, 101, 119, 111, 114, 107, 34, 58, 34, 112,
                        116, 34, 125, 125, 32, 32, 32, 32, 32),
                write(Map.of(), Map.of("framework", "pt")));
    }

    // ------------------------------------------------------------------ tensor.rs: test_serialization

    @Test
    void headerOfExactlyEightBytesMultipleHasNoPadding() {
        byte[] expected = ints(64, 0, 0, 0, 0, 0, 0, 0, 123, 34, 97, 116, 116, 110, 46, 48, 34, 58, 123, 34, 100,
                116, 121, 112, 101, 34, 58, 34, 70, 51, 50, 34, 44, 34, 115, 104, 97, 112, 101, 34,
                58, 91, 49, 44, 50, 44, 51, 93, 44, 34, 100, 97, 116, 97, 95, 111, 102, 102, 115,
                101, 116, 115, 34, 58, 91, 48, 44, 50, 52, 93, 125, 125, 0, 0, 0, 0, 0, 0, 128, 63,
                0, 0, 0, 64, 0, 0, 64, 64, 0, 0, 128, 64, 0, 0, 160, 64);
        assertArrayEquals(expected, write(Map.of("attn.0", new NpyArray("float32", new int[] {1, 2, 3}, ZERO_TO_FIVE)), null));
    }

    // ------------------------------------------------------------------ tensor.rs: test_serialization_forced_alignement

    @Test
    void headerIsPaddedWithSpacesToEightBytes() {
        byte[] expected = ints(72, 0, 0, 0, 0, 0, 0, 0, 123, 34, 97, 116, 116, 110, 48, 34, 58, 123, 34, 100, 116,
                121, 112, 101, 34, 58, 34, 70, 51, 50, 34, 44, 34, 115, 104, 97, 112, 101, 34, 58,
                91, 49, 44, 49, 44, 50, 44, 51, 93, 44, 34, 100, 97, 116, 97, 95, 111, 102, 102,
                115, 101, 116, 115, 34, 58, 91, 48, 44, 50, 52, 93, 125, 125, 32, 32, 32, 32, 32,
                32, 32, 0, 0, 0, 0, 0, 0, 128, 63, 0, 0, 0, 64, 0, 0, 64, 64, 0, 0, 128, 64, 0, 0,
                160, 64);
        byte[] out = write(Map.of("attn0", new NpyArray("float32", new int[] {1, 1, 2, 3}, ZERO_TO_FIVE)), null);
        assertArrayEquals(expected, out);
        assertEquals(0, (8 + 72) % 8, "the data starts 8-aligned");
    }

    // ------------------------------------------------------------------ test_simple.py

    @Test
    void pythonBindingsSerializationCases() {
        NpyArray zeros = new NpyArray("int32", new int[] {2, 2}, new int[4]);
        assertArrayEquals(file("{\"test\":{\"dtype\":\"I32\",\"shape\":[2,2],\"data_offsets\":[0,16]}}    ", new byte[16]),
                write(Map.of("test", zeros), null));
        NpyArray oneAtEnd = new NpyArray("int32", new int[] {2, 2}, new int[] {0, 0, 0, 1});
        assertArrayEquals(file("{\"test\":{\"dtype\":\"I32\",\"shape\":[2,2],\"data_offsets\":[0,16]}}    ",
                ints(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0)), write(Map.of("test", oneAtEnd), null));
        assertArrayEquals(file("{\"__metadata__\":{\"framework\":\"pt\"},\"test1\":{\"dtype\":\"I32\",\"shape\":[2,2],"
                        + "\"data_offsets\":[0,16]}} ", new byte[16]),
                write(Map.of("test1", zeros), Map.of("framework", "pt")));
    }

    @Test
    void twoTensorsAreOrderedByAlignmentThenNameWhateverTheMapOrder() {
        Map<String, NpyArray> a = new LinkedHashMap<>();
        a.put("test2", new NpyArray("int32", new int[] {2, 2}, new int[4]));
        a.put("test1", new NpyArray("int32", new int[] {2, 2}, new int[4]));
        Map<String, NpyArray> b = new LinkedHashMap<>();
        b.put("test1", a.get("test1"));
        b.put("test2", a.get("test2"));
        assertArrayEquals(write(a, null), write(b, null), "test_serialization_order_invariant");
        // Derived by hand from prepare(): I64 before F64 before F32 before I32 before BOOL, then names.
        Map<String, NpyArray> mixed = new LinkedHashMap<>();
        mixed.put("a", new NpyArray("bool", new int[] {2}, new boolean[] {true, false}));
        mixed.put("b", new NpyArray("int32", new int[] {}, new int[] {7}));
        mixed.put("c", new NpyArray("float32", new int[] {1}, new float[] {1}));
        mixed.put("d", new NpyArray("float64", new int[] {1}, new double[] {-2}));
        mixed.put("e", new NpyArray("int64", new int[] {0}, new long[0]));
        String header = "{\"e\":{\"dtype\":\"I64\",\"shape\":[0],\"data_offsets\":[0,0]},"
                + "\"d\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]},"
                + "\"c\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]},"
                + "\"b\":{\"dtype\":\"I32\",\"shape\":[],\"data_offsets\":[12,16]},"
                + "\"a\":{\"dtype\":\"BOOL\",\"shape\":[2],\"data_offsets\":[16,18]}}";
        header += " ".repeat((8 - header.length() % 8) % 8);
        byte[] data = ints(0, 0, 0, 0, 0, 0, 0, 0xc0, 0, 0, 0x80, 0x3f, 7, 0, 0, 0, 1, 0);
        assertArrayEquals(file(header, data), write(mixed, null));
    }

    @Test
    void namesAreSortedByUtf8BytesAndEscapedAsSerdeJson() {
        Map<String, NpyArray> m = new LinkedHashMap<>();
        NpyArray one = new NpyArray("int32", new int[] {}, new int[] {1});
        m.put("\uffff", one);      // UTF-8 EF BF BF: before U+10000 in bytes, after it in UTF-16 units
        m.put("\ud800\udc00", one);
        m.put("q\"\\\n\u0001/é", one);
        String text = new String(write(m, null), StandardCharsets.UTF_8);
        assertTrue(text.contains("{\"q\\\"\\\\\\n\\u0001/é\":{\"dtype\":\"I32\",\"shape\":[],\"data_offsets\":[0,4]},"
                + "\"\uffff\":{\"dtype\":\"I32\",\"shape\":[],\"data_offsets\":[4,8]},"
                + "\"\ud800\udc00\":{"), text);
        assertThrows(InvalidArgumentException.class, () -> write(Map.of("\ud800", one), null));
        assertThrows(InvalidArgumentException.class, () -> write(Map.of("__metadata__", one), null));
    }

    // ------------------------------------------------------------------ reading

    @Test
    void readsThePublishedDeserializationCaseWithoutPadding() throws IOException {
        // test_simple.py test_deserialization: header length 60, not a multiple of 8
        Path p = saved(file("{\"test\":{\"dtype\":\"I32\",\"shape\":[2,2],\"data_offsets\":[0,16]}}", new byte[16]));
        SafeTensorsFormat.Contents c = SafeTensorsFormat.read(p);
        assertEquals(List.of("test"), List.copyOf(c.arrays().keySet()));
        assertEquals(new NpyArray("int32", new int[] {2, 2}, new int[4]), c.arrays().get("test"));
        assertNull(c.metadata());
    }

    @Test
    void roundTripsInFileOrderWithMetadataAndTheDataHash() throws Exception {
        Map<String, NpyArray> m = new LinkedHashMap<>();
        m.put("w", new NpyArray("float32", new int[] {2, 3}, new float[] {1, -2, Float.NaN, 0, Float.MIN_VALUE, -0f}));
        m.put("step", new NpyArray("int64", new int[] {}, new long[] {Long.MIN_VALUE}));
        m.put("mask", new NpyArray("bool", new int[] {3}, new boolean[] {true, false, true}));
        m.put("d", new NpyArray("float64", new int[] {1, 0, 2}, new double[0]));
        m.put("i", new NpyArray("int32", new int[] {2}, new int[] {Integer.MAX_VALUE, -1}));
        Path p = dir.resolve("m.safetensors");
        SafeTensorsFormat.write(p, m, Map.of("b", "2", "a", "1"));
        SafeTensorsFormat.Contents c = SafeTensorsFormat.read(p);
        assertEquals(List.of("step", "d", "w", "i", "mask"), List.copyOf(c.arrays().keySet()));
        m.forEach((k, v) -> assertEquals(v, c.arrays().get(k), k));
        assertEquals(List.of("a", "b"), List.copyOf(c.metadata().keySet()));
        byte[] bytes = Files.readAllBytes(p);
        long n = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
        byte[] data = java.util.Arrays.copyOfRange(bytes, (int) (8 + n), bytes.length);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        assertEquals(sha, c.dataSha256());
        assertEquals(sha, SafeTensorsFormat.dataSha256(m));
    }

    @Test
    void widensNarrowIntegersAndRejectsHalfPrecision() throws IOException {
        Path p = saved(file("{\"u\":{\"dtype\":\"U8\",\"shape\":[2],\"data_offsets\":[0,2]},"
                + "\"s\":{\"dtype\":\"I16\",\"shape\":[1],\"data_offsets\":[2,4]}}", ints(255, 1, 0xfe, 0xff)));
        SafeTensorsFormat.Contents c = SafeTensorsFormat.read(p);
        assertEquals(new NpyArray("int32", new int[] {2}, new int[] {255, 1}), c.arrays().get("u"));
        assertEquals(new NpyArray("int32", new int[] {1}, new int[] {-2}), c.arrays().get("s"));
        // test_simple.py test_serialization_forces_alignment's published bytes hold an F16 tensor
        Path f16 = saved(file("{\"test1\":{\"dtype\":\"I32\",\"shape\":[2,2],\"data_offsets\":[0,16]},\"test2\":"
                + "{\"dtype\":\"F16\",\"shape\":[2,2],\"data_offsets\":[16,24]}}      ", new byte[24]));
        assertRejected(f16, "tensor \"test2\" has the unsupported dtype \"F16\"");
    }

    private void assertRejected(Path p, String problem) {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> SafeTensorsFormat.read(p));
        assertTrue(e.getMessage().startsWith("safetensors: " + p + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }

    private void assertRejected(byte[] bytes, String problem) throws IOException {
        assertRejected(saved(bytes), problem);
    }

    @Test
    void rejectsMalformedHeadersNamingTheProblem() throws IOException {
        String ok = "{\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";
        assertRejected(ints(1, 2, 3), "the file has 3 bytes, fewer than the 8 of the header length");
        assertRejected(ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(-1).array(),
                "the header length 18446744073709551615 exceeds the format's limit of 100000000 bytes");
        assertRejected(ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(9).array(),
                "the header length 9 runs past the end of the file (16 bytes)");
        assertRejected(file(ok, new byte[7]), "describes 8 bytes of tensor data but the file holds 7 after the "
                + "header (it is truncated)");
        assertRejected(file(ok, new byte[9]), "(extra bytes at the end)");
        assertRejected(file(ok.replace("F32", "F99"), new byte[8]), "unsupported dtype \"F99\"");
        assertRejected(file(ok.replace("[2]", "[3]"), new byte[8]), "tensor \"x\" of dtype F32 and shape [3] needs "
                + "12 bytes, but its data_offsets [0, 8] span 8");
        assertRejected(file(ok.replace("}}", "},"), new byte[8]), "is not a JSON object padded with spaces");
        assertRejected(file(ok.replace(",\"shape", ",,\"shape"), new byte[8]), "the header is not valid JSON");
        assertRejected(file(ok + "\t", new byte[8]), "padded with spaces");
        assertRejected(file(ok.replace("[0,8]", "[8,0]"), new byte[8]), "that end before they begin");
        assertRejected(file(ok.replace("[0,8]", "[0,8,9]"), new byte[8]), "must be an array of 2 non-negative integers");
        assertRejected(file(ok.replace("[2]", "[-2]"), new byte[8]), "must hold non-negative integers, found -2");
        assertRejected(file(ok.replace("[2]", "[2.0]"), new byte[8]), "must hold non-negative integers, found 2.0");
        assertRejected(file("{\"__metadata__\":{\"k\":1}," + ok.substring(1), new byte[8]),
                "__metadata__ entry \"k\" must be a string, found 1");
        assertRejected(file("{\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", new byte[8]), "duplicate key \"x\"");
        byte[] badUtf8 = file(ok, new byte[8]);
        badUtf8[10] = (byte) 0xff;
        assertRejected(badUtf8, "the header is not valid UTF-8");
    }

    @Test
    void rejectsOverlapsAndGaps() throws IOException {
        String two = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[B,E]}}";
        assertRejected(file(two.replace("B", "4").replace("E", "12"), new byte[12]),
                "tensor \"b\" has data_offsets [4, 12] but the tensor before it ends at 8 (offsets overlap)");
        assertRejected(file(two.replace("B", "12").replace("E", "20"), new byte[20]),
                "tensor \"b\" has data_offsets [12, 20] but the data before it ends at 8 (a gap)");
        assertRejected(file(two.replace("B", "0").replace("E", "8"), new byte[8]), "(offsets overlap)");
    }

    @Test
    void aHeaderClaimingATrillionElementsIsRejectedBeforeAllocating() throws IOException {
        long bytes = 4_000_000_000_000L;
        String header = "{\"huge\":{\"dtype\":\"F32\",\"shape\":[1000000,1000000],\"data_offsets\":[0," + bytes + "]}}";
        assertRejected(file(header, new byte[16]), "tensor \"huge\": shape [1000000, 1000000] has more elements than "
                + "a Java array can hold");
        String wrong = "{\"huge\":{\"dtype\":\"F32\",\"shape\":[1000000,1000],\"data_offsets\":[0,4000000000]}}";
        assertRejected(file(wrong, new byte[16]), "describes 4000000000 bytes of tensor data but the file holds 16");
    }

    @Test
    void fileSystemFailuresSayWhy() {
        Path missing = dir.resolve("nope.safetensors");
        var e = assertThrows(java.io.UncheckedIOException.class, () -> SafeTensorsFormat.read(missing));
        assertEquals("safetensors: cannot read " + missing + ": no such file", e.getMessage());
        var w = assertThrows(java.io.UncheckedIOException.class,
                () -> SafeTensorsFormat.write(dir.resolve("no/such/x.safetensors"), Map.of(), null));
        assertTrue(w.getMessage().contains("does not exist"), w.getMessage());
    }
}
