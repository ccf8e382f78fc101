package dev.jtensor.nn.callbacks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtensor.InvalidArgumentException;
import dev.jtensor.SafeTensors;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import dev.jtensor.nn.FitOptions;
import dev.jtensor.nn.Sequential;
import dev.jtensor.nn.layers.Dense;
import dev.jtensor.nn.layers.InputLayer;
import dev.jtensor.nn.layers.Layer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keras's ModelCheckpoint: formatted paths, best only, every N epochs. */
class ModelCheckpointTest {

    @TempDir
    Path dir;

    @Test
    void formatsPathsAsPythonsStrFormat() {
        Map<String, Double> logs = Map.of("loss", 0.123456789, "val_loss", 2.5);
        assertEquals("m-07-0.1235-2.500000e+00-7.txt",
                ModelCheckpoint.format("m-{epoch:02d}-{loss:.4f}-{val_loss:e}-{epoch}.txt", 7, logs));
        assertEquals("l=2.5", ModelCheckpoint.format("l={val_loss}", 1, logs));
        var e = assertThrows(InvalidArgumentException.class, () -> ModelCheckpoint.format("{acc}", 1, logs));
        assertTrue(e.getMessage().contains("names {acc}, which is neither epoch nor among the logs"), e.getMessage());
    }

    private List<String> files() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** A model whose loss per epoch is given by a callback placed before the checkpoint's. */
    private static Sequential model() {
        Layer.clearSession();
        TF.setSeed(4);
        Sequential m = new Sequential(new InputLayer(2), new Dense(1));
        m.compile("sgd", "mse");
        return m;
    }

    /** Overwrites the epoch's val_loss with a scripted value, so "best" is known in advance. */
    private static Callback scripted(double... valLoss) {
        return new Callback() {
            @Override
            public void onEpochEnd(int epoch, Map<String, Double> logs) {
                logs.put("val_loss", valLoss[epoch]);
            }
        };
    }

    @Test
    void savesOnlyImprovementsOfTheMonitoredMetric() throws Exception {
        Sequential m = model();
        ModelCheckpoint best = new ModelCheckpoint(dir.resolve("best-{epoch}.safetensors").toString()).saveBestOnly(true);
        List<float[]> kernels = new ArrayList<>();
        Callback record = new Callback() {
            @Override
            public void onEpochEnd(int epoch, Map<String, Double> logs) {
                kernels.add(model().variables().getFirst().toFloatArray());
            }
        };
        Tensor x = TF.randomNormal(8, 2);
        m.fit(x, TF.reshape(x.reduceSum(1), 8, 1), FitOptions.epochs(5).batchSize(4).verbose(0)
                .callbacks(scripted(3, 2, 2.5, 1, 1), best, record));
        assertEquals(List.of("best-1.safetensors", "best-2.safetensors", "best-4.safetensors"), files());
        assertEquals(1.0, best.best());
        assertEquals(dir.resolve("best-4.safetensors"), best.lastSaved());
        SafeTensors saved = SafeTensors.load(best.lastSaved());
        assertArrayEquals(kernels.get(3), saved.tensors().get("dense/kernel").toFloatArray());
        assertTrue(saved.tensors().containsKey("optimizer/iterations"));
    }

    @Test
    void maxModeAndEveryNEpochsAndWeightsOnly() throws Exception {
        Sequential m = model();
        ModelCheckpoint every = new ModelCheckpoint(dir.resolve("e{epoch:03d}.npz").toString()).everyEpochs(2)
                .weightsOnly(true);
        ModelCheckpoint maxBest = new ModelCheckpoint(dir.resolve("max.safetensors").toString()).saveBestOnly(true)
                .mode(ModelCheckpoint.Mode.MAX);
        Tensor x = TF.randomNormal(8, 2);
        m.fit(x, TF.reshape(x.reduceSum(1), 8, 1), FitOptions.epochs(5).batchSize(4).verbose(0)
                .callbacks(scripted(1, 3, 2, 4, 0), every, maxBest));
        assertEquals(List.of("e002.npz", "e004.npz", "max.safetensors"), files());
        assertEquals(4.0, maxBest.best());
        assertEquals(List.of("dense/kernel", "dense/bias"), List.copyOf(dev.jtensor.NumpyFiles.loadz(dir.resolve("e004.npz")).keySet()));
        var e = assertThrows(InvalidArgumentException.class, () -> m.fit(x, TF.reshape(x.reduceSum(1), 8, 1), FitOptions.epochs(1).verbose(0)
                .callbacks(new ModelCheckpoint(dir.resolve("x").toString()).monitor("val_auc").saveBestOnly(true))));
        assertTrue(e.getMessage().contains("'val_auc' is not among the logs"), e.getMessage());
    }
}
