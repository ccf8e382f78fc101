package dev.jtensor.nn.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jtensor.Module;
import dev.jtensor.NumpyFiles;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import dev.jtensor.Variable;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NumPy reads jtensor's {@code .npz} checkpoints: scripts/fixtures/gen_checkpoint_fixtures.py wrote
 * {@code fixed.npz} with {@code np.savez} from the values below, and our checkpoint of the same
 * variables has the same keys, values and byte-identical {@code .npy} members. Run with
 * {@code -Djtensor.checkpoint.dump=DIR}, the test also leaves both of our files in DIR for the
 * script's {@code --check DIR} (NumPy and an independent safetensors reader).
 */
class CheckpointNumpyFixtureTest {

    @TempDir
    Path dir;

    /** The script's EXPECTED, in its order (fields are visited sorted by name). */
    static final class Fixed extends Module {
        final Variable a = new Variable(TF.constant(new float[][] {{0.5f, -1.25f, 3f}, {1e-3f, -0f, 7f}}), "dense/kernel", true);
        final Variable b = new Variable(TF.constant(new float[] {0.1f, 0.2f, 0.3f}), "dense/bias", true);
        final Variable c = new Variable(TF.constant(42L), "step", false);
        final Variable d = new Variable(TF.constant(new double[][] {{Math.PI, Math.E}, {-1, 1e300}}), "table", true);
        final Variable e = new Variable(TF.constant(new int[] {1, -2, Integer.MAX_VALUE}), "ids", false);
        final Variable f = new Variable(TF.constant(new boolean[] {true, false}), "mask", false);
    }

    private static Path fixture() throws URISyntaxException {
        return Path.of(CheckpointNumpyFixtureTest.class.getResource("fixed.npz").toURI());
    }

    @Test
    void ourNpzCheckpointMatchesNumpysSavez() throws Exception {
        String dump = System.getProperty("jtensor.checkpoint.dump");
        Path out = dump != null ? Files.createDirectories(Path.of(dump)) : dir;
        Fixed module = new Fixed();
        Path npz = Checkpoint.of(module).save(out.resolve("fixed.npz"));
        Checkpoint.of(module).save(out.resolve("fixed.safetensors"));
        Map<String, Tensor> numpy = NumpyFiles.loadz(fixture());
        assertEquals(List.of("dense/kernel", "dense/bias", "step", "table", "ids", "mask"), List.copyOf(numpy.keySet()));
        Map<String, Tensor> ours = NumpyFiles.loadz(npz);
        assertEquals(List.copyOf(numpy.keySet()), List.copyOf(ours.keySet()));
        assertEquals(members(fixture()).keySet(), members(npz).keySet());
        members(fixture()).forEach((name, bytes) -> {
            try {
                assertArrayEquals(bytes, members(npz).get(name), name);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        Fixed restored = new Fixed();
        restored.a.assign(TF.zeros(2, 3));
        restored.f.assign(TF.constant(new boolean[] {false, true}));
        Checkpoint.of(restored).restore(fixture());
        assertArrayEquals(module.a.toFloatArray(), restored.a.toFloatArray());
        assertArrayEquals(new boolean[] {true, false}, restored.f.toBooleanArray());
    }

    private static Map<String, byte[]> members(Path zip) throws IOException {
        Map<String, byte[]> out = new java.util.LinkedHashMap<>();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            for (ZipEntry e : Collections.list(z.entries())) out.put(e.getName(), z.getInputStream(e).readAllBytes());
        }
        return out;
    }
}
