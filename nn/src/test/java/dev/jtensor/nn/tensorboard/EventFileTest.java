package dev.jtensor.nn.tensorboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.jtensor.nn.tensorboard.proto.DataType;
import dev.jtensor.nn.tensorboard.proto.Event;
import dev.jtensor.nn.tensorboard.proto.Summary;
import dev.jtensor.nn.tensorboard.proto.SummaryMetadata;
import dev.jtensor.nn.tensorboard.proto.TensorProto;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reader: scalars as a table, and damage at every byte offset stopping at the right record. */
class EventFileTest {

    @TempDir
    Path dir;

    private Path file;
    /** Where each record starts, from the independent framing: record i spans [starts[i], starts[i + 1]). */
    private long[] starts;

    @BeforeEach
    void smallFile() throws IOException {
        try (SummaryWriter w = SummaryWriter.create(dir)) {
            w.scalar("loss", 0.5, 0);
            w.scalar("loss", 0.25, 1);
            w.text("note", "hi", 1);
            w.scalar("acc", 0.875, 1);
            file = w.file();
        }
        byte[] bytes = Files.readAllBytes(file);
        List<Long> s = new ArrayList<>();
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int at = 0; at < bytes.length; at += (int) in.getLong(at) + 16) s.add((long) at);
        s.add((long) bytes.length);
        starts = s.stream().mapToLong(Long::longValue).toArray();
        assertEquals(6, starts.length);   // the version and four summaries
    }

    @Test
    void scalarsAreATableOfTagStepAndValue() {
        EventFile events = EventFile.read(file).requireIntact();
        assertEquals(5, events.events().size());
        assertEquals(List.of("loss/0/0.5", "loss/1/0.25", "acc/1/0.875"),
                events.scalars().stream().map(p -> p.tag() + "/" + p.step() + "/" + p.value()).toList());
        assertEquals(List.of(0.25), events.scalars("loss").stream().skip(1).map(ScalarPoint::value).toList());
        assertTrue(events.scalars().get(0).wallTime() > 1.6e9);
    }

    @Test
    void tensorFlow2ScalarsAreReadTooThoughOnlyTheFirstCarriesTheMetadata() {
        Path other = dir.resolve("tf2");
        try (SummaryWriter w = SummaryWriter.create(other)) {
            SummaryMetadata scalars = SummaryMetadata.newBuilder()
                    .setPluginData(SummaryMetadata.PluginData.newBuilder().setPluginName("scalars")).build();
            w.write(tensorScalar("epoch_loss", 3f, 0, scalars));
            w.write(tensorScalar("epoch_loss", 2f, 1, null));
            ByteBuffer content = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(0, 1.5f);
            w.write(Event.newBuilder().setStep(2).setSummary(Summary.newBuilder().addValue(Summary.Value.newBuilder()
                    .setTag("epoch_loss").setTensor(TensorProto.newBuilder().setDtype(DataType.DT_FLOAT)
                            .setTensorContent(ByteString.copyFrom(content))))).build());
        }
        EventFile events = EventFile.read(EventFile.find(other).get(0)).requireIntact();
        assertEquals(List.of(3.0, 2.0, 1.5), events.scalars("epoch_loss").stream().map(ScalarPoint::value).toList());
        assertEquals(List.of(0L, 1L, 2L), events.scalars("epoch_loss").stream().map(ScalarPoint::step).toList());
    }

    private static Event tensorScalar(String tag, float value, long step, SummaryMetadata metadata) {
        Summary.Value.Builder v = Summary.Value.newBuilder().setTag(tag)
                .setTensor(TensorProto.newBuilder().setDtype(DataType.DT_FLOAT).addFloatVal(value));
        if (metadata != null) v.setMetadata(metadata);
        return Event.newBuilder().setStep(step).setSummary(Summary.newBuilder().addValue(v)).build();
    }

    private int recordOf(long offset) {
        int r = 0;
        while (starts[r + 1] <= offset) r++;
        return r;
    }

    @Test
    void aChangedByteAnywhereStopsReadingAtItsRecordKeepingTheRecordsBefore() throws IOException {
        byte[] good = Files.readAllBytes(file);
        List<Event> intact = EventFile.read(file).events();
        Path damaged = dir.resolve("damaged");
        for (int offset = 0; offset < good.length; offset++) {
            for (int flip : new int[] {0x01, 0x80}) {
                byte[] bad = good.clone();
                bad[offset] ^= (byte) flip;
                Files.write(damaged, bad);
                EventFile read = EventFile.read(damaged);
                int record = recordOf(offset);
                String where = "byte " + offset + " ^ " + flip;
                CorruptRecordException e = read.error().orElseThrow(() -> new AssertionError(where + " was not detected"));
                assertEquals(record, e.record(), where);
                assertEquals(starts[record], e.offset(), where);
                assertEquals(damaged, e.file());
                assertEquals(intact.subList(0, record), read.events(), where);
                assertTrue(e.getMessage().startsWith(damaged + ": corrupted record at offset " + starts[record] + " (record "
                        + record + "): "), e.getMessage());
                // a bit flipped in the length or its checksum fails the length's CRC; in the data or its checksum, the data's
                String part = offset - starts[record] < 12 ? "length" : "data";
                assertTrue(e.getMessage().contains("the masked CRC32C of the " + part + " does not match"), where + ": "
                        + e.getMessage());
                assertSame(e, assertThrows(CorruptRecordException.class, read::requireIntact));
            }
        }
    }

    @Test
    void aTruncatedFileKeepsItsWholeRecordsAndNamesTheCutOne() throws IOException {
        byte[] good = Files.readAllBytes(file);
        List<Event> intact = EventFile.read(file).events();
        Path cut = dir.resolve("cut");
        for (int length = 0; length < good.length; length++) {
            Files.write(cut, Arrays.copyOf(good, length));
            EventFile read = EventFile.read(cut);
            int whole = 0;
            while (starts[whole + 1] <= length) whole++;
            assertEquals(intact.subList(0, whole), read.events(), "cut at " + length);
            if (starts[whole] == length) {
                assertTrue(read.error().isEmpty(), "cut at a record boundary " + length);
            } else {
                CorruptRecordException e = read.error().orElseThrow();
                assertEquals(whole, e.record());
                assertTrue(e.getMessage().contains("truncated"), e.getMessage());
            }
        }
    }

    @Test
    void aLengthClaimingTerabytesIsRefusedWithoutReadingOn() throws IOException {
        ByteBuffer header = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putLong(1L << 40);
        header.putInt(8, Records.maskedCrc(header.array(), 0, 8));
        Path huge = dir.resolve("huge");
        Files.write(huge, header.array());
        CorruptRecordException e = EventFile.read(huge).error().orElseThrow();
        assertEquals(huge + ": corrupted record at offset 0 (record 0): truncated: the record holds 1099511627776 bytes "
                + "but 0 are left; the 0 records before it are intact", e.getMessage());
    }

    @Test
    void theMaskIsTensorFlowsWrittenOutAgain() {
        byte[] data = "brain.Event:2".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertEquals(TensorFlowReader.crc(data), Records.maskedCrc(data, 0, data.length));
        byte[] empty = new byte[0];
        assertEquals(TensorFlowReader.crc(empty), Records.maskedCrc(empty, 0, 0));
    }
}
