package dev.jtensor.nn.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtensor.InvalidArgumentException;
import dev.jtensor.SafeTensors;
import dev.jtensor.Shape;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import dev.jtensor.Variable;
import dev.jtensor.nn.FitOptions;
import dev.jtensor.nn.Sequential;
import dev.jtensor.nn.layers.Dense;
import dev.jtensor.nn.layers.InputLayer;
import dev.jtensor.nn.layers.Layer;
import dev.jtensor.nn.optimizers.Adam;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Saving and restoring models and optimizers: names, checks, deferred restore, resumed training. */
class CheckpointTest {

    @TempDir
    Path dir;

    @BeforeEach
    void names() {
        Layer.clearSession();
    }

    /** dense (4 -> 5, relu), dense_1 (5 -> 2), Adam, mse; weights drawn from {@code seed}. */
    static Sequential model(long seed) {
        Layer.clearSession();
        TF.setSeed(seed);
        Sequential m = new Sequential(new InputLayer(4), new Dense(5, "relu"), new Dense(2));
        m.compile(new Adam(0.01), dev.jtensor.nn.losses.Losses.get("mse"));
        return m;
    }

    static Map<String, float[]> weights(Sequential m) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Variable v : m.variables()) out.put(v.name(), v.toFloatArray());
        return out;
    }

    private static void assertSameWeights(Map<String, float[]> want, Map<String, float[]> got) {
        assertEquals(want.keySet(), got.keySet());
        want.forEach((k, v) -> assertArrayEquals(v, got.get(k), k));
    }

    @ParameterizedTest
    @ValueSource(strings = {"m.safetensors", "m.npz", "m.ckpt"})
    void roundTripsAModelAndItsOptimizer(String file) {
        Sequential a = model(1);
        a.fit(TF.randomNormal(16, 4), TF.randomNormal(16, 2), FitOptions.epochs(1).batchSize(8).verbose(0));
        Path p = Checkpoint.of(a, a.optimizer()).save(dir.resolve(file));
        Sequential b = model(2);
        assertFalse(java.util.Arrays.equals(weights(a).get("dense/kernel"), weights(b).get("dense/kernel")));
        assertEquals(List.of(), Checkpoint.of(b, b.optimizer()).restore(p));
        assertSameWeights(weights(a), weights(b));
        assertEquals(2L, b.optimizer().iterations().longValue());
        Variable kernel = b.variables().getFirst();
        assertArrayEquals(a.optimizer().slot(a.variables().getFirst(), "m").toFloatArray(),
                b.optimizer().slot(kernel, "m").toFloatArray());
    }

    @Test
    void entriesAreNamedByVariablePathWithTheOptimizerUnderItsPrefix() {
        Sequential a = model(1);
        a.optimizer().build(a.trainableVariables());
        assertEquals(List.of("dense/kernel", "dense/bias", "dense_1/kernel", "dense_1/bias", "optimizer/iterations",
                        "optimizer/learning_rate", "optimizer/dense/kernel/m", "optimizer/dense/kernel/v",
                        "optimizer/dense/bias/m", "optimizer/dense/bias/v", "optimizer/dense_1/kernel/m",
                        "optimizer/dense_1/kernel/v", "optimizer/dense_1/bias/m", "optimizer/dense_1/bias/v"),
                List.copyOf(Checkpoint.of(a, a.optimizer()).values().keySet()));
        Path p = Checkpoint.of(a, a.optimizer()).save(dir.resolve("a.safetensors"));
        SafeTensors file = SafeTensors.load(p);
        assertEquals("1", file.metadata().get("jtensor.checkpoint"));
        assertEquals(file.dataSha256(), file.metadata().get("sha256"));
        assertEquals(Shape.of(4, 5), file.tensors().get("dense/kernel").shape());
    }

    @Test
    void aMismatchListsEveryProblemAndRestoresNothing() {
        Sequential a = model(1);
        Path p = Checkpoint.of(a).save(dir.resolve("a.safetensors"));
        Layer.clearSession();
        TF.setSeed(3);
        Sequential b = new Sequential(new InputLayer(4), new Dense(6, "relu"), new Dense(2).named("head"));
        Map<String, float[]> before = weights(b);
        var e = assertThrows(InvalidArgumentException.class, () -> Checkpoint.of(b).restore(p));
        assertEquals("Checkpoint " + p + " does not match model \"sequential\"; nothing was restored:"
                + "\n  missing from the file: [head/kernel, head/bias]"
                + "\n  unexpected in the file: [dense_1/bias, dense_1/kernel]"
                + "\n  mismatched: dense/kernel (file: float32 (4, 5), model \"sequential\": float32 (4, 6)), "
                + "dense/bias (file: float32 (5,), model \"sequential\": float32 (6,))", e.getMessage());
        assertSameWeights(before, weights(b));
    }

    @Test
    void aModelAloneIgnoresTheOptimizerEntriesButAnOptimizerNeedsThem() {
        Sequential a = model(1);
        a.optimizer().build(a.trainableVariables());
        Path full = Checkpoint.of(a, a.optimizer()).save(dir.resolve("full.safetensors"));
        Path weightsOnly = Checkpoint.of(a).save(dir.resolve("weights.safetensors"));
        Sequential b = model(2);
        Checkpoint.of(b).restore(full);
        assertSameWeights(weights(a), weights(b));
        Sequential c = model(3);
        Map<String, float[]> before = weights(c);
        var e = assertThrows(InvalidArgumentException.class, () -> Checkpoint.of(c, c.optimizer()).restore(weightsOnly));
        assertTrue(e.getMessage().contains("missing from the file: [optimizer/iterations, optimizer/learning_rate]"),
                e.getMessage());
        assertSameWeights(before, weights(c));
    }

    @Test
    void deferredRestoreFillsLayersWhenTheyBuild() {
        Sequential a = model(1);
        Path p = Checkpoint.of(a).save(dir.resolve("a.safetensors"));
        Layer.clearSession();
        TF.setSeed(9);
        Sequential lazy = new Sequential(new Dense(5, "relu"), new Dense(2));   // no InputLayer: not built
        assertEquals(List.of(), lazy.variables());
        assertEquals(List.of("dense/bias", "dense/kernel", "dense_1/bias", "dense_1/kernel"), Checkpoint.of(lazy).restore(p));
        Tensor x = TF.randomNormal(3, 4);
        Tensor y = lazy.call(x);
        assertSameWeights(weights(a), weights(lazy));
        assertArrayEquals(a.call(x).toFloatArray(), y.toFloatArray());
    }

    @Test
    void deferredValuesOfTheWrongShapeFailWhenTheLayerBuilds() {
        Sequential a = model(1);
        Path p = Checkpoint.of(a).save(dir.resolve("a.safetensors"));
        Layer.clearSession();
        Sequential lazy = new Sequential(new Dense(5, "relu"), new Dense(2));
        Checkpoint.of(lazy).restore(p);
        var e = assertThrows(InvalidArgumentException.class, () -> lazy.call(TF.ones(1, 3)));
        assertEquals("Layer \"dense\": the checkpoint value restored for weight dense/kernel has dtype float32 and "
                + "shape (4, 5), but the layer creates it with dtype float32 and shape (3, 5)", e.getMessage());
    }

    @Test
    void optimizerSlotsOfUnbuiltLayersAreRefused() {
        Sequential a = model(1);
        a.optimizer().build(a.trainableVariables());
        Path p = Checkpoint.of(a, a.optimizer()).save(dir.resolve("a.safetensors"));
        Layer.clearSession();
        Sequential lazy = new Sequential(new Dense(5, "relu"), new Dense(2));
        Adam adam = new Adam(0.01);
        var e = assertThrows(InvalidArgumentException.class, () -> Checkpoint.of(lazy, adam).restore(p));
        assertTrue(e.getMessage().contains("belong to weights of layers not built yet"), e.getMessage());
        assertEquals(0L, adam.iterations().longValue());
    }

    @Test
    void trainingResumedFromACheckpointMatchesTrainingStraightThrough() {
        TF.setSeed(21);
        Tensor x = TF.randomNormal(40, 4);
        Tensor y = TF.randomNormal(40, 2);
        FitOptions two = FitOptions.epochs(2).batchSize(8).shuffle(false).verbose(0);
        Sequential straight = model(1);
        straight.fit(x, y, FitOptions.epochs(4).batchSize(8).shuffle(false).verbose(0));
        Sequential first = model(1);
        first.fit(x, y, two);
        Path p = Checkpoint.of(first, first.optimizer()).save(dir.resolve("half.safetensors"));
        Sequential resumed = model(77);
        Checkpoint.of(resumed, resumed.optimizer()).restore(p);
        resumed.fit(x, y, two);
        assertSameWeights(weights(straight), weights(resumed));
        assertEquals(straight.optimizer().iterations().longValue(), resumed.optimizer().iterations().longValue());
    }

    @Test
    void restoresFromAMapOfAnotherProgramsFile() {
        Sequential a = model(1);
        Path p = dir.resolve("hf.safetensors");
        Map<String, Tensor> weights = new LinkedHashMap<>();
        a.variables().forEach(v -> weights.put(v.name(), v.asTensor()));
        SafeTensors.save(p, weights, Map.of("format", "pt"));
        var e = assertThrows(InvalidArgumentException.class, () -> Checkpoint.of(model(2)).restore(p));
        assertTrue(e.getMessage().contains("is not a jtensor checkpoint's"), e.getMessage());
        Sequential b = model(2);
        Checkpoint.of(b).restore(SafeTensors.load(p).tensors());
        assertSameWeights(weights(a), weights(b));
    }

    @Test
    void aDamagedDataSectionFailsTheChecksum() throws Exception {
        Sequential a = model(1);
        Path p = Checkpoint.of(a).save(dir.resolve("a.safetensors"));
        byte[] bytes = Files.readAllBytes(p);
        bytes[bytes.length - 1] ^= 0x01;
        Files.write(p, bytes);
        Sequential b = model(2);
        Map<String, float[]> before = weights(b);
        var e = assertThrows(InvalidArgumentException.class, () -> Checkpoint.of(b).restore(p));
        assertTrue(e.getMessage().startsWith("checkpoint " + p + ": the data is damaged (its SHA-256 is "), e.getMessage());
        assertSameWeights(before, weights(b));
    }

    @Test
    void aPlainModuleRoundTripsAndDuplicateNamesAreRefused() {
        class Pair extends dev.jtensor.Module {
            final Variable w = new Variable(TF.constant(new double[] {1, 2}), "w", true);
            final Variable step = new Variable(TF.constant(5L), "step", false);
        }
        Pair a = new Pair();
        Path p = Checkpoint.of(a).save(dir.resolve("pair.npz"));
        Pair b = new Pair();
        b.w.assign(TF.constant(new double[] {0, 0}));
        b.step.assign(TF.constant(0L));
        Checkpoint.of(b).restore(p);
        assertArrayEquals(new double[] {1, 2}, b.w.toDoubleArray());
        assertEquals(5L, b.step.longValue());
        class Twins extends dev.jtensor.Module {
            final Variable a = new Variable(TF.constant(1f), "same", true);
            final Variable b = new Variable(TF.constant(2f), "same", true);
        }
        var e = assertThrows(InvalidArgumentException.class, () -> Checkpoint.of(new Twins()).save(dir.resolve("t.npz")));
        assertTrue(e.getMessage().contains("has two variables named 'same'"), e.getMessage());
    }
}
