package dev.jtensor.nn.tensorboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtensor.DType;
import dev.jtensor.InvalidArgumentException;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import dev.jtensor.Variable;
import dev.jtensor.nn.FitOptions;
import dev.jtensor.nn.Sequential;
import dev.jtensor.nn.callbacks.History;
import dev.jtensor.nn.callbacks.TensorBoard;
import dev.jtensor.nn.layers.Dense;
import dev.jtensor.nn.layers.InputLayer;
import dev.jtensor.nn.layers.Layer;
import dev.jtensor.nn.losses.SparseCategoricalCrossentropy;
import dev.jtensor.nn.optimizers.Optimizers;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.Summary;

/** The fit callback: Keras's directories, tags and steps, values equal to History's. */
class TensorBoardCallbackTest {

    @TempDir
    Path logdir;

    private static Sequential classifier() {
        Layer.clearSession();
        TF.setSeed(5);
        Sequential model = new Sequential(new InputLayer(4), new Dense(8, "relu"), new Dense(3));
        model.compile(Optimizers.get("sgd"), new SparseCategoricalCrossentropy(true), "accuracy");
        return model;
    }

    /** tag -> (step, value) in file order, from TensorFlow's classes. */
    private static List<String> scalars(List<Event> events, String tag) {
        return events.stream().filter(Event::hasSummary).flatMap(e -> e.getSummary().getValueList().stream()
                        .filter(v -> v.getTag().equals(tag)).map(v -> e.getStep() + ":" + v.getSimpleValue()))
                .toList();
    }

    private static List<String> expected(List<Double> values, int firstStep, int stride) {
        return java.util.stream.IntStream.range(0, values.size())
                .mapToObj(i -> (firstStep + (long) i * stride) + ":" + (float) (double) values.get(i)).toList();
    }

    @Test
    void epochMetricsGoToTrainAndValidationUnderKerasTags() {
        TF.setSeed(3);
        Tensor x = TF.randomNormal(40, 4);
        Tensor y = TF.argMax(TF.matmul(x, TF.randomNormal(4, 3)), 1).cast(DType.INT32);
        TensorBoard tb = new TensorBoard(logdir).updateFreq(2).histogramFreq(2).writeGraph(true);
        History h = classifier().fit(x, y, FitOptions.epochs(3).batchSize(10).validationSplit(0.25).seed(1).verbose(0)
                .callbacks(tb));
        List<Event> train = TensorFlowReader.onlyFile(logdir.resolve("train"));
        List<Event> validation = TensorFlowReader.onlyFile(logdir.resolve("validation"));
        assertEquals("brain.Event:2", train.get(0).getFileVersion());
        assertEquals(expected(h.history().get("loss"), 0, 1), scalars(train, "epoch_loss"));
        assertEquals(expected(h.history().get("accuracy"), 0, 1), scalars(train, "epoch_accuracy"));
        assertEquals(expected(h.history().get("val_loss"), 0, 1), scalars(validation, "epoch_loss"));
        assertEquals(expected(h.history().get("val_accuracy"), 0, 1), scalars(validation, "epoch_accuracy"));
        // 30 training examples in batches of 10: 3 batches an epoch; the validation value per epoch at 3, 6, 9 batches
        assertEquals(expected(h.history().get("val_loss"), 3, 3), scalars(validation, "evaluation_loss_vs_iterations"));
        assertTrue(scalars(train, "val_loss").isEmpty() && scalars(train, "epoch_val_loss").isEmpty());
        // every 2nd batch of 9: steps 2, 4, 6, 8; at the end of an epoch the running loss is the epoch's
        List<String> batchLoss = scalars(train, "batch_loss");
        assertEquals(List.of("2", "4", "6", "8"), batchLoss.stream().map(s -> s.split(":")[0]).toList());
        assertEquals(4, scalars(train, "batch_accuracy").size());
        assertEquals(expected(h.history().get("loss").subList(1, 2), 6, 1), batchLoss.subList(2, 3));
        // histograms at epochs 0 and 2 of every weight
        for (String w : List.of("dense/kernel", "dense/bias", "dense_1/kernel", "dense_1/bias")) {
            List<Event> hist = train.stream().filter(e -> e.hasSummary() && e.getSummary().getValue(0).getTag()
                    .equals(w + "/histogram")).toList();
            assertEquals(List.of(0L, 2L), hist.stream().map(Event::getStep).toList(), w);
        }
        // the graph once
        List<Event> graphs = train.stream().filter(e -> !e.getGraphDef().isEmpty()).toList();
        assertEquals(1, graphs.size());
        assertTrue(train.indexOf(graphs.get(0)) == 1, "the graph comes right after the version");
    }

    @Test
    void histogramsHoldTheWeightsOfTheirEpoch() throws Exception {
        Tensor x = TF.randomNormal(8, 4);
        Tensor y = TF.constant(new int[] {0, 1, 2, 0, 1, 2, 0, 1});
        Sequential model = classifier();
        List<Double> kernelSums = new java.util.ArrayList<>();
        dev.jtensor.nn.callbacks.Callback record = new dev.jtensor.nn.callbacks.Callback() {
            @Override
            public void onEpochEnd(int epoch, java.util.Map<String, Double> logs) {
                Variable k = model().variables().get(0);
                double s = 0;
                for (float v : k.toFloatArray()) s += v;
                kernelSums.add(s);
            }
        };
        model.fit(x, y, FitOptions.epochs(2).batchSize(4).verbose(0).callbacks(record, new TensorBoard(logdir).histogramFreq(1)));
        List<Event> train = TensorFlowReader.onlyFile(logdir.resolve("train"));
        List<Summary.Value> kernel = train.stream().filter(Event::hasSummary).map(e -> e.getSummary().getValue(0))
                .filter(v -> v.getTag().equals("dense/kernel/histogram")).toList();
        assertEquals(2, kernel.size());
        for (int i = 0; i < 2; i++) {
            assertEquals(32, kernel.get(i).getHisto().getNum());
            assertEquals(kernelSums.get(i), kernel.get(i).getHisto().getSum(), 1e-5);
        }
        assertTrue(java.nio.file.Files.notExists(logdir.resolve("validation")), "no validation data, no validation writer");
    }

    @Test
    void theGraphIsTheModelsForward() throws Exception {
        Tensor x = TF.randomNormal(8, 4);
        Tensor y = TF.constant(new int[] {0, 1, 2, 0, 1, 2, 0, 1});
        Sequential model = classifier();
        model.fit(x, y, FitOptions.epochs(1).batchSize(8).verbose(0).callbacks(new TensorBoard(logdir).writeGraph(true)));
        Event graph = TensorFlowReader.onlyFile(logdir.resolve("train")).get(1);
        GraphDef def = GraphDef.parseFrom(graph.getGraphDef());
        assertEquals(model.variables().stream().map(Variable::name).collect(Collectors.toSet()),
                def.getNodeList().stream().filter(n -> n.getOp().equals("VarHandleOp")).map(n -> n.getName())
                        .collect(Collectors.toSet()));
        assertEquals(2, def.getNodeList().stream().filter(n -> n.getOp().equals("MatMul")).count());
    }

    @Test
    void hooksCalledOutsideTrainingSaySo() {
        TensorBoard tb = new TensorBoard(logdir);
        var e = assertThrows(IllegalStateException.class, () -> tb.onEpochEnd(0, java.util.Map.of("loss", 1.0)));
        assertTrue(e.getMessage().startsWith("TensorBoard.onEpochEnd: called outside onTrainBegin..onTrainEnd")
                && e.getMessage().contains(logdir.toString()), e.getMessage());
        TensorBoard everyBatch = new TensorBoard(logdir).updateFreq(1);
        assertThrows(IllegalStateException.class, () -> everyBatch.onTrainBatchEnd(0, java.util.Map.of("loss", 1.0)));
    }

    @Test
    void badSettingsAreRefused() {
        assertEquals("TensorBoard: updateFreq must be >= 0, got -1",
                assertThrows(InvalidArgumentException.class, () -> new TensorBoard(logdir).updateFreq(-1)).getMessage());
        assertEquals("TensorBoard: histogramFreq must be >= 0, got -2",
                assertThrows(InvalidArgumentException.class, () -> new TensorBoard(logdir).histogramFreq(-2)).getMessage());
        assertEquals("TensorBoard: logdir is null", assertThrows(InvalidArgumentException.class, () -> new TensorBoard(null))
                .getMessage());
    }
}
