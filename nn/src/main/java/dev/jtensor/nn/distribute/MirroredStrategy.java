package dev.jtensor.nn.distribute;

import dev.jtensor.DType;
import dev.jtensor.Index;
import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Settings;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import dev.jtensor.accel.Parallel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Synchronous data parallelism on one machine (TensorFlow's {@code MirroredStrategy}): each step's
 * batch is split into one shard per replica, the replicas compute their gradients at once on their
 * own threads, the gradients are summed (an all-reduce, in replica order, so the result does not
 * depend on which thread finishes first) and one update is applied. The replicas read the same
 * variables, so there is one copy of the weights; state that training moves (BatchNormalization's
 * moving statistics) is recorded by each replica and assigned as the replicas' example-weighted
 * mean ({@link ReplicaContext}).
 *
 * <p>A step's loss and gradients are those of the whole batch, as one replica would compute them,
 * up to float rounding (the sum runs in another order), for a loss that averages over the batch
 * (Keras's default reduction; others are refused); layers that use batch statistics
 * (BatchNormalization) see each shard's statistics, as in TensorFlow. Each replica draws its random
 * values (Dropout) from a seed drawn from the calling thread's sequence, so runs under a set seed
 * repeat. Replica threads take the caller's NumPy-behaviour and device settings.
 *
 * {@snippet :
 * model.fit(x, y, FitOptions.epochs(5).batchSize(64).strategy(new MirroredStrategy(2)));
 * }
 *
 * <p>With several replicas each runs its kernels on its own thread (one core per replica) rather
 * than on the shared kernel pool. The replica threads are daemon threads that end after 30 seconds
 * idle; nothing needs closing.
 * fit's train steps run on the replicas; evaluation and prediction run on the calling thread.
 */
public final class MirroredStrategy {

    private final int replicas;
    private final ExecutorService threads;

    /** A strategy of one replica per available processor. */
    public MirroredStrategy() {
        this(Runtime.getRuntime().availableProcessors());
    }

    /**
     * A strategy of {@code replicas} replicas.
     *
     * @throws InvalidArgumentException if {@code replicas} is not positive
     */
    public MirroredStrategy(int replicas) {
        if (replicas <= 0) {
            throw new InvalidArgumentException("MirroredStrategy: replicas must be positive, got " + replicas);
        }
        this.replicas = replicas;
        ThreadPoolExecutor pool = new ThreadPoolExecutor(Math.max(1, replicas - 1), Math.max(1, replicas - 1), 30,
                TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "jtensor-replica");
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        this.threads = pool;
    }

    /** The number of replicas (TensorFlow's {@code num_replicas_in_sync}). */
    public int numReplicasInSync() {
        return replicas;
    }

    /** A step's loss (of the whole batch) and, for a single-output model, its predictions for the batch (null otherwise). */
    public record StepResult(Tensor loss, Tensor predictions) {
        /** @throws InvalidArgumentException if the loss is null */
        public StepResult {
            if (loss == null) throw new InvalidArgumentException("MirroredStrategy.StepResult: loss is null");
        }
    }

    /**
     * One synchronous step over a batch: shards of as equal size as possible (a batch smaller than the
     * number of replicas uses fewer), parts computed on the replicas, summed in replica order, applied.
     *
     * @throws InvalidArgumentException if the batch is empty or the inputs and targets differ in length
     */
    public StepResult run(ReplicaStep step, List<Tensor> x, List<Tensor> y) {
        if (step == null || x == null || y == null) {
            throw new InvalidArgumentException("MirroredStrategy.run: " + (step == null ? "step" : x == null ? "x" : "y")
                    + " is null");
        }
        if (x.isEmpty() || y.isEmpty() || ReplicaStep.hasNull(x) || ReplicaStep.hasNull(y)) {
            throw new InvalidArgumentException("MirroredStrategy.run: x and y need one tensor per model input and output,"
                    + " got " + x.size() + " and " + y.size() + (ReplicaStep.hasNull(x) || ReplicaStep.hasNull(y) ? " with a null" : ""));
        }
        int n = x.get(0).rank() == 0 ? 0 : (int) x.get(0).shape().get(0);
        for (Tensor t : concat(x, y)) {
            if (t.rank() == 0 || t.shape().get(0) != n) {
                throw new InvalidArgumentException("MirroredStrategy.run: every input and target needs the batch's "
                        + n + " examples first, got " + t.shape());
            }
        }
        if (n == 0) throw new InvalidArgumentException("MirroredStrategy.run: the batch is empty");
        int shards = Math.min(replicas, n);
        long seed = TF.randomUniform(new int[0], 0, Long.MAX_VALUE, DType.INT64, null).longValue();
        boolean numpy = Settings.numpyBehavior();   // the caller's thread settings, for every replica thread
        dev.jtensor.accel.Device device = Settings.device();
        List<CompletableFuture<ReplicaStep.Part>> parts = new ArrayList<>();
        for (int r = 0, start = 0; r < shards; r++) {
            int end = start + n / shards + (r < n % shards ? 1 : 0);
            List<Tensor> xs = slice(x, start, end), ys = slice(y, start, end);
            long replicaSeed = seed + r;
            boolean alone = shards > 1;
            if (r < shards - 1) {
                parts.add(CompletableFuture.supplyAsync(() -> {
                    try (var np = Settings.withNumpyBehavior(numpy); var d = Settings.withDevice(device)) {
                        return compute(step, xs, ys, n, replicaSeed, alone);
                    }
                }, threads));
            } else {   // the calling thread is the last replica
                parts.add(CompletableFuture.supplyAsync(() -> compute(step, xs, ys, n, replicaSeed, alone), Runnable::run));
            }
            start = end;
        }
        // every replica ends before anything is rethrown or applied: none may still read the variables then
        CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).handle((v, e) -> null).join();
        List<Tensor> sums = new ArrayList<>();
        List<Tensor> predictions = new ArrayList<>();
        for (CompletableFuture<ReplicaStep.Part> f : parts) {
            ReplicaStep.Part part = join(f);
            sums.add(part.sums());
            if (part.predictions() != null) predictions.add(part.predictions());
        }
        Tensor loss = step.applyAll(sums);   // summed in replica order inside the traced update
        return new StepResult(loss, predictions.isEmpty() ? null
                : predictions.size() == 1 ? predictions.get(0) : TF.concat(predictions, 0));
    }

    /** One replica's part; with other replicas running, its kernels stay on its own thread (one core each). */
    private static ReplicaStep.Part compute(ReplicaStep step, List<Tensor> x, List<Tensor> y, long n, long seed,
                                            boolean alone) {
        try (var scope = Settings.withSeed(seed)) {
            return alone ? Parallel.alone(() -> step.compute(x, y, n)) : step.compute(x, y, n);
        }
    }

    private static ReplicaStep.Part join(CompletableFuture<ReplicaStep.Part> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw e;
        }
    }

    private static List<Tensor> slice(List<Tensor> xs, int start, int end) {
        return xs.stream().map(t -> t.get(Index.range(start, end))).toList();
    }

    private static List<Tensor> concat(List<Tensor> a, List<Tensor> b) {
        List<Tensor> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    @Override
    public String toString() {
        return "MirroredStrategy(" + replicas + " replicas)";
    }
}
