package dev.jtensor.autodiff;

import dev.jtensor.FailedPreconditionException;
import dev.jtensor.Index;
import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Operand;
import dev.jtensor.Settings;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import dev.jtensor.Variable;
import dev.jtensor.internal.Inputs;
import dev.jtensor.ops.Dispatch;
import dev.jtensor.ops.OpHook;
import dev.jtensor.ops.Primitive;
import dev.jtensor.ops.ReadVariable;
import dev.jtensor.ops.VariableHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Records operations for reverse-mode differentiation, like TensorFlow's {@code tf.GradientTape}.
 *
 * <p>A tape records from construction (or {@link #start()}) until {@link #close()} /
 * {@link #stop()}, on the thread that started it. It records an op when one of the op's inputs is
 * watched or was computed from a watched value. Trainable variables read while recording are
 * watched automatically (unless {@code watchAccessedVariables} is false); constants must be
 * {@link #watch}ed. Ops run outside the recording interval are not recorded, so their
 * contribution is treated as constant.
 *
 * {@snippet :
 * Variable w = new Variable(TF.randomNormal(2, 1)), b = new Variable(TF.zeros(1));
 * Tensor x = TF.constant(new float[][] {{1, 2}});
 * try (GradientTape tape = new GradientTape()) {
 *     Tensor y = TF.matmul(x, w).add(b);
 *     List<Tensor> grads = tape.gradient(y, List.of(w, b));   // [x^T, 1]
 * }
 * }
 *
 * <p>All active tapes on a thread record, so nesting them gives higher derivatives:
 * {@snippet :
 * Variable t = new Variable(TF.constant(5f));
 * try (GradientTape outer = new GradientTape()) {
 *     Tensor speed;
 *     try (GradientTape inner = new GradientTape()) {
 *         speed = inner.gradient(t.square().mul(4.9), t);      // 9.8 t = 49
 *     }
 *     Tensor acceleration = outer.gradient(speed, t);           // 9.8
 * }
 * }
 *
 * <p>A non-persistent tape (the default) answers one {@code gradient} or {@code jacobian} call
 * and then releases what it recorded; a persistent one answers any number.
 */
public final class GradientTape implements AutoCloseable {

    private final boolean persistent;
    private final boolean watchAccessedVariables;
    private final Recorder recorder = new Recorder();
    private Dispatch.Scope recording;
    private Thread owner;
    private int paused;
    private boolean used;

    private final Set<Tensor> tracked = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<VariableHandle, List<Tensor>> variableReads = new LinkedHashMap<>();
    /** The recorded ops; {@code needed} flags the inputs this tape tracks (only their gradients are computed). */
    private final List<Backprop.Node> nodes = new ArrayList<>();

    /** A non-persistent tape that watches accessed trainable variables; recording starts now. */
    public GradientTape() {
        this(false, true);
    }

    /**
     * A tape with TensorFlow's options; recording starts now.
     *
     * @param persistent             whether {@code gradient} may be called more than once
     * @param watchAccessedVariables whether trainable variables read while recording are watched
     */
    public GradientTape(boolean persistent, boolean watchAccessedVariables) {
        this(persistent, watchAccessedVariables, true);
    }

    private GradientTape(boolean persistent, boolean watchAccessedVariables, boolean recordNow) {
        this.persistent = persistent;
        this.watchAccessedVariables = watchAccessedVariables;
        if (recordNow) {
            start();
        }
    }

    /**
     * A tape that records nothing until {@link #start()}, as a TensorFlow tape before {@code __enter__};
     * {@link #stop()} is {@code __exit__}, and {@code gradient} works after it.
     *
     * {@snippet :
     * GradientTape tape = GradientTape.notRecording(false, true);
     * tape.start();
     * Tensor y = x.square();
     * tape.stop();
     * Tensor dy = tape.gradient(y, x);
     * }
     */
    public static GradientTape notRecording(boolean persistent, boolean watchAccessedVariables) {
        return new GradientTape(persistent, watchAccessedVariables, false);
    }

    /**
     * Starts (or resumes) recording on the current thread, TensorFlow's {@code __enter__}.
     *
     * @throws FailedPreconditionException if the tape is already recording
     */
    public GradientTape start() {
        if (recording != null) {
            throw new FailedPreconditionException("Tape is still recording. This can happen if you try to re-enter "
                    + "an already-active tape.");
        }
        owner = Thread.currentThread();
        recording = Dispatch.push(recorder);
        return this;
    }

    /** Stops recording, TensorFlow's {@code __exit__}; recorded ops stay available to {@code gradient}. */
    public void stop() {
        if (recording != null) {
            if (Thread.currentThread() != owner) {
                throw new FailedPreconditionException("a GradientTape must be stopped on the thread that started it ("
                        + owner.getName() + ")");
            }
            recording.close();
            recording = null;
        }
    }

    /** Same as {@link #stop()}, for try-with-resources. */
    @Override
    public void close() {
        stop();
    }

    /** Whether this tape is recording now. */
    public boolean isRecording() {
        return recording != null && paused == 0;
    }

    /** Whether this tape allows more than one {@code gradient} call. */
    public boolean persistent() {
        return persistent;
    }

    /**
     * Watches tensors or variables: ops computed from them are recorded. Variables are watched
     * whatever their trainable flag.
     */
    public void watch(Operand... values) {
        Inputs.nonNull(values, "GradientTape.watch", "values");
        Inputs.nonNullElements(Arrays.asList(values), "GradientTape.watch", "values");
        for (Operand value : values) {
            if (value instanceof Variable v) {
                watchVariable(v.handle(), v.handle().value());
            } else if (value != null) {
                tracked.add(value.asTensor());
            }
        }
    }

    /** Watches every tensor and variable in {@code values}. */
    public void watch(List<? extends Operand> values) {
        Inputs.nonNullElements(values, "GradientTape.watch", "values");
        watch(values.toArray(Operand[]::new));
    }

    /** The variables this tape has watched so far, in the order it first saw them. */
    public List<Variable> watchedVariables() {
        return variableReads.keySet().stream().map(VariableHandle::variable).toList();
    }

    /**
     * Pauses this tape until the returned scope closes (TensorFlow's {@code stop_recording}).
     *
     * @throws FailedPreconditionException if the tape is not recording
     */
    public AutoCloseable stopRecording() {
        if (recording == null) {
            throw new FailedPreconditionException("stopRecording: the tape is not recording");
        }
        paused++;
        boolean[] closed = {false};
        return () -> {
            if (!closed[0]) {
                closed[0] = true;
                paused--;
            }
        };
    }

    /** Forgets everything recorded and watched so far; the tape keeps recording if it was. */
    public void reset() {
        nodes.clear();
        tracked.clear();
        variableReads.clear();
        used = false;
    }

    // ------------------------------------------------------------------ gradients

    /** {@code d target / d source}: the gradient of the sum of {@code target}'s elements; null if unconnected. */
    public Tensor gradient(Operand target, Operand source) {
        Inputs.nonNull(source, "GradientTape.gradient", "source");
        return gradient(target, List.of(source), null, UnconnectedGradients.NONE).get(0);
    }

    /** Gradients of {@code target} for each source, in order (null entries for unconnected sources). */
    public List<Tensor> gradient(Operand target, List<? extends Operand> sources) {
        return gradient(target, sources, null, UnconnectedGradients.NONE);
    }

    /**
     * Gradients of {@code target} for each source.
     *
     * @param outputGradient the gradient of some scalar with respect to {@code target} (its shape),
     *                       or null for ones (the gradient of the sum, as TensorFlow)
     * @param unconnected    what to give for sources the target does not depend on; integer and
     *                       bool sources always give null, as they are not differentiable
     * @throws FailedPreconditionException on a second call to a non-persistent tape
     */
    public List<Tensor> gradient(Operand target, List<? extends Operand> sources, Operand outputGradient,
                                 UnconnectedGradients unconnected) {
        Inputs.nonNull(target, "GradientTape.gradient", "target");
        Inputs.nonNullElements(sources, "GradientTape.gradient", "sources");
        Inputs.nonNull(unconnected, "GradientTape.gradient", "unconnected");
        consume("gradient");
        Tensor y = target.asTensor();
        Map<Tensor, Tensor> grads = backward(y, seed(y, outputGradient));
        List<Tensor> out = new ArrayList<>();
        for (Operand source : sources) {
            out.add(gradientOf(source, grads, unconnected));
        }
        release();
        return Collections.unmodifiableList(out);
    }

    /**
     * The full Jacobian: shape {@code target.shape + source.shape}, element {@code [i..., j...]} being
     * {@code d target[i...] / d source[j...]}; null if unconnected.
     */
    public Tensor jacobian(Operand target, Operand source) {
        Inputs.nonNull(target, "GradientTape.jacobian", "target");
        Inputs.nonNull(source, "GradientTape.jacobian", "source");
        consume("jacobian");
        Tensor result = jacobianOf(target.asTensor(), source);
        release();
        return result;
    }

    /**
     * The Jacobian of each batch entry with its own source entry: for target {@code (b, y...)} and
     * source {@code (b, x...)}, shape {@code (b, y..., x...)}; entries of one batch row are assumed
     * not to depend on other rows' sources.
     */
    public Tensor batchJacobian(Operand target, Operand source) {
        Inputs.nonNull(target, "GradientTape.batchJacobian", "target");
        Inputs.nonNull(source, "GradientTape.batchJacobian", "source");
        consume("batchJacobian");
        Tensor y = target.asTensor();
        if (y.rank() == 0 || source.rank() == 0 || y.shape().get(0) != source.shape().get(0)) {
            throw new InvalidArgumentException("batchJacobian: target " + y.shape() + " and source " + source.shape()
                    + " need the same leading batch dimension");
        }
        Tensor full = jacobianOf(y, source);
        release();
        if (full == null) {
            return null;
        }
        int batch = y.shape().get(0);
        List<Tensor> rows = new ArrayList<>();
        try (var paused = pauseSelf()) {
            for (int b = 0; b < batch; b++) {
                // full.get(b) has shape (y..., b, x...) without the leading batch axis: pick row b of its batch axis
                Index[] items = new Index[y.rank()];
                for (int k = 0; k < items.length - 1; k++) items[k] = Index.all();
                items[items.length - 1] = Index.at(b);
                rows.add(full.get(b).get(items));
            }
            return TF.stack(rows, 0);
        }
    }

    private Tensor jacobianOf(Tensor y, Operand source) {
        if (!y.dtype().isFloating() || !source.dtype().isFloating()) {
            return null;
        }
        int n = y.size();
        List<Tensor> rows = new ArrayList<>();
        boolean connected = n == 0;
        for (int i = 0; i < n; i++) {
            Tensor oneHot;
            try (var paused = pauseSelf(); var device = Settings.withDevice(y.device())) {
                oneHot = TF.oneHot(TF.constant(i), n, 1, 0, -1, y.dtype()).reshape(y.shape().toArray());
            }
            Tensor row = gradientOf(source, backward(y, oneHot), UnconnectedGradients.NONE);
            connected |= row != null;
            rows.add(row);
        }
        if (!connected) {
            return null;
        }
        int[] shape = new int[y.rank() + source.rank()];
        System.arraycopy(y.shape().toArray(), 0, shape, 0, y.rank());
        System.arraycopy(source.shape().toArray(), 0, shape, y.rank(), source.rank());
        try (var paused = pauseSelf(); var device = Settings.withDevice(y.device())) {
            if (n == 0) {
                return TF.zeros(source.dtype(), shape);
            }
            rows.replaceAll(r -> r != null ? r : TF.zerosLike(source));
            return TF.stack(rows, 0).reshape(shape);
        }
    }

    private Tensor seed(Tensor y, Operand outputGradient) {
        try (var paused = pauseSelf()) {
            if (outputGradient == null) {
                return TF.onesLike(y);
            }
            Tensor g = outputGradient.asTensor();
            if (!g.shape().equals(y.shape()) || g.dtype() != y.dtype()) {
                throw new InvalidArgumentException("gradient: output gradient of shape " + g.shape() + " and dtype "
                        + g.dtype() + " does not match the target's shape " + y.shape() + " and dtype " + y.dtype());
            }
            return g;
        }
    }

    /** Walks the records backwards from {@code y}, returning the gradient of every tensor reached. */
    private Map<Tensor, Tensor> backward(Tensor y, Tensor seed) {
        if (!y.dtype().isFloating() || !tracked.contains(y)) {
            return new IdentityHashMap<>();
        }
        try (var paused = pauseSelf()) {
            return Backprop.gradients(nodes, y, seed);
        }
    }

    private Tensor gradientOf(Operand source, Map<Tensor, Tensor> grads, UnconnectedGradients unconnected) {
        if (!source.dtype().isFloating()) {
            return null;
        }
        Tensor g = null;
        try (var paused = pauseSelf()) {
            if (source instanceof Variable v) {
                for (Tensor read : variableReads.getOrDefault(v.handle(), List.of())) {
                    Tensor part = grads.get(read);
                    if (part != null) g = g == null ? part : g.add(part);
                }
            } else {
                g = grads.get(source.asTensor());
            }
            if (g == null && unconnected == UnconnectedGradients.ZERO) {
                g = TF.zerosLike(source);
            }
        }
        return g;
    }

    private void consume(String what) {
        if (used) {
            throw new FailedPreconditionException("A non-persistent GradientTape can only be used to compute one set "
                    + "of gradients (or jacobians); " + what + " was called again. Use new GradientTape(true, true) "
                    + "for a persistent tape.");
        }
        if (!persistent) {
            used = true;
        }
    }

    private void release() {
        if (!persistent) {
            nodes.clear();
            tracked.clear();
        }
    }

    // ------------------------------------------------------------------ recording

    private final class Recorder implements OpHook {
        @Override
        public void recorded(Primitive primitive, Tensor[] inputs, Tensor output) {
            if (paused > 0) {
                return;
            }
            if (primitive instanceof ReadVariable read) {
                VariableHandle v = read.variable();
                if (watchAccessedVariables && v.trainable()) {
                    watchVariable(v, output);
                }
                return;
            }
            record(primitive, inputs, output);
        }
    }

    private void record(Primitive primitive, Tensor[] inputs, Tensor output) {
        boolean depends = false;
        boolean[] needed = new boolean[inputs.length];
        for (int k = 0; k < inputs.length; k++) {
            if (inputs[k] == output) {
                return; // an op that hands back its input adds nothing to differentiate
            }
            needed[k] = tracked.contains(inputs[k]) && inputs[k].dtype().isFloating();
            depends |= needed[k];
        }
        if (depends) {
            nodes.add(new Backprop.Node(primitive, inputs.clone(), output, needed));
            tracked.add(output);
        }
    }

    private void watchVariable(VariableHandle v, Tensor value) {
        tracked.add(value);
        List<Tensor> reads = variableReads.computeIfAbsent(v, k -> new ArrayList<>());
        for (Tensor r : reads) {
            if (r == value) return;
        }
        reads.add(value);
    }

    private Scope pauseSelf() {
        paused++;
        return () -> paused--;
    }

    /** A scope that cannot fail to close. */
    interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
