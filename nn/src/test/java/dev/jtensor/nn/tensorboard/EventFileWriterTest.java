package dev.jtensor.nn.tensorboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The writer thread: periodic flushes, and failures surfacing on the next call and on close. */
class EventFileWriterTest {

    /** Accepts {@code limit} bytes, then fails every write. */
    private static final class FailingStream extends OutputStream {
        private final ByteArrayOutputStream written = new ByteArrayOutputStream();
        private final int limit;
        volatile boolean closed;

        FailingStream(int limit) {
            this.limit = limit;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (written.size() + len > limit) throw new IOException("No space left on device");
            written.write(b, off, len);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private static final Path NAME = Path.of("logs", "events.out.tfevents.0000000001.host");

    @Test
    void aFailedWriteSurfacesOnTheNextCallAndOnCloseNamingTheFile() throws Exception {
        FailingStream sink = new FailingStream(0);
        EventFileWriter w = new EventFileWriter(NAME, sink, () -> { }, 8, Duration.ofHours(1));
        w.write(new byte[10]);
        UncheckedIOException e = assertThrows(UncheckedIOException.class, w::flush);
        assertEquals("SummaryWriter: writing " + NAME + " failed: No space left on device", e.getMessage());
        assertThrows(UncheckedIOException.class, () -> w.write(new byte[1]));
        assertEquals(e.getMessage(), assertThrows(UncheckedIOException.class, w::close).getMessage());
        assertTrue(sink.closed, "the stream is closed even after a failure");
    }

    @Test
    void theThreadFlushesByItselfEveryPeriod() throws Exception {
        FailingStream sink = new FailingStream(Integer.MAX_VALUE);
        int[] syncs = new int[1];
        try (EventFileWriter w = new EventFileWriter(NAME, sink, () -> syncs[0]++, 8, Duration.ofMillis(20))) {
            w.write(new byte[] {1, 2, 3});
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (sink.written.size() == 0 && System.nanoTime() < deadline) Thread.sleep(5);
            assertEquals(12 + 3 + 4, sink.written.size(), "one framed record, flushed without a flush() call");
        }
        assertTrue(syncs[0] >= 2, "synced periodically and on close: " + syncs[0]);
    }
}
