package dev.jtensor.nn.tensorboard;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * TFRecord framing, the container of event files: each record is its length (uint64, little
 * endian), the masked CRC32C of those 8 bytes, the data, and the masked CRC32C of the data (both
 * checksums uint32, little endian). Masking, TensorFlow's {@code crc32c::Mask}, rotates the
 * checksum right by 15 bits and adds {@code 0xa282ead8}, so that a CRC of data holding CRCs stays
 * meaningful.
 */
final class Records {

    /** Bytes before the data: the length and its checksum. */
    static final int HEADER = 12;
    /** Bytes after the data: its checksum. */
    static final int FOOTER = 4;

    private static final int MASK_DELTA = 0xa282ead8;

    private Records() {
    }

    /** {@code data} as one framed record. */
    static byte[] frame(byte[] data) {
        ByteBuffer out = ByteBuffer.allocate(HEADER + data.length + FOOTER).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(data.length);
        out.putInt(maskedCrc(out.array(), 0, 8));
        out.put(data);
        out.putInt(maskedCrc(data, 0, data.length));
        return out.array();
    }

    /** The masked CRC32C of {@code length} bytes of {@code bytes} from {@code offset}. */
    static int maskedCrc(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        int value = (int) crc.getValue();
        return ((value >>> 15) | (value << 17)) + MASK_DELTA;
    }
}
