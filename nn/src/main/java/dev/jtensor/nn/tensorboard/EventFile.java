package dev.jtensor.nn.tensorboard;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.jtensor.InvalidArgumentException;
import dev.jtensor.internal.io.FileErrors;
import dev.jtensor.nn.tensorboard.proto.DataType;
import dev.jtensor.nn.tensorboard.proto.Event;
import dev.jtensor.nn.tensorboard.proto.Summary;
import dev.jtensor.nn.tensorboard.proto.TensorProto;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The events of one event file, read with both checksums of every record checked. Reading stops
 * at the first damaged record (a checksum mismatch, a truncated record, bytes that are not an
 * {@code Event}): the events before it are kept and {@link #error()} says where and what.
 *
 * {@snippet :
 * for (Path file : EventFile.find(Path.of("logs/fit/train"))) {
 *     EventFile events = EventFile.read(file);
 *     events.error().ifPresent(e -> System.err.println(e.getMessage()));   // "...: corrupted record at offset 96 ..."
 *     for (ScalarPoint p : events.scalars()) {
 *         System.out.println(p.tag() + " " + p.step() + " " + p.value());
 *     }
 * }
 * EventFile strict = EventFile.read(file).requireIntact();                 // throws on damage
 * }
 *
 * @param file the file read
 * @param events the intact events, in file order
 * @param error what stopped reading early, if anything did
 */
public record EventFile(Path file, List<Event> events, Optional<CorruptRecordException> error) {

    /** The plugin name that marks a tensor summary as a scalar (TensorFlow 2's {@code tf.summary.scalar}). */
    private static final String SCALARS_PLUGIN = "scalars";

    /**
     * The record: the file, its events and the error (empty if none); the list is copied.
     *
     * @throws InvalidArgumentException if an argument or an event is null
     */
    public EventFile {
        if (file == null) throw new InvalidArgumentException("EventFile: file is null");
        if (events == null) throw new InvalidArgumentException("EventFile: events is null");
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i) == null) throw new InvalidArgumentException("EventFile: events[" + i + "] is null");
        }
        if (error == null) throw new InvalidArgumentException("EventFile: error is null (Optional.empty() for none)");
        events = List.copyOf(events);
    }

    /**
     * Reads {@code file} up to its end or its first damaged record.
     *
     * @throws java.io.UncheckedIOException if the file cannot be read, naming it
     */
    public static EventFile read(Path file) {
        if (file == null) throw new InvalidArgumentException("EventFile.read: file is null");
        List<Event> events = new ArrayList<>();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            long size = Files.size(file);
            long offset = 0;
            while (offset < size) {
                byte[] header = in.readNBytes(Records.HEADER);
                if (header.length < Records.HEADER) {
                    throw corrupt(file, offset, events, "truncated: " + (size - offset) + " bytes left, a record header "
                            + "needs " + Records.HEADER, null);
                }
                ByteBuffer h = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
                long length = h.getLong(0);
                int stored = h.getInt(8), computed = Records.maskedCrc(header, 0, 8);
                if (stored != computed) {
                    throw corrupt(file, offset, events, mismatch("length", stored, computed), null);
                }
                long left = size - offset - Records.HEADER - Records.FOOTER;
                if (length < 0 || length > left) {
                    throw corrupt(file, offset, events, "truncated: the record holds " + Long.toUnsignedString(length)
                            + " bytes but " + Math.max(0, left) + " are left", null);
                }
                byte[] data = in.readNBytes((int) length);
                byte[] footer = in.readNBytes(Records.FOOTER);
                int storedData = ByteBuffer.wrap(footer).order(ByteOrder.LITTLE_ENDIAN).getInt();
                int computedData = Records.maskedCrc(data, 0, data.length);
                if (storedData != computedData) {
                    throw corrupt(file, offset, events, mismatch("data", storedData, computedData), null);
                }
                try {
                    events.add(Event.parseFrom(data));
                } catch (InvalidProtocolBufferException e) {
                    throw corrupt(file, offset, events, "the data is not an Event: " + e.getMessage(), e);
                }
                offset += Records.HEADER + length + Records.FOOTER;
            }
        } catch (CorruptRecordException e) {
            return new EventFile(file, events, Optional.of(e));
        } catch (IOException e) {
            throw FileErrors.reading("event file", file, e);
        }
        return new EventFile(file, events, Optional.empty());
    }

    /**
     * The event files of {@code directory} (names holding {@code tfevents}, as TensorBoard finds
     * them), in name order, which is the order they were started in.
     *
     * @throws java.io.UncheckedIOException if the directory cannot be listed, naming it
     */
    public static List<Path> find(Path directory) {
        if (directory == null) throw new InvalidArgumentException("EventFile.find: directory is null");
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(EventFileNames::isEventFile).filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw FileErrors.reading("event file directory", directory, e);
        }
    }

    /** This file if it was read to its end; otherwise throws the error that stopped reading. */
    public EventFile requireIntact() {
        if (error.isPresent()) throw error.get();
        return this;
    }

    /**
     * The scalars, in file order: {@code simple_value}s, and scalar float tensors of TensorBoard's
     * scalars plugin (TensorFlow 2's form, whose metadata comes with a tag's first value only).
     */
    public List<ScalarPoint> scalars() {
        List<ScalarPoint> out = new ArrayList<>();
        Map<String, String> plugins = new HashMap<>();
        for (Event e : events) {
            if (!e.hasSummary()) continue;
            for (Summary.Value v : e.getSummary().getValueList()) {
                if (v.hasMetadata() && v.getMetadata().hasPluginData()) {
                    plugins.putIfAbsent(v.getTag(), v.getMetadata().getPluginData().getPluginName());
                }
                if (v.getValueCase() == Summary.Value.ValueCase.SIMPLE_VALUE) {
                    out.add(new ScalarPoint(v.getTag(), e.getStep(), e.getWallTime(), v.getSimpleValue()));
                } else if (v.hasTensor() && SCALARS_PLUGIN.equals(plugins.get(v.getTag()))) {
                    scalarOf(v.getTensor()).ifPresent(x -> out.add(new ScalarPoint(v.getTag(), e.getStep(), e.getWallTime(), x)));
                }
            }
        }
        return out;
    }

    /** The scalars of {@code tag}, in file order. */
    public List<ScalarPoint> scalars(String tag) {
        if (tag == null) throw new InvalidArgumentException("EventFile.scalars: tag is null");
        return scalars().stream().filter(p -> p.tag().equals(tag)).toList();
    }

    private static Optional<Double> scalarOf(TensorProto t) {
        ByteBuffer content = t.getTensorContent().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        if (t.getDtype() == DataType.DT_FLOAT) {
            if (t.getFloatValCount() > 0) return Optional.of((double) t.getFloatVal(0));
            if (content.remaining() >= 4) return Optional.of((double) content.getFloat());
        } else if (t.getDtype() == DataType.DT_DOUBLE) {
            if (t.getDoubleValCount() > 0) return Optional.of(t.getDoubleVal(0));
            if (content.remaining() >= 8) return Optional.of(content.getDouble());
        }
        return Optional.empty();
    }

    private static String mismatch(String what, int stored, int computed) {
        return "the masked CRC32C of the " + what + " does not match (stored 0x" + Integer.toHexString(stored)
                + ", computed 0x" + Integer.toHexString(computed) + ")";
    }

    private static CorruptRecordException corrupt(Path file, long offset, List<Event> before, String problem, Throwable cause) {
        return new CorruptRecordException(file, offset, before.size(), problem, cause);
    }
}
