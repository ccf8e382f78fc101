package dev.jtensor.nn.tensorboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;
import org.tensorflow.proto.Event;

/**
 * An independent reader of event files for tests: the TFRecord framing undone here (CRC32C from
 * the JDK, TensorFlow's mask written out again), each record parsed with TensorFlow Java's own
 * generated {@code org.tensorflow.proto.Event}.
 */
final class TensorFlowReader {

    private TensorFlowReader() {
    }

    /** TensorFlow's {@code crc32c::Mask}: rotate right by 15 bits, add 0xa282ead8. */
    static int mask(long crc) {
        long rotated = ((crc >>> 15) | (crc << 17)) & 0xffffffffL;
        return (int) ((rotated + 0xa282ead8L) & 0xffffffffL);
    }

    static int crc(byte[] bytes) {
        CRC32C c = new CRC32C();
        c.update(bytes);
        return mask(c.getValue());
    }

    /** Every event of {@code file}, asserting both checksums of every record and that nothing trails. */
    static List<Event> events(Path file) {
        byte[] all;
        try {
            all = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ByteBuffer in = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        List<Event> events = new ArrayList<>();
        while (in.hasRemaining()) {
            byte[] length = new byte[8];
            in.get(length);
            assertEquals(crc(length), in.getInt(), "length checksum of record " + events.size());
            byte[] data = new byte[(int) ByteBuffer.wrap(length).order(ByteOrder.LITTLE_ENDIAN).getLong()];
            in.get(data);
            assertEquals(crc(data), in.getInt(), "data checksum of record " + events.size());
            try {
                events.add(Event.parseFrom(data));
            } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                throw new AssertionError("record " + events.size() + " is not an Event: " + Arrays.toString(data), e);
            }
        }
        return events;
    }

    /** The events of the only event file in {@code dir}. */
    static List<Event> onlyFile(Path dir) {
        List<Path> files = EventFile.find(dir);
        assertEquals(1, files.size(), "event files in " + dir + ": " + files);
        return events(files.get(0));
    }
}
