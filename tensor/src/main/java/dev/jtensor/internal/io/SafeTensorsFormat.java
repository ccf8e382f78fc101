package dev.jtensor.internal.io;

import dev.jtensor.InvalidArgumentException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Hugging Face's safetensors format: an unsigned 64-bit little-endian header length {@code N}, then
 * {@code N} bytes of UTF-8 JSON padded with spaces to a multiple of 8, then the tensors' little-endian
 * bytes, contiguous from offset 0 in header order. Files are written exactly as the reference
 * implementation ({@code safetensors/src/tensor.rs}, {@code prepare}) writes them: tensors sorted by
 * descending dtype alignment ({@code I64, F64, F32, I32, BOOL}), then by name (UTF-8 bytes);
 * {@code "__metadata__"} first; compact JSON with serde_json's escapes. Metadata entries, a hash map
 * in the reference, are written sorted by key.
 *
 * <p>Reading checks everything the header claims against the file's size before any tensor data is
 * allocated: the length (at most {@value #MAX_HEADER_LENGTH} bytes, as the reference), UTF-8, strict
 * JSON with space padding only, known dtypes, shapes, offsets contiguous from 0 without gaps or
 * overlaps, each tensor's byte count, and a data section that ends exactly at the end of the file. A
 * problem is an {@link InvalidArgumentException} {@code "safetensors: <file>: <problem>"}. U8, I8, I16,
 * U16 widen to int32 and U32 to int64, as for {@code .npy}.
 */
public final class SafeTensorsFormat {

    /** The reference implementation's limit on the header length. */
    public static final int MAX_HEADER_LENGTH = 100_000_000;

    /** The reserved header key of the string-to-string metadata. */
    public static final String METADATA_KEY = "__metadata__";

    private static final String SUPPORTED = "jtensor reads F32, F64, I32, I64 and BOOL, and widens U8, I8, I16, U16 and U32";

    /**
     * What a file holds.
     *
     * @param arrays     the tensors by name, in file order
     * @param metadata   the {@code __metadata__} entries, or null if the header has none
     * @param dataSha256 the SHA-256 of the data section, in lowercase hex
     */
    public record Contents(Map<String, NpyArray> arrays, Map<String, String> metadata, String dataSha256) {
    }

    private SafeTensorsFormat() {
    }

    // ------------------------------------------------------------------ writing

    /** Writes {@code arrays} and {@code metadata} (null: no {@code __metadata__}) to a file, replacing it atomically. */
    public static void write(Path path, Map<String, NpyArray> arrays, Map<String, String> metadata) {
        Objects.requireNonNull(path, "path");
        byte[] header = header(arrays, metadata);
        AtomicFiles.replace("safetensors", path, out -> writeTo(out, header, arrays));
    }

    /** Writes the file's bytes to a stream, which is flushed but not closed. */
    public static void write(OutputStream out, Map<String, NpyArray> arrays, Map<String, String> metadata) {
        Objects.requireNonNull(out, "out");
        try {
            writeTo(out, header(arrays, metadata), arrays);
        } catch (IOException e) {
            throw new UncheckedIOException("safetensors: cannot write: " + e.getMessage(), e);
        }
    }

    /** The SHA-256 (lowercase hex) of the data section a file of {@code arrays} would have. */
    public static String dataSha256(Map<String, NpyArray> arrays) {
        MessageDigest digest = sha256();
        try (OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), digest)) {
            for (Map.Entry<String, NpyArray> e : fileOrder(arrays)) NpyData.write(out, e.getValue());
        } catch (IOException e) {
            throw new UncheckedIOException(e);  // a null stream does not fail
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void writeTo(OutputStream out, byte[] header, Map<String, NpyArray> arrays) throws IOException {
        out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length).array());
        out.write(header);
        for (Map.Entry<String, NpyArray> e : fileOrder(arrays)) NpyData.write(out, e.getValue());
        out.flush();
    }

    /** The padded JSON header. */
    static byte[] header(Map<String, NpyArray> arrays, Map<String, String> metadata) {
        Objects.requireNonNull(arrays, "arrays");
        StringBuilder json = new StringBuilder("{");
        if (metadata != null) {
            json.append(Json.quote(METADATA_KEY)).append(":{");
            List<Map.Entry<String, String>> items = new ArrayList<>(metadata.entrySet());
            items.sort(Comparator.comparing(Map.Entry::getKey, SafeTensorsFormat::compareUtf8));
            for (int i = 0; i < items.size(); i++) {
                String key = checkedText(items.get(i).getKey(), "a metadata key");
                String value = checkedText(items.get(i).getValue(), "the metadata value of " + Json.quote(key));
                json.append(i == 0 ? "" : ",").append(Json.quote(key)).append(':').append(Json.quote(value));
            }
            json.append('}');
        }
        long offset = 0;
        for (Map.Entry<String, NpyArray> e : fileOrder(arrays)) {
            NpyArray a = e.getValue();
            long end = offset + (long) a.size() * kindOf(a.dtype()).itemSize;
            json.append(json.length() == 1 ? "" : ",").append(Json.quote(e.getKey()))
                    .append(":{\"dtype\":").append(Json.quote(codeOf(a.dtype())))
                    .append(",\"shape\":").append(Arrays.toString(a.shape()).replace(" ", ""))
                    .append(",\"data_offsets\":[").append(offset).append(',').append(end).append("]}");
            offset = end;
        }
        byte[] text = json.append('}').toString().getBytes(StandardCharsets.UTF_8);
        int padded = (text.length + 7) / 8 * 8;
        if (padded > MAX_HEADER_LENGTH) {
            throw new InvalidArgumentException("safetensors: the header would take " + padded + " bytes, more than "
                    + "the format's limit of " + MAX_HEADER_LENGTH);
        }
        byte[] out = Arrays.copyOf(text, padded);
        Arrays.fill(out, text.length, padded, (byte) ' ');
        return out;
    }

    /** The arrays sorted as the reference writes them: descending dtype alignment, then name. */
    private static List<Map.Entry<String, NpyArray>> fileOrder(Map<String, NpyArray> arrays) {
        List<Map.Entry<String, NpyArray>> items = new ArrayList<>();
        for (Map.Entry<String, NpyArray> e : arrays.entrySet()) {
            String name = checkedText(e.getKey(), "a tensor name");
            if (name.equals(METADATA_KEY)) {
                throw new InvalidArgumentException("safetensors: a tensor cannot be named " + METADATA_KEY
                        + ", the header's key for metadata");
            }
            items.add(Map.entry(name, Objects.requireNonNull(e.getValue(), () -> "the array of " + Json.quote(name))));
        }
        items.sort(Comparator.<Map.Entry<String, NpyArray>>comparingInt(e -> -alignmentRank(e.getValue().dtype()))
                .thenComparing(Map.Entry::getKey, SafeTensorsFormat::compareUtf8));
        return items;
    }

    /** The position of the dtype in the reference's {@code Dtype} enum, which is ordered by alignment. */
    private static int alignmentRank(String dtype) {
        return switch (dtype) {
            case "bool" -> 0;
            case "int32" -> 1;
            case "float32" -> 2;
            case "float64" -> 3;
            case "int64" -> 4;
            default -> throw new IllegalStateException("validated by NpyArray: " + dtype);
        };
    }

    private static String codeOf(String dtype) {
        return switch (dtype) {
            case "bool" -> "BOOL";
            case "int32" -> "I32";
            case "float32" -> "F32";
            case "float64" -> "F64";
            case "int64" -> "I64";
            default -> throw new IllegalStateException("validated by NpyArray: " + dtype);
        };
    }

    private static NpyDescr.Kind kindOf(String dtype) {
        return NpyDescr.parse(NpyDescr.forWriting(dtype)).kind();
    }

    private static int compareUtf8(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static String checkedText(String s, String what) {
        if (s == null) throw new InvalidArgumentException("safetensors: " + what + " is null");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean paired = Character.isHighSurrogate(c) ? i + 1 < s.length() && Character.isLowSurrogate(s.charAt(++i))
                    : !Character.isLowSurrogate(c);
            if (!paired) {
                throw new InvalidArgumentException("safetensors: " + what + " " + Npy.printable(s)
                        + " is not valid Unicode (an unpaired surrogate at index " + i + ")");
            }
        }
        return s;
    }

    // ------------------------------------------------------------------ reading

    /**
     * Reads a file, checking the whole header against the file's size before reading any data.
     *
     * @throws InvalidArgumentException {@code "safetensors: <file>: <problem>"} for a malformed file
     * @throws UncheckedIOException     if the file cannot be read, saying why in words
     */
    public static Contents read(Path path) {
        Objects.requireNonNull(path, "path");
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 8) {
                throw bad(path, "the file has " + size + " bytes, fewer than the 8 of the header length");
            }
            ByteBuffer prefix = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, prefix, 0);
            long n = prefix.getLong(0);
            if (n < 0 || n > MAX_HEADER_LENGTH) {
                throw bad(path, "the header length " + Long.toUnsignedString(n) + " exceeds the format's limit of "
                        + MAX_HEADER_LENGTH + " bytes");
            }
            if (8 + n > size) {
                throw bad(path, "the header length " + n + " runs past the end of the file (" + size + " bytes)");
            }
            ByteBuffer headerBytes = ByteBuffer.allocate((int) n);
            readFully(ch, headerBytes, 8);
            SafeTensorsHeader header = SafeTensorsHeader.parse(headerBytes.array(), size - 8 - n, path);
            return readData(ch, 8 + n, header, path);
        } catch (IOException e) {
            throw FileErrors.reading("safetensors", path, e);
        }
    }

    private static Contents readData(FileChannel ch, long start, SafeTensorsHeader header, Path path) throws IOException {
        ch.position(start);
        MessageDigest digest = sha256();
        InputStream in = new DigestInputStream(new BufferedInputStream(Channels.newInputStream(ch), 1 << 16), digest);
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        for (SafeTensorsHeader.Entry e : header.entries()) {
            int count = (int) ((e.end() - e.begin()) / e.kind().itemSize);
            try {
                Object data = NpyData.read(in, new NpyDescr(e.kind(), ByteOrder.LITTLE_ENDIAN), count);
                arrays.put(e.name(), new NpyArray(e.kind().dtype, e.shape(), data));
            } catch (NpyFormatException shrunk) {  // the file changed under us
                throw bad(path, "tensor " + Json.quote(e.name()) + ": " + shrunk.getMessage().replace("npy: ", ""));
            }
        }
        return new Contents(arrays, header.metadata(), HexFormat.of().formatHex(digest.digest()));
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
        while (buf.hasRemaining()) {
            if (ch.read(buf, position + buf.position()) < 0) throw new java.io.EOFException("the file ended early");
        }
    }

    static InvalidArgumentException bad(Path path, String problem) {
        return new InvalidArgumentException("safetensors: " + path + ": " + problem);
    }

    static String supported() {
        return SUPPORTED;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
