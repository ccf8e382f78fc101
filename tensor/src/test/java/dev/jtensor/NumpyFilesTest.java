package dev.jtensor;

import static dev.jtensor.TF.*;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The public .npy/.npz API over tensors (the format itself is tested in internal.io). */
class NumpyFilesTest {

    @TempDir
    Path dir;

    @Test
    void aTransposedViewIsSavedInItsLogicalOrder() {
        Tensor t = reshape(range(6), 2, 3).transpose();
        Path file = dir.resolve("t.npy");
        NumpyFiles.save(file, t);
        Tensor back = NumpyFiles.load(file);
        assertEquals(Shape.of(3, 2), back.shape());
        assertEquals(DType.INT32, back.dtype());
        assertArrayEquals(new int[] {0, 3, 1, 4, 2, 5}, back.toIntArray());
    }

    @Test
    void archivesKeepNamesOrderAndDTypes() {
        Path file = dir.resolve("m.npz");
        Map<String, Tensor> in = new java.util.LinkedHashMap<>();
        in.put("w", constant(new float[][] {{1.5f, -2}}));
        in.put("flag", constant(true));
        NumpyFiles.savez(file, in, true);
        Map<String, Tensor> out = NumpyFiles.loadz(file);
        assertEquals(java.util.List.of("w", "flag"), java.util.List.copyOf(out.keySet()));
        assertArrayEquals(new float[] {1.5f, -2}, out.get("w").toFloatArray());
        assertEquals(Shape.of(1, 2), out.get("w").shape());
        assertTrue(out.get("flag").booleanValue());
    }

    @Test
    void malformedFilesAreInvalidArguments() throws Exception {
        Path file = dir.resolve("bad.npy");
        Files.write(file, new byte[] {1, 2, 3});
        var e = assertThrows(InvalidArgumentException.class, () -> NumpyFiles.load(file));
        assertTrue(e.getMessage().contains("npy"), e.getMessage());
    }
}
