package dev.jtensor.nn;

import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Operand;
import dev.jtensor.Tensor;
import dev.jtensor.nn.callbacks.Callback;
import dev.jtensor.nn.data.Dataset;
import dev.jtensor.nn.distribute.MirroredStrategy;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The keyword arguments of Keras's {@code fit}, as a small builder: epochs (1), batch size (32),
 * validation split or data, shuffling (on), callbacks, verbosity (1), and where progress goes.
 *
 * {@snippet :
 * History history = model.fit(x, y, FitOptions.epochs(10).batchSize(64).validationSplit(0.1).verbose(2));
 * }
 */
public final class FitOptions {

    int epochs = 1;
    int batchSize = 32;
    double validationSplit;
    List<Tensor> validationX;
    List<Tensor> validationY;
    Dataset validationDataset;
    boolean shuffle = true;
    Long seed;
    final List<Callback> callbacks = new ArrayList<>();
    int verbose = 1;
    PrintStream out = System.out;
    MirroredStrategy strategy;

    private FitOptions() {
    }

    /** Options with Keras's defaults (one epoch). */
    public static FitOptions defaults() {
        return new FitOptions();
    }

    /** Options for {@code epochs} epochs, the rest Keras's defaults. */
    public static FitOptions epochs(int epochs) {
        return new FitOptions().withEpochs(epochs);
    }

    /** The number of passes over the data (positive). */
    public FitOptions withEpochs(int n) {
        if (n <= 0) throw new InvalidArgumentException("fit: epochs must be positive, got " + n);
        this.epochs = n;
        return this;
    }

    /** Examples per step (positive; default 32). Ignored for a Dataset, which batches itself. */
    public FitOptions batchSize(int n) {
        if (n <= 0) throw new InvalidArgumentException("fit: batchSize must be positive, got " + n);
        this.batchSize = n;
        return this;
    }

    /**
     * Holds out the last {@code fraction} of the examples (before shuffling, as Keras) for validation;
     * in (0, 1), or 0 for none.
     */
    public FitOptions validationSplit(double fraction) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new InvalidArgumentException("fit: validationSplit must be in (0, 1) (or 0 for none), got " + fraction);
        }
        this.validationSplit = fraction;
        return this;
    }

    /** Validation examples of a single-input, single-output model. */
    public FitOptions validationData(Operand x, Operand y) {
        if (x == null || y == null) throw new InvalidArgumentException("fit: validationData got null");
        return validationData(List.of(x.asTensor()), List.of(y.asTensor()));
    }

    /** Validation examples: one tensor per model input and per output. */
    public FitOptions validationData(List<Tensor> x, List<Tensor> y) {
        if (x == null || y == null || x.stream().anyMatch(java.util.Objects::isNull) || y.stream().anyMatch(java.util.Objects::isNull)) {
            throw new InvalidArgumentException("fit: validationData got null");
        }
        this.validationX = List.copyOf(x);
        this.validationY = List.copyOf(y);
        return this;
    }

    /** Validation batches: a Dataset of {@code (x, y)} elements. */
    public FitOptions validationData(Dataset data) {
        if (data == null) throw new InvalidArgumentException("fit: validationData got null");
        this.validationDataset = data;
        return this;
    }

    /** Whether to shuffle the training examples before each epoch (default true). */
    public FitOptions shuffle(boolean on) {
        this.shuffle = on;
        return this;
    }

    /** The seed of the shuffling order; without one it is drawn from the global seed ({@code TF.setSeed}). */
    public FitOptions seed(long s) {
        this.seed = s;
        return this;
    }

    /** Adds callbacks (EarlyStopping, LearningRateScheduler, your own). */
    public FitOptions callbacks(Callback... callbacks) {
        if (callbacks == null) throw new InvalidArgumentException("FitOptions.callbacks: callbacks is null");
        for (int i = 0; i < callbacks.length; i++) {
            if (callbacks[i] == null) throw new InvalidArgumentException("FitOptions.callbacks: callbacks[" + i + "] is null");
        }
        this.callbacks.addAll(java.util.Arrays.asList(callbacks));
        return this;
    }

    /** 0: silent; 1: a progress bar per epoch; 2: one line per epoch. */
    public FitOptions verbose(int level) {
        if (level < 0 || level > 2) throw new InvalidArgumentException("fit: verbose must be 0, 1 or 2, got " + level);
        this.verbose = level;
        return this;
    }

    /** Where progress is printed (default {@code System.out}). */
    public FitOptions out(PrintStream stream) {
        if (stream == null) throw new InvalidArgumentException("fit: out is null");
        this.out = stream;
        return this;
    }

    /**
     * Runs each train step on the strategy's replicas (data parallelism on threads); null for one
     * replica on the calling thread (the default).
     */
    public FitOptions strategy(MirroredStrategy strategy) {
        this.strategy = strategy;
        return this;
    }
}
