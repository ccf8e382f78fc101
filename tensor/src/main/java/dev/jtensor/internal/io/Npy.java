package dev.jtensor.internal.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Reads and writes single arrays in NumPy's {@code .npy} format.
 *
 * <p>Reading accepts format versions 1.0, 2.0 and 3.0, either byte order, and Fortran (column-major)
 * files, which are reordered to C order. The descrs {@code <f4 <f8 <i4 <i8 |b1} and their big-endian
 * forms map to the five {@link NpyArray} dtypes; the narrower integer types are widened so that no
 * value changes: {@code |i1 <i2 |u1 <u2} become {@code int32} and {@code <u4} becomes {@code int64}.
 * Everything else (float16, complex, {@code <u8}, strings, objects, structured dtypes) is rejected
 * with an {@link NpyFormatException} naming the descr.
 *
 * <p>Writing produces exactly the bytes {@code numpy.save} produces for the same array: little-endian,
 * C order, format 1.0 (2.0 only if the header would exceed 65535 bytes), and the header padded with
 * spaces and a newline to a multiple of 64 bytes.
 *
 * {@snippet :
 * Npy.write(Path.of("weights.npy"), NpyArray.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3));
 * NpyArray back = Npy.read(Path.of("weights.npy"));   // dtype "float32", shape [2, 3]
 * // In Python: numpy.load("weights.npy") -> array([[1., 2., 3.], [4., 5., 6.]], dtype=float32)
 * }
 */
public final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int ALIGN = 64;

    /**
     * Longest header text accepted. NumPy itself refuses more than 10000 characters unless told to
     * trust the file; this limit is higher so that any header jtensor writes can be read back.
     */
    static final int MAX_HEADER_LENGTH = 1 << 20;

    private Npy() {}

    /**
     * Reads one array from a stream, consuming exactly its bytes so that several arrays saved one after
     * another can be read in turn. The stream is not closed.
     *
     * @param in the stream, positioned at the magic string
     * @return the array, in C order
     * @throws NpyFormatException   if the bytes are not a {@code .npy} array jtensor supports
     * @throws UncheckedIOException if reading the stream fails
     */
    public static NpyArray read(InputStream in) {
        Objects.requireNonNull(in, "in");
        try {
            byte[] prefix = readFully(in, MAGIC.length + 2, "the magic string and version");
            for (int i = 0; i < MAGIC.length; i++) {
                if (prefix[i] != MAGIC[i]) {
                    throw new NpyFormatException("npy: bad magic string (expected \\x93NUMPY, found "
                            + escape(prefix, MAGIC.length) + ")");
                }
            }
            int major = prefix[6] & 0xff;
            int minor = prefix[7] & 0xff;
            if (major < 1 || major > 3 || minor != 0) {
                throw new NpyFormatException("npy: unsupported format version " + major + "." + minor
                        + " (jtensor reads 1.0, 2.0 and 3.0)");
            }
            int lengthSize = major == 1 ? 2 : 4;
            ByteBuffer lengthBytes = ByteBuffer.wrap(readFully(in, lengthSize, "the header length"))
                    .order(ByteOrder.LITTLE_ENDIAN);
            long headerLength = major == 1 ? lengthBytes.getShort() & 0xffff : lengthBytes.getInt() & 0xffff_ffffL;
            if (headerLength > MAX_HEADER_LENGTH) {
                throw new NpyFormatException("npy: header length " + headerLength + " exceeds the limit of "
                        + MAX_HEADER_LENGTH + " bytes");
            }
            String text = decode(readFully(in, (int) headerLength, "the header"), major);
            NpyHeader header = NpyHeader.parse(text);
            int[] shape = header.shape();
            int count = (int) NpyArray.elementCount(shape, "header shape");  // already checked by the parser
            Object data = NpyData.read(in, header.descr(), count);
            if (header.fortranOrder()) {
                data = NpyData.fortranToC(data, shape);
            }
            return new NpyArray(header.descr().kind().dtype, shape, data);
        } catch (IOException e) {
            throw new UncheckedIOException("npy: cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * Reads one array from a file.
     *
     * @param path the {@code .npy} file
     * @return the array, in C order
     * @throws NpyFormatException   if the file is not a {@code .npy} array jtensor supports
     * @throws UncheckedIOException if the file cannot be read
     */
    public static NpyArray read(Path path) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16)) {
            return read(in);
        } catch (NpyFormatException e) {
            throw e.in(path);
        } catch (IOException e) {
            throw FileErrors.reading("npy", path, e);
        } catch (UncheckedIOException e) {
            throw FileErrors.reading("npy", path, e.getCause());  // read(in) does not know the path
        }
    }

    /**
     * Writes one array to a stream exactly as {@code numpy.save} would. The stream is flushed but not
     * closed.
     *
     * @param out   the stream
     * @param array the array
     * @throws UncheckedIOException if writing fails
     */
    public static void write(OutputStream out, NpyArray array) {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(array, "array");
        try {
            out.write(header(NpyDescr.forWriting(array.dtype()), array.shape()));
            NpyData.write(out, array);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("npy: cannot write: " + e.getMessage(), e);
        }
    }

    /**
     * Writes one array to a file, replacing it atomically: the bytes go to a temporary file in the same
     * directory that is then renamed over {@code path}, so a failure leaves any old file intact.
     *
     * @param path  the file to create or replace
     * @param array the array
     * @throws UncheckedIOException if the file cannot be written
     */
    public static void write(Path path, NpyArray array) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(array, "array");
        AtomicFiles.replace("npy", path, out -> write(out, array));
    }

    /**
     * The magic string, version, header length and padded header, following {@code _wrap_header} in
     * {@code numpy/lib/format.py}: the header text plus padding plus {@code '\n'} ends on a 64-byte
     * boundary, and the padding is never empty (a full 64 spaces when the text already aligns).
     */
    static byte[] header(String descr, int[] shape) {
        byte[] text = NpyHeader.format(descr, shape).getBytes(StandardCharsets.ISO_8859_1);
        int lengthSize = 2;
        int padded = paddedLength(text.length, lengthSize);
        if (padded > 0xffff) {
            lengthSize = 4;  // version 2.0: the length no longer fits an unsigned short
            padded = paddedLength(text.length, lengthSize);
        }
        ByteBuffer b = ByteBuffer.allocate(MAGIC.length + 2 + lengthSize + padded).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) (lengthSize == 2 ? 1 : 2)).put((byte) 0);
        if (lengthSize == 2) {
            b.putShort((short) padded);
        } else {
            b.putInt(padded);
        }
        b.put(text);
        while (b.remaining() > 1) {
            b.put((byte) ' ');
        }
        return b.put((byte) '\n').array();
    }

    private static int paddedLength(int textLength, int lengthSize) {
        int withNewline = textLength + 1;
        int pad = ALIGN - (MAGIC.length + 2 + lengthSize + withNewline) % ALIGN;
        return withNewline + pad;
    }

    private static byte[] readFully(InputStream in, int n, String what) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length < n) {
            throw new NpyFormatException("npy: input ends after " + b.length + " of " + n + " bytes of " + what);
        }
        return b;
    }

    /** Versions 1.0 and 2.0 store the header in Latin-1, version 3.0 in UTF-8. */
    private static String decode(byte[] header, int major) {
        if (major < 3) {
            return new String(header, StandardCharsets.ISO_8859_1);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(header)).toString();
        } catch (CharacterCodingException e) {
            throw new NpyFormatException("npy: version 3.0 header is not valid UTF-8", e);
        }
    }

    /** Escapes control and non-ASCII characters (as hex escapes, like Python) so messages stay readable. */
    static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        s.chars().forEach(c -> sb.append(c >= 0x20 && c < 0x7f ? Character.toString(c)
                : String.format(c <= 0xff ? "\\x%02x" : "\\u%04x", c)));
        return sb.toString();
    }

    /** Quotes bytes the way Python prints them, e.g. {@code 'PK\x03\x04'}. */
    static String escape(byte[] bytes, int n) {
        StringBuilder sb = new StringBuilder("'");
        for (int i = 0; i < n; i++) {
            int c = bytes[i] & 0xff;
            sb.append(c >= 0x20 && c < 0x7f && c != '\\' && c != '\'' ? Character.toString(c)
                    : String.format("\\x%02x", c));
        }
        return sb.append('\'').toString();
    }
}
