package dev.jtensor.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtensor.DType;
import dev.jtensor.InvalidArgumentException;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import dev.jtensor.nn.Model;
import dev.jtensor.nn.Sequential;
import dev.jtensor.nn.callbacks.History;
import dev.jtensor.nn.layers.Dense;
import dev.jtensor.nn.layers.InputLayer;
import dev.jtensor.nn.losses.SparseCategoricalCrossentropy;
import dev.jtensor.nn.optimizers.Adam;
import dev.jtensor.nn.optimizers.SGD;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.SparkConf;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spark trainer on local[2] (up to 4 attempts per task): equal to one process, deterministic, retried, resumed. */
class SparkTrainerTest {

    private static JavaSparkContext jsc;
    private static final List<Example> EXAMPLES = examples(130);

    @BeforeAll
    static void startSpark() {
        jsc = new JavaSparkContext(new SparkConf().setMaster("local[2,4]").setAppName("SparkTrainerTest")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1"));
    }

    @AfterAll
    static void stopSpark() {
        jsc.stop();
    }

    /** 6 features in [-1, 1), the class of the largest of three fixed projections. */
    private static List<Example> examples(int n) {
        SplittableRandom random = new SplittableRandom(7);
        float[][] w = new float[6][3];
        for (float[] row : w) for (int j = 0; j < 3; j++) row[j] = (float) random.nextDouble(-1, 1);
        List<Example> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[] f = new float[6];
            for (int k = 0; k < 6; k++) f[k] = (float) random.nextDouble(-1, 1);
            int best = 0;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < 3; j++) {
                double s = 0;
                for (int k = 0; k < 6; k++) s += f[k] * w[k][j];
                if (s > bestScore) { bestScore = s; best = j; }
            }
            out.add(Example.of(f, best));
        }
        return out;
    }

    private static Model classifier() {
        TF.setSeed(3);
        Sequential m = new Sequential(new InputLayer(6), new Dense(12, "tanh"), new Dense(3));
        m.compile(Adam.builder().learningRate(0.02).build(), new SparseCategoricalCrossentropy(true));
        return m;
    }

    private static SparkTrainer trainer() {
        return new SparkTrainer(SparkTrainerTest::classifier).targetDType(DType.INT32).batchSize(24).seed(5)
                .verbose(0, System.out);
    }

    /** One process trained on the plan's batches: each step, every partition's chunk, in partition order. */
    private static List<Double> trainInOneProcess(Model model, List<List<Example>> partitions, StepPlan plan, int epochs) {
        Replica.Shapes shapes = new Replica.Shapes(new int[] {6}, new int[0], DType.INT32);
        List<Double> losses = new ArrayList<>();
        for (int epoch = 0; epoch < epochs; epoch++) {
            double sum = 0;
            for (int step = 0; step < plan.steps(); step++) {
                List<Example> batch = new ArrayList<>();
                for (int p = 0; p < partitions.size(); p++) {
                    for (int r : plan.rows(p, epoch, step)) batch.add(partitions.get(p).get(r));
                }
                int[] all = new int[batch.size()];
                for (int i = 0; i < all.length; i++) all[i] = i;
                List<Tensor> xy = shapes.batch(batch, all);
                sum += model.trainOnBatch(xy.get(0), xy.get(1)).get("loss") * batch.size();
            }
            losses.add(sum / plan.total());
        }
        return losses;
    }

    private static void assertSameWeights(Model expected, Model actual, double tolerance) {
        List<Tensor> e = expected.getWeights(), a = actual.getWeights();
        assertEquals(e.size(), a.size());
        for (int i = 0; i < e.size(); i++) {
            float[] x = e.get(i).toFloatArray(), y = a.get(i).toFloatArray();
            for (int j = 0; j < x.length; j++) assertEquals(x[j], y[j], tolerance * (1 + Math.abs(x[j])), "weight " + i + "[" + j + "]");
        }
    }

    @Test
    void trainsAsOneProcessOnTheSameBatches() {
        for (int partitions : new int[] {2, 5}) {   // 5: the tree sums on executors before the driver
            JavaRDD<Example> data = jsc.parallelize(EXAMPLES, partitions).cache();
            SparkTrainer trainer = trainer().epochs(3);
            History history = trainer.fit(data);
            List<List<Example>> parts = data.glom().collect();
            int[] sizes = parts.stream().mapToInt(List::size).toArray();
            Model reference = classifier();
            List<Double> expected = trainInOneProcess(reference, parts, new StepPlan(sizes, new long[sizes.length], 24, true, 5), 3);
            List<Double> losses = history.history().get("loss");
            for (int e = 0; e < 3; e++) assertEquals(expected.get(e), losses.get(e), 1e-5, "epoch " + e);
            assertTrue(losses.get(2) < losses.get(0) * 0.9, "the loss falls: " + losses);
            assertSameWeights(reference, trainer.model(), 1e-5);
            assertEquals(3 * 6L, trainer.model().optimizer().iterations().asTensor().longValue());   // ceil(130 / 24)
        }
    }

    @Test
    void theSameSeedAndPartitioningGiveTheSameBits() {
        JavaRDD<Example> data = jsc.parallelize(EXAMPLES, 6).cache();
        SparkTrainer first = trainer().epochs(2), second = trainer().epochs(2);
        first.fit(data);
        second.fit(data);
        assertSameWeights(first.model(), second.model(), 0);
        SparkTrainer other = trainer().epochs(2).seed(6);
        other.fit(data);
        float[] a = first.model().getWeights().get(0).toFloatArray(), b = other.model().getWeights().get(0).toFloatArray();
        assertTrue(!java.util.Arrays.equals(a, b), "another seed shuffles differently");
    }

    /** Fails partition 1's first attempt in the fourth job that reads it. */
    static final class FailOnce implements Function<Example, Example> {
        static final Set<Integer> STAGES = ConcurrentHashMap.newKeySet();
        static final AtomicBoolean FAILED = new AtomicBoolean();

        @Override
        public Example call(Example e) {
            TaskContext task = TaskContext.get();
            if (task.partitionId() == 1 && task.attemptNumber() == 0) {
                STAGES.add(task.stageId());
                if (STAGES.size() == 4 && FAILED.compareAndSet(false, true)) {
                    throw new IllegalStateException("injected failure in partition 1");
                }
            }
            return e;
        }
    }

    @Test
    void aFailedTaskIsRetriedAndTheResultIsUnchanged() {
        JavaRDD<Example> data = jsc.parallelize(EXAMPLES, 3).cache();
        SparkTrainer clean = trainer().epochs(2);
        clean.fit(data);
        SparkTrainer failing = trainer().epochs(2);
        failing.fit(data.map(new FailOnce()));
        assertTrue(FailOnce.FAILED.get(), "the failure was injected");
        assertSameWeights(clean.model(), failing.model(), 0);
    }

    /** Reverses partition 0's order from the third job that reads it on: a source that is not stable. */
    static final class Unstable implements org.apache.spark.api.java.function.FlatMapFunction<java.util.Iterator<Example>, Example> {
        static final java.util.concurrent.atomic.AtomicInteger READS = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public java.util.Iterator<Example> call(java.util.Iterator<Example> it) {
            List<Example> all = new ArrayList<>();
            it.forEachRemaining(all::add);
            if (TaskContext.getPartitionId() == 0 && READS.incrementAndGet() >= 3) java.util.Collections.reverse(all);
            return all.iterator();
        }
    }

    @Test
    void aPartitionThatChangesBetweenJobsIsRefused() {
        JavaRDD<Example> data = jsc.parallelize(EXAMPLES, 2).mapPartitions(new Unstable());
        dev.jtensor.FailedPreconditionException e = assertThrows(dev.jtensor.FailedPreconditionException.class,
                () -> trainer().epochs(1).fit(data));
        assertTrue(e.getMessage().contains("partition 0 holds other examples now") && e.getMessage().endsWith("(in a Spark task)"),
                e.getMessage());
    }

    @Test
    void resumesFromTheNewestCheckpoint(@TempDir Path dir) {
        JavaRDD<Example> data = jsc.parallelize(EXAMPLES, 2).cache();
        SparkTrainer straight = trainer().epochs(4);
        straight.fit(data);
        trainer().epochs(2).checkpoints(dir, 2).fit(data);
        assertEquals(2, dir.toFile().list((d, name) -> name.endsWith(".safetensors")).length);
        SparkTrainer resumed = trainer().epochs(4).checkpoints(dir, 2);
        History history = resumed.fit(data);
        assertEquals(List.of(2, 3), history.epochs());
        assertSameWeights(straight.model(), resumed.model(), 0);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        History again = trainer().epochs(4).checkpoints(dir, 2).verbose(2, new java.io.PrintStream(bytes, true)).fit(data);
        assertEquals(List.of(), again.epochs());
        assertTrue(bytes.toString().contains("already holds 4 epochs (4 asked for); nothing to train"), bytes.toString());
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> trainer().epochs(4).batchSize(30).checkpoints(dir, 2).fit(data));
        assertTrue(e.getMessage().contains("holds 24 steps, not a whole number of this data's 5-step epochs"), e.getMessage());
    }

    private static Model sgdClassifier() {
        TF.setSeed(3);
        Sequential m = new Sequential(new InputLayer(6), new Dense(12, "tanh"), new Dense(3));
        m.compile(new SGD(0.2), new SparseCategoricalCrossentropy(true));
        return m;
    }

    @Test
    void oneLocalStepOfPlainSgdAveragesAsGradientsDo() {
        JavaRDD<Example> data = jsc.parallelize(EXAMPLES, 3).cache();
        SparkTrainer gradients = new SparkTrainer(SparkTrainerTest::sgdClassifier).targetDType(DType.INT32).batchSize(24)
                .seed(5).verbose(0, System.out).epochs(2);
        SparkTrainer models = new SparkTrainer(SparkTrainerTest::sgdClassifier).targetDType(DType.INT32).batchSize(24)
                .seed(5).verbose(0, System.out).epochs(2).localSteps(1);
        List<Double> a = gradients.fit(data).history().get("loss"), b = models.fit(data).history().get("loss");
        for (int e = 0; e < 2; e++) assertEquals(a.get(e), b.get(e), 1e-5, "epoch " + e);
        assertSameWeights(gradients.model(), models.model(), 1e-5);
    }

    @Test
    void localStepsTrainRepeatablyWithFewerJobs() {
        JavaRDD<Example> data = jsc.parallelize(EXAMPLES, 3).cache();
        SparkTrainer first = trainer().epochs(3).localSteps(4), second = trainer().epochs(3).localSteps(4);
        List<Double> losses = first.fit(data).history().get("loss");
        second.fit(data);
        assertTrue(losses.get(2) < losses.get(0) * 0.9, "the loss falls: " + losses);
        assertSameWeights(first.model(), second.model(), 0);
        assertEquals(3 * 6L, first.model().optimizer().iterations().asTensor().longValue());   // rounds of 4 + 2 steps
        assertThrows(InvalidArgumentException.class, () -> trainer().localSteps(-1));
    }

    @Test
    void trainsOnTheRowsOfADataFrame() {
        SparkSession spark = SparkSession.builder().sparkContext(jsc.sc()).getOrCreate();
        StructType schema = new StructType()
                .add("first", DataTypes.DoubleType, false)
                .add("rest", DataTypes.createArrayType(DataTypes.FloatType, false), false)
                .add("label", DataTypes.IntegerType, false)
                .add("name", DataTypes.StringType, true);
        List<Row> rows = new ArrayList<>();
        for (Example e : EXAMPLES) {
            float[] f = e.features();
            List<Float> rest = new ArrayList<>();
            for (int k = 1; k < f.length; k++) rest.add(f[k]);
            rows.add(RowFactory.create((double) f[0], rest, (int) e.target()[0], null));
        }
        Dataset<Row> df = spark.createDataFrame(rows, schema);
        List<Example> converted = Rows.examples(df, List.of("first", "rest"), "label").collect();
        assertEquals(EXAMPLES, converted);

        SparkTrainer trainer = trainer().epochs(3);
        List<Double> losses = trainer.fit(df.repartition(2), List.of("first", "rest"), "label").history().get("loss");
        assertTrue(losses.get(2) < losses.get(0) * 0.9, "the loss falls: " + losses);

        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> trainer().fit(df, List.of("first", "missing"), "label"));
        assertTrue(e.getMessage().contains("no column 'missing'") && e.getMessage().contains("[first, rest, label, name]"),
                e.getMessage());
        e = assertThrows(InvalidArgumentException.class, () -> trainer().fit(df, List.of("name"), "label"));
        assertTrue(e.getMessage().contains("column 'name' is string"), e.getMessage());
        Dataset<Row> withNull = spark.createDataFrame(List.of(RowFactory.create(1.0, null, 0, null)), new StructType()
                .add("first", DataTypes.DoubleType, true).add("other", DataTypes.DoubleType, true)
                .add("label", DataTypes.IntegerType, true).add("name", DataTypes.StringType, true));
        e = assertThrows(InvalidArgumentException.class, () -> trainer().fit(withNull, List.of("first", "other"), "label"));
        assertTrue(e.getMessage().contains("a row has null in column 'other'") && e.getMessage().endsWith("(in a Spark task)"),
                e.getMessage());
    }

    @Test
    void badInputIsReportedBeforeTraining() {
        Object notSerializable = new Object();
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> new SparkTrainer(() -> { notSerializable.hashCode(); return classifier(); }));
        assertTrue(e.getMessage().contains("java.lang.Object"), e.getMessage());

        List<Example> mixed = new ArrayList<>(EXAMPLES.subList(0, 10));
        mixed.add(Example.of(new float[5], 0));
        e = assertThrows(InvalidArgumentException.class, () -> trainer().fit(jsc.parallelize(mixed, 2)));
        assertTrue(e.getMessage().contains("partition 0: 6 features") && e.getMessage().contains("partition 1: 6 features,"
                + " 1 target values (and other lengths)"), e.getMessage());

        e = assertThrows(InvalidArgumentException.class, () -> trainer().fit(jsc.parallelize(List.<Example>of(), 2)));
        assertTrue(e.getMessage().contains("no examples"), e.getMessage());

        e = assertThrows(InvalidArgumentException.class, () -> trainer().featureShape(4, 2).fit(jsc.parallelize(EXAMPLES, 2)));
        assertTrue(e.getMessage().contains("[4, 2]") && e.getMessage().contains("6 features"), e.getMessage());
        assertThrows(InvalidArgumentException.class, () -> trainer().batchSize(0));
    }
}
