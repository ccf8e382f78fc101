package dev.jtensor.nn.checkpoint;

import static dev.jtensor.nn.checkpoint.CheckpointTest.model;
import static dev.jtensor.nn.checkpoint.CheckpointTest.weights;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtensor.InvalidArgumentException;
import dev.jtensor.nn.Sequential;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing lost: a save killed at any byte leaves the previous checkpoint intact and restorable, and
 * every flipped or truncated file is rejected (or, for the parts of a zip archive that no reader
 * looks at, restores exactly the saved values) without changing the model.
 */
class CheckpointFaultTest {

    /** Fails the write that would pass byte {@code limit}, as a full disk or a killed process would. */
    static final class FailingStream extends FilterOutputStream {
        private final long limit;
        private long written;

        FailingStream(OutputStream out, long limit) {
            super(out);
            this.limit = limit;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (written + len > limit) {
                out.write(b, off, (int) (limit - written));
                throw new IOException("injected failure after byte " + limit);
            }
            out.write(b, off, len);
            written += len;
        }
    }

    @TempDir
    Path dir;

    private static void assertFailsAtEveryByteKeepingThePrevious(Path dir, String file) throws IOException {
        Sequential old = model(1);
        Path p = Checkpoint.of(old, old.optimizer()).save(dir.resolve(file));
        byte[] previous = Files.readAllBytes(p);
        Sequential next = model(2);
        long size = Files.size(Checkpoint.of(next, next.optimizer()).save(dir.resolve("size-" + file)));
        for (long k = 0; k < size; k++) {
            long limit = k;
            Checkpoint failing = Checkpoint.of(next, next.optimizer()).withStreamFilter(out -> new FailingStream(out, limit));
            var e = assertThrows(UncheckedIOException.class, () -> failing.save(p));
            assertTrue(e.getMessage().startsWith("checkpoint: cannot write " + p + ": injected failure"), e.getMessage());
            assertArrayEquals(previous, Files.readAllBytes(p), "after a failure at byte " + k);
            try (Stream<Path> files = Files.list(dir)) {
                assertEquals(List.of(file, "size-" + file), files.map(f -> f.getFileName().toString()).sorted(
                        (a, b) -> a.length() - b.length()).toList(), "no temporary file is left");
            }
            if (k % 64 == 0 || k == size - 1) {
                Sequential fresh = model(3);
                Checkpoint.of(fresh, fresh.optimizer()).restore(p);
                weights(old).forEach((name, w) -> assertArrayEquals(w, weights(fresh).get(name), name));
            }
        }
    }

    @Test
    void aSafetensorsSaveFailingAtAnyByteKeepsThePreviousCheckpoint() throws IOException {
        assertFailsAtEveryByteKeepingThePrevious(dir, "c.safetensors");
    }

    @Test
    void anNpzSaveFailingAtAnyByteKeepsThePreviousCheckpoint() throws IOException {
        assertFailsAtEveryByteKeepingThePrevious(dir, "c.npz");
    }

    @Test
    void aHeaderClaimingATrillionElementsIsRejectedWithoutAllocating() throws IOException {
        String header = "{\"__metadata__\":{\"jtensor.checkpoint\":\"1\",\"sha256\":\"00\"},\"dense/kernel\":{\"dtype\":"
                + "\"F32\",\"shape\":[1000000,1000000],\"data_offsets\":[0,4000000000000]}}";
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        Path p = Files.write(dir.resolve("huge.safetensors"),
                ByteBuffer.allocate(8 + h.length).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length).put(h).array());
        Sequential m = model(1);
        Map<String, float[]> before = weights(m);
        Runtime rt = Runtime.getRuntime();
        long used = rt.totalMemory() - rt.freeMemory();
        var e = assertThrows(InvalidArgumentException.class, () -> Checkpoint.of(m).restore(p));
        assertEquals("safetensors: " + p + ": tensor \"dense/kernel\": shape [1000000, 1000000] has more elements than "
                + "a Java array can hold (2147483639)", e.getMessage());
        assertTrue(rt.totalMemory() - rt.freeMemory() - used < 64L << 20, "no large allocation");
        before.forEach((name, w) -> assertArrayEquals(w, weights(m).get(name), name));
    }

    // ------------------------------------------------------------------ random damage (jqwik)

    private static Path corpus;
    private static Map<String, float[]> saved;

    @BeforeContainer
    static void saveOnce() throws IOException {
        corpus = Files.createTempDirectory("jtensor-ckpt-faults");
        Sequential a = model(1);
        a.optimizer().build(a.trainableVariables());
        Checkpoint.of(a, a.optimizer()).save(corpus.resolve("good.safetensors"));
        Checkpoint.of(a, a.optimizer()).save(corpus.resolve("good.npz"));
        saved = weights(a);
    }

    @AfterContainer
    static void cleanUp() throws IOException {
        try (Stream<Path> files = Files.list(corpus)) {
            for (Path f : files.toList()) Files.delete(f);
        }
        Files.delete(corpus);
    }

    /** Restores {@code damaged} into a fresh model; returns whether it was accepted, checking the model either way. */
    private static boolean restoreDamaged(byte[] damaged, String ext, String what) throws IOException {
        Path p = Files.write(corpus.resolve("damaged." + ext), damaged);
        Sequential m = model(2);
        Map<String, float[]> before = weights(m);
        try {
            Checkpoint.of(m, m.optimizer()).restore(p);
        } catch (InvalidArgumentException e) {
            assertTrue(e.getMessage().contains(p.toString()), what + ": the error names the file: " + e.getMessage());
            before.forEach((name, w) -> assertArrayEquals(w, weights(m).get(name), what + ": " + name + " unchanged"));
            return false;
        }
        saved.forEach((name, w) -> assertArrayEquals(w, weights(m).get(name), what + ": accepted, so exactly as saved"));
        return true;
    }

    private static byte[] flipped(String file, int where, int mask) throws IOException {
        byte[] bytes = Files.readAllBytes(corpus.resolve(file));
        int at = where % bytes.length;
        bytes[at] ^= (byte) mask;
        return bytes;
    }

    private static byte[] truncated(String file, int where) throws IOException {
        byte[] bytes = Files.readAllBytes(corpus.resolve(file));
        return Arrays.copyOf(bytes, where % bytes.length);
    }

    @Property(tries = 300)
    void everyFlippedSafetensorsCheckpointIsRejected(@ForAll @IntRange(min = 0, max = 1 << 20) int where,
                                                     @ForAll @IntRange(min = 1, max = 255) int mask) throws IOException {
        assertTrue(!restoreDamaged(flipped("good.safetensors", where, mask), "safetensors", "flip " + where + "^" + mask),
                "a flipped byte must be detected");
    }

    @Property(tries = 100)
    void everyTruncatedCheckpointIsRejected(@ForAll @IntRange(min = 0, max = 1 << 20) int where) throws IOException {
        assertTrue(!restoreDamaged(truncated("good.safetensors", where), "safetensors", "cut at " + where));
        assertTrue(!restoreDamaged(truncated("good.npz", where), "npz", "cut at " + where));
    }

    @Property(tries = 300)
    void aFlippedNpzCheckpointIsRejectedOrIntact(@ForAll @IntRange(min = 0, max = 1 << 20) int where,
                                                 @ForAll @IntRange(min = 1, max = 255) int mask) throws IOException {
        restoreDamaged(flipped("good.npz", where, mask), "npz", "flip " + where + "^" + mask);
    }
}
