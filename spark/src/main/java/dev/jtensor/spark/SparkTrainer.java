package dev.jtensor.spark;

import dev.jtensor.DType;
import dev.jtensor.FailedPreconditionException;
import dev.jtensor.InvalidArgumentException;
import dev.jtensor.TF;
import dev.jtensor.nn.Model;
import dev.jtensor.nn.Progbar;
import dev.jtensor.nn.callbacks.History;
import dev.jtensor.nn.checkpoint.Checkpoint;
import dev.jtensor.nn.checkpoint.CheckpointManager;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Synchronous data-parallel training over a Spark RDD of examples. Each step the driver broadcasts
 * the weights; every partition computes, on its chunk of the step's batch, the gradient of its
 * share of the batch's mean loss (on a replica of the model its executor keeps between steps); the
 * gradients are summed by a deterministic tree ({@link TreeSum}); the driver applies the model's
 * optimizer. The result equals training in one process on the same batches, up to float rounding
 * of the sum, and the same seed and partitioning give the same bits.
 *
 * {@snippet :
 * ModelFactory factory = () -> {
 *     Sequential m = new Sequential(new InputLayer(64), new Dense(32, "relu"), new Dense(10));
 *     m.compile(new Adam(0.01), new SparseCategoricalCrossentropy(true));
 *     return m;
 * };
 * JavaRDD<Example> data = ...;                 // 64 features and a class id per example
 * SparkTrainer trainer = new SparkTrainer(factory).targetDType(DType.INT32).batchSize(128).epochs(5);
 * History history = trainer.fit(data.persist(StorageLevel.MEMORY_AND_DISK()));
 * Model model = trainer.model();              // the driver's model, trained
 * }
 *
 * <p><b>Steps.</b> An epoch has {@code S = ceil(examples / batchSize)} steps of {@code floor} or
 * {@code ceil(examples / S)} examples (100 at batch 64: two of 50); each partition gives every step a
 * share in proportion to its size, a
 * contiguous run of its examples (shuffled per epoch and partition with the seed when shuffling is
 * on), so partitions of unequal size finish together ({@link StepPlan}).
 * Each step is one Spark job that reads every partition; the RDD should be persisted (a level with
 * disk, so an evicted block is not recomputed in another order), or it is recomputed at every step.
 * A partition whose examples or order change between jobs is detected (a checksum) and refused.
 *
 * <p><b>Failures.</b> A task is a pure function of the broadcast weights, its partition and the
 * step, so a task Spark retries gives the same gradient, which counts once. With {@link
 * #checkpoints} the driver saves the model and optimizer after every epoch and a new fit resumes
 * from the newest checkpoint (TensorFlow's {@code BackupAndRestore}).
 *
 * <p><b>Local SGD.</b> {@link #localSteps} trades the equality with one process for less traffic:
 * partitions train several steps alone between averagings of their models.
 *
 * <p><b>Limits.</b> Models of one input and one output, float32 weights, examples as flat arrays.
 * Compiled metrics are not computed over the RDD (use {@code model().evaluate} on a sample).
 */
public final class SparkTrainer {

    private final ModelFactory factory;
    private int epochs = 1;
    private int batchSize = 32;
    private boolean shuffle = true;
    private long seed = 0;
    private int[] featureShape;
    private DType targetDType = DType.FLOAT32;
    private int verbose = 1;
    private PrintStream out = System.out;
    private Path checkpointDirectory;
    private int checkpointsKept = 3;
    private int localSteps;
    private Model model;
    private Replica driver;
    private final String id = UUID.randomUUID().toString();   // names this trainer's replicas on executors

    /**
     * A trainer of the factory's model.
     *
     * @throws InvalidArgumentException if the factory is null or cannot be serialised (naming the
     *     class that cannot)
     */
    public SparkTrainer(ModelFactory factory) {
        if (factory == null) throw new InvalidArgumentException("SparkTrainer: factory is null");
        requireSerializable(factory);
        this.factory = factory;
    }

    /** Passes over the data (positive; default 1). */
    public SparkTrainer epochs(int n) {
        if (n <= 0) throw new InvalidArgumentException("SparkTrainer: epochs must be positive, got " + n);
        this.epochs = n;
        return this;
    }

    /** Examples per step over all partitions (positive; default 32). */
    public SparkTrainer batchSize(int n) {
        if (n <= 0) throw new InvalidArgumentException("SparkTrainer: batchSize must be positive, got " + n);
        this.batchSize = n;
        return this;
    }

    /** Shuffle each partition's examples every epoch (default on). */
    public SparkTrainer shuffle(boolean on) {
        this.shuffle = on;
        return this;
    }

    /** The seed of the shuffles and of the replicas' random draws (default 0). */
    public SparkTrainer seed(long s) {
        this.seed = s;
        return this;
    }

    /** Each example's input shape (default: a vector of the first example's length). */
    public SparkTrainer featureShape(int... shape) {
        if (shape == null) throw new InvalidArgumentException("SparkTrainer.featureShape: shape is null");
        if (Arrays.stream(shape).anyMatch(d -> d <= 0)) {
            throw new InvalidArgumentException("SparkTrainer: featureShape needs positive dimensions, got "
                    + Arrays.toString(shape));
        }
        this.featureShape = shape.clone();
        return this;
    }

    /** The dtype targets are cast to: FLOAT32 (default), or INT32/INT64 for class ids. */
    public SparkTrainer targetDType(DType dtype) {
        if (dtype == null) throw new InvalidArgumentException("SparkTrainer: targetDType is null");
        this.targetDType = dtype;
        return this;
    }

    /** Keras's verbosity: 0 silent, 1 a progress bar, 2 one line per epoch (default 1), printed to {@code out}. */
    public SparkTrainer verbose(int level, PrintStream out) {
        if (out == null) throw new InvalidArgumentException("SparkTrainer.verbose: out is null");
        if (level < 0 || level > 2) {
            throw new InvalidArgumentException("SparkTrainer: verbose must be 0, 1 or 2, got " + level);
        }
        this.verbose = level;
        this.out = out;
        return this;
    }

    /**
     * Local SGD: every {@code steps} steps (a round, one Spark job) instead of every step, each
     * partition trains on its own chunks with its replica's optimizer from the driver's weights and
     * optimizer state, and the driver takes their example-weighted mean (model averaging, with the
     * optimizer's slots averaged the same way). Traffic per step falls by {@code steps}; the result is
     * no longer that of one process (for plain SGD and one step per round it is, up to rounding).
     * 0, the default, averages gradients every step.
     */
    public SparkTrainer localSteps(int steps) {
        if (steps < 0) throw new InvalidArgumentException("SparkTrainer: localSteps must be >= 0, got " + steps);
        this.localSteps = steps;
        return this;
    }

    /**
     * Saves the model and optimizer after every epoch into {@code directory}, keeping the newest
     * {@code kept}; a fit restores the newest first and trains only the epochs it lacks (TensorFlow's
     * {@code BackupAndRestore}): {@code epochs(4)} after a run stopped at epoch 2 trains epochs 3 and
     * 4, and after a finished run nothing (it says so at verbose 1 and 2).
     */
    public SparkTrainer checkpoints(Path directory, int kept) {
        if (directory == null) throw new InvalidArgumentException("SparkTrainer.checkpoints: directory is null");
        if (kept < 1) throw new InvalidArgumentException("SparkTrainer: checkpoints needs kept >= 1, got " + kept);
        this.checkpointDirectory = directory;
        this.checkpointsKept = kept;
        return this;
    }

    /** The driver's model: trained by {@link #fit}; null before the first fit. */
    public Model model() {
        return model;
    }

    /**
     * Trains on the rows of a DataFrame: the feature columns (each a number or an array of numbers)
     * concatenated in order, the target column a number (a class id or value) or an array. The
     * rows are converted once and persisted (memory, then disk) for the fit.
     *
     * {@snippet :
     * Dataset<Row> df = spark.read().parquet("digits.parquet");     // pixels: array<float>, label: int
     * trainer.targetDType(DType.INT32).fit(df, List.of("pixels"), "label");
     * }
     *
     * @throws InvalidArgumentException if a column is missing (the Dataset's columns are named) or not
     *     numeric, or as {@link #fit(JavaRDD)}
     */
    public History fit(Dataset<Row> data, List<String> featureColumns, String targetColumn) {
        JavaRDD<Example> examples = Rows.examples(data, featureColumns, targetColumn).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            return fit(examples);
        } finally {
            examples.unpersist(false);
        }
    }

    /**
     * Trains on {@code data}; returns the mean loss per epoch ({@code history().get("loss")}).
     *
     * @throws InvalidArgumentException if the RDD is null or empty, or its examples' feature or target
     *     lengths differ (naming the partitions and lengths found) or do not fit the feature shape
     */
    public History fit(JavaRDD<Example> data) {
        if (data == null) throw new InvalidArgumentException("SparkTrainer.fit: data is null");
        try {
            return train(data);
        } catch (SparkException e) {   // train declares it: Spark's Java API throws it undeclared
            throw causeOf(e);
        } finally {
            JavaSparkContext.fromSparkContext(data.context()).setJobDescription(null);
        }
    }

    /** Our own error from inside a task, named as itself rather than as Spark's job failure. */
    private static RuntimeException causeOf(SparkException e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof InvalidArgumentException) {
                return new InvalidArgumentException(t.getMessage() + " (in a Spark task)", e);
            }
            if (t instanceof FailedPreconditionException) {
                FailedPreconditionException f = new FailedPreconditionException(t.getMessage() + " (in a Spark task)");
                f.initCause(e);
                return f;
            }
        }
        return new IllegalStateException("SparkTrainer.fit: a Spark job failed: " + e.getMessage(), e);
    }

    private History train(JavaRDD<Example> data) throws SparkException {
        PartitionStats stats = PartitionStats.of(data);
        Replica.Shapes shapes = new Replica.Shapes(featureShape(stats), stats.targetLength() == 1 ? new int[0]
                : new int[] {stats.targetLength()}, targetDType);
        if (driver == null) {
            driver = new Replica(factory, shapes);
            model = driver.model;
        } else if (!driver.shapes.sameAs(shapes)) {
            throw new InvalidArgumentException("SparkTrainer.fit: this trainer's model was built for examples of "
                    + driver.shapes + "; these have " + shapes);
        }
        StepPlan plan = new StepPlan(stats.sizes(), stats.checksums(), batchSize, shuffle, seed);
        CheckpointManager manager = checkpointDirectory == null ? null
                : new CheckpointManager(Checkpoint.of(model, model.optimizer()), checkpointDirectory, checkpointsKept);
        int firstEpoch = 0;
        if (manager != null && manager.restoreLatest().isPresent()) {
            long done = model.optimizer().iterations().asTensor().longValue();
            if (done % plan.steps() != 0) {
                throw new InvalidArgumentException("SparkTrainer.fit: the newest checkpoint in " + checkpointDirectory
                        + " holds " + done + " steps, not a whole number of this data's " + plan.steps() + "-step epochs;"
                        + " resume with the data and batch size it was made with, or use another directory");
            }
            firstEpoch = (int) Math.min(epochs, done / plan.steps());
            if (firstEpoch == epochs && verbose > 0) {
                out.println("SparkTrainer: the newest checkpoint in " + checkpointDirectory + " already holds " + done / plan.steps()
                        + " epochs (" + epochs + " asked for); nothing to train");
            }
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(data.context());
        TrainingRun run = new TrainingRun(id + shapes, factory, shapes, plan, seed);
        History history = new History();
        history.setModel(model);
        history.onTrainBegin();
        for (int epoch = firstEpoch; epoch < epochs; epoch++) {
            if (verbose > 0) out.println("Epoch " + (epoch + 1) + "/" + epochs);
            Progbar bar = new Progbar(plan.steps(), verbose, out);
            double lossSum = 0;
            long seen = 0;
            for (int step = 0; step < plan.steps(); ) {
                int span = localSteps == 0 ? 1 : Math.min(localSteps, plan.steps() - step);
                jsc.setJobDescription("jtensor fit: epoch " + (epoch + 1) + ", step " + (step + span) + "/" + plan.steps());
                double[] lossAndExamples = localSteps == 0
                        ? gradientStep(jsc, data, run, epoch, step)
                        : localRound(jsc, data, run, epoch, step, span);
                lossSum += lossAndExamples[0];
                seen += (long) lossAndExamples[1];
                step += span;
                bar.update(step, Map.of("loss", lossSum / seen));
            }
            Map<String, Double> logs = new LinkedHashMap<>();
            logs.put("loss", lossSum / seen);
            bar.finish(plan.steps(), logs);
            history.onEpochEnd(epoch, logs);
            if (manager != null) manager.save();
        }
        return history;
    }

    /** One synchronous step: the gradients averaged, the driver's optimizer applied; returns {loss x examples, examples}. */
    private double[] gradientStep(JavaSparkContext jsc, JavaRDD<Example> data, TrainingRun run, int epoch, int step) {
        Broadcast<float[]> weights = jsc.broadcast(driver.weights());
        try {
            float[] sums = TreeSum.sum(data.mapPartitionsWithIndex(new StepTask(run, weights, epoch, step), true));
            double loss = driver.step.apply(TF.constant(sums)).doubleValue();
            long n = run.plan().examples(step);
            return new double[] {loss * n, n};
        } finally {
            weights.destroy();
        }
    }

    /**
     * One round of local SGD: every partition trains {@code span} steps on its own from the driver's
     * weights and optimizer state, which then become the partitions' example-weighted mean.
     */
    private double[] localRound(JavaSparkContext jsc, JavaRDD<Example> data, TrainingRun run, int epoch, int firstStep,
                                int span) {
        float[] weights = driver.weights(), optimizer = driver.optimizerState();
        float[] state = Arrays.copyOf(weights, weights.length + optimizer.length);
        System.arraycopy(optimizer, 0, state, weights.length, optimizer.length);
        long iterations = model.optimizer().iterations().asTensor().longValue();
        Broadcast<float[]> broadcast = jsc.broadcast(state);
        try {
            float[] sums = TreeSum.sum(data.mapPartitionsWithIndex(
                    new RoundTask(run, broadcast, iterations, epoch, firstStep, span), true));
            long examples = 0;   // exact, from the plan (the partitions' counts travel as floats)
            for (int step = firstStep; step < firstStep + span; step++) examples += run.plan().examples(step);
            float[] mean = new float[sums.length - 2];
            for (int i = 0; i < mean.length; i++) mean[i] = sums[2 + i] / examples;
            driver.setState(mean, iterations + span);
            return new double[] {sums[0], examples};
        } finally {
            broadcast.destroy();
        }
    }

    private int[] featureShape(PartitionStats stats) {
        int[] shape = featureShape != null ? featureShape : new int[] {stats.featureLength()};
        if (Arrays.stream(shape).reduce(1, (a, b) -> a * b) != stats.featureLength()) {
            throw new InvalidArgumentException("SparkTrainer: featureShape " + Arrays.toString(shape) + " does not hold the "
                    + stats.featureLength() + " features of each example");
        }
        return shape;
    }

    /** Serialises the factory as Spark will, so that a closure over something unserialisable fails here, by name. */
    private static void requireSerializable(ModelFactory factory) {
        try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream())) {
            out.writeObject(factory);
        } catch (NotSerializableException e) {
            throw new InvalidArgumentException("SparkTrainer: the model factory cannot be sent to executors: it holds a "
                    + e.getMessage() + ", which is not Serializable (build such values inside create())", e);
        } catch (IOException e) {
            throw new InvalidArgumentException("SparkTrainer: the model factory cannot be serialised: " + e, e);
        }
    }

    /** The number of examples in every partition, checked to share one feature length and one target length. */
    record PartitionStats(int[] sizes, long[] checksums, int featureLength, int targetLength) {

        static PartitionStats of(JavaRDD<Example> data) {
            List<long[]> found = data.mapPartitionsWithIndex(PartitionStats::scan, true).collect();
            int[] sizes = new int[data.getNumPartitions()];
            long[] checksums = new long[sizes.length];
            List<String> lengths = new ArrayList<>();
            long features = -1, targets = -1;
            boolean mixed = false;
            for (long[] f : found) {   // {partition, count, featureLength, targetLength, mixed, checksum}
                sizes[(int) f[0]] = (int) f[1];
                checksums[(int) f[0]] = f[5];
                if (f[1] == 0) continue;
                lengths.add("partition " + f[0] + ": " + f[2] + " features, " + f[3] + " target values"
                        + (f[4] != 0 ? " (and other lengths)" : ""));
                mixed |= f[4] != 0 || (features >= 0 && (f[2] != features || f[3] != targets));
                features = f[2];
                targets = f[3];
            }
            if (features < 0) throw new InvalidArgumentException("SparkTrainer.fit: the RDD has no examples");
            if (mixed) {
                throw new InvalidArgumentException("SparkTrainer.fit: examples differ in shape between or within partitions: "
                        + String.join("; ", lengths));
            }
            if (features == 0 || targets == 0) {
                throw new InvalidArgumentException("SparkTrainer.fit: examples need features and a target, found "
                        + features + " features and " + targets + " target values");
            }
            return new PartitionStats(sizes, checksums, (int) features, (int) targets);
        }

        private static Iterator<long[]> scan(Integer partition, Iterator<Example> examples) {
            long count = 0, features = -1, targets = -1, mixed = 0, checksum = TrainingRun.CHECKSUM_START;
            while (examples.hasNext()) {
                Example e = examples.next();
                checksum = TrainingRun.checksum(checksum, e);
                if (count == 0) {
                    features = e.features().length;
                    targets = e.target().length;
                } else if (e.features().length != features || e.target().length != targets) {
                    mixed = 1;
                }
                count++;
            }
            if (count > Integer.MAX_VALUE) {
                throw new IllegalStateException("SparkTrainer: partition " + partition + " holds more than 2^31 examples");
            }
            return List.of(new long[] {partition, count, features, targets, mixed, checksum}).iterator();
        }
    }
}
