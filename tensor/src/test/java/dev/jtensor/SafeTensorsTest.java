package dev.jtensor;

import static dev.jtensor.TF.*;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The public safetensors API over tensors (the format's bytes are tested in internal.io). */
class SafeTensorsTest {

    @TempDir
    Path dir;

    @Test
    void everyDtypeScalarsEmptyTensorsAndViewsRoundTrip() {
        Map<String, Tensor> in = new LinkedHashMap<>();
        in.put("f32", constant(new float[][] {{1.5f, -0f}, {Float.NaN, Float.NEGATIVE_INFINITY}}));
        in.put("f64", constant(Math.PI));
        in.put("i32", reshape(range(6), 2, 3).transpose());
        in.put("i64", constant(new long[] {Long.MAX_VALUE, -1}));
        in.put("bool", constant(new boolean[] {true, false, true}));
        in.put("empty", zeros(0, 3));
        Path file = dir.resolve("all.safetensors");
        SafeTensors.save(file, in, Map.of("framework", "jtensor"));
        SafeTensors back = SafeTensors.load(file);
        assertEquals(List.of("i64", "f64", "empty", "f32", "i32", "bool"), List.copyOf(back.tensors().keySet()));
        for (String name : in.keySet()) {
            Tensor want = in.get(name);
            Tensor got = back.tensors().get(name);
            assertEquals(want.dtype(), got.dtype(), name);
            assertEquals(want.shape(), got.shape(), name);
        }
        assertArrayEquals(new int[] {Float.floatToRawIntBits(1.5f), Float.floatToRawIntBits(-0f),
                Float.floatToRawIntBits(Float.NaN), Float.floatToRawIntBits(Float.NEGATIVE_INFINITY)},
                floatBits(back.tensors().get("f32").toFloatArray()));
        assertEquals(Math.PI, back.tensors().get("f64").doubleValue());
        assertEquals(Shape.of(), back.tensors().get("f64").shape());
        assertArrayEquals(new int[] {0, 3, 1, 4, 2, 5}, back.tensors().get("i32").toIntArray());
        assertArrayEquals(new long[] {Long.MAX_VALUE, -1}, back.tensors().get("i64").toLongArray());
        assertArrayEquals(new boolean[] {true, false, true}, back.tensors().get("bool").toBooleanArray());
        assertEquals(Shape.of(0, 3), back.tensors().get("empty").shape());
        assertEquals(Map.of("framework", "jtensor"), back.metadata());
        assertEquals(SafeTensors.dataSha256(in), back.dataSha256());
    }

    private static int[] floatBits(float[] f) {
        int[] out = new int[f.length];
        for (int i = 0; i < f.length; i++) out[i] = Float.floatToRawIntBits(f[i]);
        return out;
    }

    @Test
    void withoutMetadataTheHeaderHasNone() throws Exception {
        Path file = dir.resolve("plain.safetensors");
        SafeTensors.save(file, Map.of("x", constant(1f)));
        assertFalse(new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.UTF_8).contains("__metadata__"));
        assertEquals(Map.of(), SafeTensors.load(file).metadata());
    }

    @Test
    void badArgumentsNameTheMethod() {
        var e = assertThrows(InvalidArgumentException.class, () -> SafeTensors.save(dir.resolve("x"), null));
        assertTrue(e.getMessage().contains("SafeTensors.save"), e.getMessage());
        Map<String, Tensor> withNull = new java.util.HashMap<>();
        withNull.put("w", null);
        e = assertThrows(InvalidArgumentException.class, () -> SafeTensors.save(dir.resolve("x"), withNull));
        assertTrue(e.getMessage().contains("tensors[\"w\"]"), e.getMessage());
    }
}
