package dev.jtensor.bench;

import dev.jtensor.DType;
import dev.jtensor.Settings;
import dev.jtensor.Tensor;
import dev.jtensor.nn.FitOptions;
import dev.jtensor.nn.Model;
import dev.jtensor.nn.Sequential;
import dev.jtensor.nn.callbacks.History;
import dev.jtensor.nn.layers.Dense;
import dev.jtensor.nn.layers.InputLayer;
import dev.jtensor.nn.losses.CategoricalCrossentropy;
import dev.jtensor.nn.optimizers.SGD;
import dev.jtensor.spark.Example;
import dev.jtensor.spark.SparkTrainer;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The 784-256-10 MLP of {@link TrainingStepBenchmark} at batch 64 with SGD, trained by {@link
 * SparkTrainer} on {@code local[2]} over an RDD of two persisted partitions ({@code sparkFitStep}:
 * each step a Spark job: the weights broadcast, two tasks of 32 examples, the tree sum, the update
 * on the driver), next to {@code fit} of the same data in the same JVM ({@code inProcessFitStep}).
 * The difference per step is the Spark trainer's overhead. Built only under {@code -Pspark}; run
 * with Spark on the class path and its JVM options (see bench/RESULTS.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-XX:+IgnoreUnrecognizedVMOptions", "--add-opens=java.base/java.lang=ALL-UNNAMED",
        "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED", "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
        "--add-opens=java.base/java.io=ALL-UNNAMED", "--add-opens=java.base/java.net=ALL-UNNAMED",
        "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/java.util=ALL-UNNAMED",
        "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
        "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
        "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
        "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED", "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
        "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED"})
public class SparkStepBenchmark {

    static final int STEPS = 16;

    private JavaSparkContext jsc;
    private JavaRDD<Example> data;
    private SparkTrainer trainer;
    private Model inProcess;
    private Tensor x;
    private Tensor y;

    static Model mlp() {
        try (var seed = Settings.withSeed(1)) {
            Sequential m = new Sequential(new InputLayer(TrainingData.INPUTS), new Dense(TrainingData.HIDDEN, "relu"),
                    new Dense(TrainingData.CLASSES));
            m.compile(new SGD(TrainingData.LEARNING_RATE), new CategoricalCrossentropy(true));
            return m;
        }
    }

    /** Example {@code i}: features in [0, 1) and a one-hot class, drawn from {@code i} alone. */
    static Example example(int i) {
        SplittableRandom random = new SplittableRandom(i);
        float[] f = new float[TrainingData.INPUTS], t = new float[TrainingData.CLASSES];
        for (int k = 0; k < f.length; k++) f[k] = (float) random.nextDouble();
        t[random.nextInt(t.length)] = 1;
        return new Example(f, t);
    }

    @Setup(Level.Trial)
    public void setUp() {
        int n = STEPS * TrainingData.BATCH;
        List<Integer> ids = IntStream.range(0, n).boxed().toList();
        jsc = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("SparkStepBenchmark")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1"));
        jsc.setLogLevel("WARN");
        // the examples are made on the executors from their ids, so tasks do not carry them (parallelize
        // of the examples themselves would ship each partition's 1.6 MB with every step's tasks)
        data = jsc.parallelize(ids, 2).map(SparkStepBenchmark::example).persist(StorageLevel.MEMORY_AND_DISK());
        data.count();
        trainer = new SparkTrainer(SparkStepBenchmark::mlp).targetDType(DType.FLOAT32).batchSize(TrainingData.BATCH)
                .shuffle(false).verbose(0, System.out);
        // in this JVM, each step's batch as the Spark trainer makes it: 32 examples of each partition
        float[] xs = new float[n * TrainingData.INPUTS], ys = new float[n * TrainingData.CLASSES];
        int row = 0;
        for (int step = 0; step < STEPS; step++) {
            for (int p = 0; p < 2; p++) {
                for (int k = 0; k < TrainingData.BATCH / 2; k++, row++) {
                    Example e = example(p * n / 2 + step * TrainingData.BATCH / 2 + k);
                    System.arraycopy(e.features(), 0, xs, row * TrainingData.INPUTS, TrainingData.INPUTS);
                    System.arraycopy(e.target(), 0, ys, row * TrainingData.CLASSES, TrainingData.CLASSES);
                }
            }
        }
        x = dev.jtensor.TF.constant(xs).reshape(n, TrainingData.INPUTS);
        y = dev.jtensor.TF.constant(ys).reshape(n, TrainingData.CLASSES);
        inProcess = mlp();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        jsc.stop();
    }

    /** One epoch of {@link #STEPS} steps on Spark. */
    @Benchmark
    @OperationsPerInvocation(STEPS)
    public History sparkFitStep() {
        return trainer.fit(data);
    }

    /** The same epoch by {@code fit} in this JVM. */
    @Benchmark
    @OperationsPerInvocation(STEPS)
    public History inProcessFitStep() {
        return inProcess.fit(x, y, FitOptions.epochs(1).batchSize(TrainingData.BATCH).shuffle(false).verbose(0));
    }
}
