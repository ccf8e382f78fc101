package dev.jtensor.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtensor.DType;
import dev.jtensor.InvalidArgumentException;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import dev.jtensor.nn.callbacks.EarlyStopping;
import dev.jtensor.nn.data.Dataset;
import dev.jtensor.nn.callbacks.History;
import dev.jtensor.nn.callbacks.LambdaCallback;
import dev.jtensor.nn.callbacks.LearningRateScheduler;
import dev.jtensor.nn.layers.Concatenate;
import dev.jtensor.nn.layers.Dense;
import dev.jtensor.nn.layers.Input;
import dev.jtensor.nn.layers.InputLayer;
import dev.jtensor.nn.layers.KerasTensor;
import dev.jtensor.nn.layers.Layer;
import dev.jtensor.nn.losses.SparseCategoricalCrossentropy;
import dev.jtensor.nn.optimizers.Optimizers;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** compile, fit (its output, eager = traced, callbacks, validation), evaluate, predict, trainOnBatch, summary. */
class ModelTrainingTest {

    private Tensor x;
    private Tensor y;

    @BeforeEach
    void data() {
        Layer.clearSession();
        TF.setSeed(11);
        x = TF.randomNormal(200, 6);
        Tensor w = TF.randomNormal(6, 3);
        y = TF.argMax(TF.matmul(x, w), 1).cast(DType.INT32);
    }

    private Sequential classifier() {
        TF.setSeed(5);
        Sequential model = new Sequential(new InputLayer(6), new Dense(16, "relu"), new Dense(3));
        model.compile(Optimizers.get("sgd"), new SparseCategoricalCrossentropy(true), "accuracy");
        return model;
    }

    @Test
    void fitPrintsKerasProgressLines() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        classifier().fit(x, y, FitOptions.epochs(2).batchSize(32).validationSplit(0.2).seed(1).out(out));
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(4, lines.length, String.join("\n", lines));
        assertEquals("Epoch 1/2", lines[0]);
        String metric = "\\d+\\.\\d{4}";
        assertTrue(lines[1].matches("5/5 ━{20} \\d+s \\d+(ms|us|s)/step - accuracy: " + metric + " - loss: " + metric
                + " - val_accuracy: " + metric + " - val_loss: " + metric), lines[1]);
        assertEquals("Epoch 2/2", lines[2]);

        bytes.reset();
        classifier().fit(x, y, FitOptions.epochs(1).batchSize(64).verbose(2).out(out));
        String line = bytes.toString(StandardCharsets.UTF_8).split("\n")[1];
        assertTrue(line.matches("4/4 - \\d+s - \\d+(ms|us|s)/step - accuracy: " + metric + " - loss: " + metric), line);

        bytes.reset();
        classifier().fit(x, y, FitOptions.epochs(3).verbose(0).out(out));
        assertEquals("", bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void tracedAndEagerTrainingGiveTheSameLossesAndWeights() {
        Sequential traced = classifier(), eager = classifier();
        eager.runEagerly(true);
        FitOptions options = FitOptions.epochs(3).batchSize(48).seed(3).verbose(0);
        History a = traced.fit(x, y, options), b = eager.fit(x, y, FitOptions.epochs(3).batchSize(48).seed(3).verbose(0));
        List<Double> la = a.history().get("loss"), lb = b.history().get("loss");
        for (int i = 0; i < 3; i++) assertEquals(lb.get(i), la.get(i), 1e-5, "epoch " + i);
        assertTrue(la.get(2) < la.get(0), "the loss falls: " + la);
        for (int i = 0; i < traced.variables().size(); i++) {
            Approx.assertClose(eager.variables().get(i), traced.variables().get(i), 1e-5);
        }
    }

    @Test
    void evaluateIsTheMeanLossOverExamplesAndPredictIsTheForwardPass() {
        Sequential model = classifier();
        model.fit(x, y, FitOptions.epochs(1).verbose(0));
        Tensor logits = model.call(x);
        double expectedLoss = new SparseCategoricalCrossentropy(true).call(y, logits).doubleValue();
        double expectedAccuracy = TF.reduceMean(TF.equal(TF.argMax(logits, 1).cast(DType.INT32), y).cast(DType.FLOAT32))
                .doubleValue();
        Map<String, Double> scores = model.evaluate(x, y, 64);   // batches of 64, 64, 64, 8
        assertEquals(expectedLoss, scores.get("loss"), 1e-5);
        assertEquals(expectedAccuracy, scores.get("accuracy"), 1e-6);
        Approx.assertClose(logits, model.predict(x, 64), 1e-6);
    }

    @Test
    void trainOnBatchTakesOneStep() {
        Sequential model = classifier();
        double first = model.trainOnBatch(x, y).get("loss");
        double second = model.trainOnBatch(x, y).get("loss");
        assertTrue(second < first, first + " then " + second);
        assertEquals(2L, model.optimizer().iterations().asTensor().longValue());
    }

    @Test
    void aFunctionalModelOfTwoInputsTrains() {
        TF.setSeed(2);
        KerasTensor a = Input.of(3), b = Input.of(3);
        KerasTensor joined = new Concatenate().call(new Dense(8, "tanh").call(a), new Dense(8, "tanh").call(b));
        Model model = Model.of(List.of(a, b), List.of(new Dense(3).call(joined)));
        model.compile(Optimizers.get("sgd"), new SparseCategoricalCrossentropy(true), "accuracy");
        List<Tensor> inputs = List.of(x.get(dev.jtensor.Index.all(), dev.jtensor.Index.range(0, 3)),
                x.get(dev.jtensor.Index.all(), dev.jtensor.Index.range(3, 6)));
        History h = model.fit(inputs, List.of(y), FitOptions.epochs(4).batchSize(20).verbose(0));
        List<Double> losses = h.history().get("loss");
        assertTrue(losses.get(3) < losses.get(0), losses.toString());
        assertEquals(3 * 8 + 8 + 3 * 8 + 8 + 16 * 3 + 3, (int) model.countParams());
    }

    /** A subclassed model: layers in fields, the computation in forward. */
    static final class Residual extends Model {
        final Dense hidden = new Dense(6, "relu");
        final Dense out = new Dense(3);

        @Override
        protected Tensor forward(Tensor input, boolean training) {
            return out.call(input.add(hidden.call(input, training)), training);
        }
    }

    @Test
    void aSubclassedModelBuildsItsLayersBeforeTheStepIsTraced() {
        Residual model = new Residual();
        model.compile(Optimizers.get("sgd"), new SparseCategoricalCrossentropy(true));
        History h = model.fit(x, y, FitOptions.epochs(3).verbose(0));
        assertEquals(List.of("dense/kernel", "dense/bias", "dense_1/kernel", "dense_1/bias"),
                model.variables().stream().map(v -> v.name()).toList(), "fields by name, each layer's weights in creation order");
        assertTrue(h.last("loss") < h.history().get("loss").get(0));
        assertEquals(2, model.layers().size());
    }

    @Test
    void callbacksSeeEveryEpochAndCanStopTrainingAndChangeTheLearningRate() {
        Sequential model = classifier();
        List<Integer> seen = new ArrayList<>();
        EarlyStopping stop = new EarlyStopping("loss", 0, 10.0, false);   // nothing improves by 10: stops at epoch 1
        var rates = new LearningRateScheduler((epoch, lr) -> 0.5 / (epoch + 1));
        History h = model.fit(x, y, FitOptions.epochs(10).verbose(0)
                .callbacks(LambdaCallback.onEpochEnd((epoch, logs) -> seen.add(epoch)), stop, rates));
        assertEquals(List.of(0, 1), seen);
        assertEquals(1, stop.stoppedEpoch());
        assertEquals(List.of(0.5, 0.25), h.history().get("learning_rate").stream()
                .map(r -> Math.round(r * 1e6) / 1e6).toList());
    }

    @Test
    void badArgumentsAreNamed() {
        Sequential model = classifier();
        Tensor shortY = y.get(dev.jtensor.Index.range(0, 150));
        assertTrue(assertThrows(InvalidArgumentException.class, () -> model.fit(x, shortY, FitOptions.defaults()))
                .getMessage().contains("x and y must have the same number of examples, got x (200, 6) (200) and y (150,)"));
        assertTrue(assertThrows(InvalidArgumentException.class, () -> FitOptions.epochs(1).validationSplit(1.5))
                .getMessage().contains("validationSplit must be in (0, 1)"));
        assertTrue(assertThrows(InvalidArgumentException.class, () -> Model.of((KerasTensor) null, null))
                .getMessage().contains("Model.of: inputs is null"));
        Sequential uncompiled = new Sequential(new Dense(2));
        assertTrue(assertThrows(InvalidArgumentException.class, () -> uncompiled.fit(x, y, FitOptions.defaults()))
                .getMessage().contains("needs the model compiled first"));
        assertTrue(assertThrows(InvalidArgumentException.class, () -> model.fit(TF.ones(4, 7), TF.zeros(DType.INT32, 4),
                FitOptions.defaults().verbose(0))).getMessage().contains("expected shape=(None, 6), found shape=(1, 7)"));
    }

    @Test
    void summaryIsKerasTable() {
        Sequential model = new Sequential(new InputLayer(784), new Dense(64, "relu"), new Dense(10));
        String expected = """
                Model: "sequential"
                ┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓
                ┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃
                ┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩
                │ dense (Dense)                   │ (None, 64)             │        50,240 │
                ├─────────────────────────────────┼────────────────────────┼───────────────┤
                │ dense_1 (Dense)                 │ (None, 10)             │           650 │
                └─────────────────────────────────┴────────────────────────┴───────────────┘
                 Total params: 50,890 (198.79 KB)
                 Trainable params: 50,890 (198.79 KB)
                 Non-trainable params: 0 (0.00 B)
                """;
        assertEquals(expected, model.summary());
        String unbuilt = new Sequential(new Dense(2)).summary();
        assertTrue(unbuilt.contains("│ dense_2 (Dense)                 │ ?                      │   0 (unbuilt) │"), unbuilt);
    }

    @Test
    void aDatasetOfBatchesTrainsAsTheSameTensorsDo() {
        Sequential fromTensors = classifier(), fromDataset = classifier();
        History a = fromTensors.fit(x, y, FitOptions.epochs(2).batchSize(50).shuffle(false).verbose(0));
        Dataset batches = Dataset.fromTensorSlices(x, y).batch(50);
        History b = fromDataset.fit(batches, FitOptions.epochs(2).validationData(batches).verbose(0));
        assertEquals(a.history().get("loss").get(1), b.history().get("loss").get(1), 1e-6);
        assertEquals(fromDataset.evaluate(batches).get("loss"), b.last("val_loss"), 1e-6);
        assertTrue(assertThrows(InvalidArgumentException.class,
                () -> fromDataset.fit(batches.repeat(), FitOptions.defaults())).getMessage().contains("the dataset is infinite"));
    }
}
