package dev.jtensor.nn.checkpoint;

import static dev.jtensor.nn.checkpoint.CheckpointTest.model;
import static dev.jtensor.nn.checkpoint.CheckpointTest.weights;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jtensor.InvalidArgumentException;
import dev.jtensor.TF;
import dev.jtensor.nn.Sequential;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Numbered checkpoints: numbering, keeping the newest, the latest, and a save that dies half-way. */
class CheckpointManagerTest {

    @TempDir
    Path dir;

    private static List<String> names(List<Path> files) {
        return files.stream().map(p -> p.getFileName().toString()).toList();
    }

    @Test
    void numbersKeepsTheNewestAndFindsTheLatest() {
        Sequential m = model(1);
        Path run = dir.resolve("run");
        CheckpointManager manager = new CheckpointManager(Checkpoint.of(m, m.optimizer()), run, 2);
        assertEquals(Optional.empty(), manager.latest());
        assertEquals(Optional.empty(), manager.restoreLatest());
        for (int i = 0; i < 11; i++) manager.save();
        assertEquals(List.of("ckpt-10.safetensors", "ckpt-11.safetensors"), names(manager.checkpoints()));
        assertEquals(run.resolve("ckpt-11.safetensors"), manager.latest().orElseThrow());
        CheckpointManager reopened = new CheckpointManager(Checkpoint.of(m), run, 2);
        assertEquals(run.resolve("ckpt-12.safetensors"), reopened.save());
        assertEquals(List.of("ckpt-11.safetensors", "ckpt-12.safetensors"), names(reopened.checkpoints()));
        CheckpointManager npz = new CheckpointManager(Checkpoint.of(m), dir.resolve("npz"), 1, true);
        npz.save();
        assertEquals(List.of("ckpt-2.npz"), names(List.of(npz.save())));
        assertEquals(List.of("ckpt-2.npz"), names(npz.checkpoints()));
    }

    @Test
    void aSaveThatDiesHalfWayLeavesThePreviousAsTheLatest() throws Exception {
        Sequential a = model(1);
        CheckpointManager manager = new CheckpointManager(Checkpoint.of(a), dir, 3);
        Path first = manager.save();
        a.variables().getFirst().assign(TF.zeros(4, 5));
        Map<String, float[]> atSecond = weights(a);
        Path second = manager.save();
        // a crash during the third save leaves its temporary file, cut short, beside the others
        byte[] partial = java.util.Arrays.copyOf(Files.readAllBytes(second), 100);
        Files.write(dir.resolve(".ckpt-3.safetensors.5f3a9c1e2b7d4a60.tmp"), partial);
        // and a failing save through the manager's checkpoint leaves nothing new
        CheckpointManager failing = new CheckpointManager(Checkpoint.of(a)
                .withStreamFilter(out -> new CheckpointFaultTest.FailingStream(out, 50)), dir, 3);
        assertThrows(UncheckedIOException.class, failing::save);
        assertEquals(List.of(first, second), manager.checkpoints());
        Sequential b = model(2);
        assertEquals(Optional.of(second), new CheckpointManager(Checkpoint.of(b), dir, 3).restoreLatest());
        atSecond.forEach((name, w) -> assertArrayEquals(w, weights(b).get(name), name));
    }

    @Test
    void badArgumentsAreRefused() {
        var e = assertThrows(InvalidArgumentException.class, () -> new CheckpointManager(Checkpoint.of(model(1)), dir, 0));
        assertEquals(true, e.getMessage().contains("maxToKeep >= 1"), e.getMessage());
    }
}
