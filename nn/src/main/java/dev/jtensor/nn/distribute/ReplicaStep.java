package dev.jtensor.nn.distribute;

import dev.jtensor.DType;
import dev.jtensor.FailedPreconditionException;
import dev.jtensor.Index;
import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Shape;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import dev.jtensor.Variable;
import dev.jtensor.autodiff.GradientTape;
import dev.jtensor.graph.TracedFunction;
import dev.jtensor.nn.Model;
import dev.jtensor.nn.losses.Reduction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One replica's part of a synchronous data-parallel train step, and the step's update once the
 * parts are summed. A replica computes, on its shard of a global batch, one flat vector:
 * {@code [loss, gradients..., states...]}, each scaled by the shard's share of the global batch
 * (its examples over the batch's), so the sum of the replicas' vectors holds the global batch's mean
 * loss, its gradients, and the example-weighted mean of the replicas' state updates
 * ({@link ReplicaContext}). {@link #apply} hands the summed gradients to the model's optimizer and
 * assigns the states. {@link MirroredStrategy} runs replicas on threads; the Spark trainer runs
 * them on executors.
 *
 * <p>The computation is traced once per shard signature, and the update once (both eager when the
 * model runs eagerly). All
 * trainable variables must share one floating dtype, the dtype of the flat vectors.
 *
 * {@snippet :
 * ReplicaStep step = ReplicaStep.of(model);                    // a compiled, built model
 * ReplicaStep.Part a = step.compute(xs0, ys0, 64);            // 32 of the batch's 64 examples
 * ReplicaStep.Part b = step.compute(xs1, ys1, 64);            // the other 32
 * Tensor loss = step.apply(a.sums().add(b.sums()));           // one optimizer update
 * }
 */
public final class ReplicaStep {

    private final Model model;
    private final List<Variable> trainable;
    private final DType dtype;
    private TracedFunction traced;   // made on the first compute, for its numbers of inputs and targets
    private final Map<Integer, TracedFunction> applyTraced = new HashMap<>();   // by number of parts
    private int inputs;
    private int targets;
    private Layout layout;

    private ReplicaStep(Model model) {
        this.model = model;
        model.optimizer();   // refuses an uncompiled model, naming it
        this.trainable = model.trainableVariables();
        if (trainable.isEmpty()) {
            throw new InvalidArgumentException("ReplicaStep: model \"" + model.name() + "\" has no trainable variables"
                    + " (build it first, by calling it once)");
        }
        this.dtype = trainable.get(0).dtype();
        for (Variable v : trainable) {
            if (v.dtype() != dtype || !dtype.isFloating()) {
                throw new InvalidArgumentException("ReplicaStep: model \"" + model.name() + "\" has trainable variables "
                        + v.name() + " of " + v.dtype() + " and " + trainable.get(0).name() + " of " + dtype
                        + "; replicas need one floating dtype for all");
            }
        }
        Reduction reduction = model.loss().reduction();
        if (reduction != Reduction.SUM_OVER_BATCH_SIZE) {
            // a shard's share of the batch's mean is its mean times its fraction of the examples; a SUM or NONE
            // loss does not split that way
            throw new InvalidArgumentException("ReplicaStep: model \"" + model.name() + "\" has loss "
                    + model.loss().name() + " with reduction " + reduction + "; replicas need SUM_OVER_BATCH_SIZE (the default)");
        }
    }

    /**
     * The replica step of a compiled model whose variables exist (fit builds the model before its
     * first step; otherwise call the model once).
     *
     * @throws InvalidArgumentException if the model is null, not compiled, has no trainable variables
     *     yet, mixes variable dtypes, or its loss does not reduce by SUM_OVER_BATCH_SIZE
     */
    public static ReplicaStep of(Model model) {
        if (model == null) throw new InvalidArgumentException("ReplicaStep.of: model is null");
        return new ReplicaStep(model);
    }

    /** The dtype of the flat vectors (the trainable variables' dtype). */
    public DType dtype() {
        return dtype;
    }

    /** The trainable variables, in the order of the gradients in the flat vectors. */
    public List<Variable> trainableVariables() {
        return trainable;
    }

    /**
     * One replica's part: {@code sums} is the flat {@code [loss, gradients..., states...]} scaled by
     * {@code examples / globalExamples}; {@code predictions} is the replica's output for its shard
     * (single-output models; null otherwise), unscaled, for metrics.
     */
    public record Part(Tensor sums, Tensor predictions) {
        /** @throws InvalidArgumentException if the sums are null */
        public Part {
            if (sums == null) throw new InvalidArgumentException("ReplicaStep.Part: sums is null");
        }
    }

    /**
     * Computes one replica's part on {@code x, y} (one tensor per model input and output, the same
     * number of examples), a shard of a global batch of {@code globalExamples} examples.
     *
     * @throws InvalidArgumentException if the shard is empty or larger than the global batch, or the
     *     data does not fit the model
     */
    public Part compute(List<Tensor> x, List<Tensor> y, long globalExamples) {
        if (x == null || y == null) {
            throw new InvalidArgumentException("ReplicaStep.compute: " + (x == null ? "x" : "y") + " is null");
        }
        if (x.isEmpty() || y.isEmpty() || hasNull(x) || hasNull(y)) {
            throw new InvalidArgumentException("ReplicaStep.compute: x and y need one tensor per model input and output,"
                    + " got " + x.size() + " and " + y.size() + (hasNull(x) || hasNull(y) ? " with a null" : ""));
        }
        long examples = x.get(0).rank() == 0 ? 0 : x.get(0).shape().get(0);
        if (examples <= 0 || examples > globalExamples) {
            throw new InvalidArgumentException("ReplicaStep.compute: a shard of " + examples + " examples (x "
                    + x.get(0).shape() + ") of a global batch of " + globalExamples);
        }
        Tensor scale = TF.constant((double) examples / globalExamples).cast(dtype);
        Tensor flat;
        if (model.runsEagerly()) {
            flat = body(x, y, scale);
        } else {
            List<Tensor> all = new ArrayList<>(x);
            all.addAll(y);
            all.add(scale);
            flat = traced(x.size(), y.size()).call(all.toArray(Tensor[]::new));
        }
        Layout l = layout();
        Tensor sums = flat.get(Index.range(0, l.sumLength));
        Tensor predictions = null;
        if (l.predictionShape != null) {
            int[] shape = l.predictionShape.clone();
            shape[0] = (int) examples;
            predictions = flat.get(Index.range(l.sumLength, (int) flat.shape().get(0))).reshape(shape);
        }
        return new Part(sums, predictions);
    }

    /** The traced step; the first call fixes the numbers of inputs and targets. */
    private synchronized TracedFunction traced(int nx, int ny) {
        if (traced == null) {
            inputs = nx;
            targets = ny;
            traced = TracedFunction.ofList(nx + ny + 1,
                    all -> body(all.subList(0, nx), all.subList(nx, nx + ny), all.get(nx + ny))).named("replica_step");
        } else if (inputs != nx || targets != ny) {
            throw new InvalidArgumentException("ReplicaStep.compute: model \"" + model.name() + "\" was given " + inputs
                    + " inputs and " + targets + " targets before, now " + nx + " and " + ny);
        }
        return traced;
    }

    /**
     * Applies a step from the sum of every replica's {@link Part#sums()}: the optimizer's update with
     * the summed gradients, then the summed (mean) states assigned. Returns the step's loss.
     *
     * @throws InvalidArgumentException if {@code sums} is not a flat vector of this step's layout
     * @throws FailedPreconditionException if no part was computed yet (the layout comes from the first)
     */
    public Tensor apply(Tensor sums) {
        if (sums == null) throw new InvalidArgumentException("ReplicaStep.apply: sums is null");
        return applyAll(List.of(sums));
    }

    /**
     * Applies a step from the replicas' parts' sums themselves, added in list order inside the
     * traced update (no separate pass over the vectors). Returns the step's loss.
     *
     * @throws InvalidArgumentException if the list is empty or a vector is not of this step's layout
     * @throws FailedPreconditionException if no part was computed yet (the layout comes from the first)
     */
    public Tensor applyAll(List<Tensor> parts) {
        Layout l = layout();
        if (parts == null) throw new InvalidArgumentException("ReplicaStep.applyAll: parts is null");
        if (parts.isEmpty()) throw new InvalidArgumentException("ReplicaStep.applyAll: no parts given");
        for (Tensor sums : parts) {
            if (sums == null || sums.rank() != 1 || sums.shape().get(0) != l.sumLength || sums.dtype() != dtype) {
                throw new InvalidArgumentException("ReplicaStep.apply: expected a " + dtype + " vector of " + l.sumLength
                        + " values, got " + (sums == null ? "null" : sums.dtype() + " " + sums.shape()));
            }
        }
        if (model.runsEagerly()) return applyBody(sum(parts), l);
        return applyTraced(parts.size()).call(parts.toArray(Tensor[]::new));
    }

    private synchronized TracedFunction applyTraced(int count) {
        return applyTraced.computeIfAbsent(count, k -> TracedFunction.ofList(k, parts -> applyBody(sum(parts), layout()))
                .named("apply_step"));
    }

    private static Tensor sum(List<Tensor> parts) {
        Tensor total = parts.get(0);
        for (int i = 1; i < parts.size(); i++) total = total.add(parts.get(i));
        return total;
    }

    /** The optimizer's update from the summed gradients, the states assigned; returns the loss. */
    private Tensor applyBody(Tensor sums, Layout l) {
        List<Tensor> grads = new ArrayList<>();
        int offset = 1;
        for (int i = 0; i < trainable.size(); i++) {
            Variable v = trainable.get(i);
            if (!l.hasGradient[i]) {
                grads.add(null);
                continue;
            }
            grads.add(piece(sums, offset, v.shape()));
            offset += (int) v.shape().size();
        }
        model.optimizer().applyGradients(grads, trainable);
        for (Variable v : l.states) {
            v.assign(piece(sums, offset, v.shape()).cast(v.dtype()));
            offset += (int) v.shape().size();
        }
        return sums.get(0);
    }

    /** The number of values in a part's sums: 1 (the loss), the gradients', the states'. */
    public int sumLength() {
        return layout().sumLength;
    }

    private static Tensor piece(Tensor flat, int offset, Shape shape) {
        int[] dims = new int[shape.rank()];
        for (int i = 0; i < dims.length; i++) dims[i] = (int) shape.get(i);
        return flat.get(Index.range(offset, offset + (int) shape.size())).reshape(dims);
    }

    /** Forward on a tape, loss, gradients; the state updates recorded, not assigned; all flat and scaled. */
    private Tensor body(List<Tensor> x, List<Tensor> y, Tensor scale) {
        ReplicaContext.Recorded<List<Tensor>> run = ReplicaContext.record(() -> {
            try (GradientTape tape = new GradientTape()) {
                List<Tensor> predictions = model.callAll(x, true);
                Tensor loss = model.computeLoss(y, predictions);
                List<Tensor> out = new ArrayList<>();
                out.add(loss);
                out.addAll(tape.gradient(loss, trainable));
                if (predictions.size() == 1) out.add(predictions.get(0));
                return out;
            }
        });
        List<Tensor> values = run.value();
        List<Tensor> pieces = new ArrayList<>();
        pieces.add(values.get(0).cast(dtype).mul(scale).reshape(1));
        boolean[] hasGradient = new boolean[trainable.size()];
        for (int i = 0; i < trainable.size(); i++) {
            Tensor g = values.get(1 + i);
            hasGradient[i] = g != null;
            if (g != null) pieces.add(g.mul(scale).reshape(-1));
        }
        for (Map.Entry<Variable, Tensor> e : run.updates().entrySet()) {
            if (!e.getKey().dtype().isFloating()) {
                throw new InvalidArgumentException("ReplicaStep: state variable " + e.getKey().name() + " is "
                        + e.getKey().dtype() + "; replicas average states, so they must be floating");
            }
            pieces.add(e.getValue().cast(dtype).mul(scale).reshape(-1));
        }
        int sumLength = 0;
        for (Tensor p : pieces) sumLength += (int) p.shape().get(0);
        int[] predictionShape = null;
        if (values.size() == trainable.size() + 2) {
            Tensor p = values.get(values.size() - 1);
            predictionShape = new int[p.rank()];
            for (int i = 1; i < predictionShape.length; i++) predictionShape[i] = (int) p.shape().get(i);
            pieces.add(p.cast(dtype).reshape(-1));
        }
        setLayout(new Layout(sumLength, hasGradient, List.copyOf(run.updates().keySet()), predictionShape));
        return TF.concat(pieces, 0);
    }

    /** Where the pieces lie in a part's flat vector; fixed by the first trace, the same for every later one. */
    private record Layout(int sumLength, boolean[] hasGradient, List<Variable> states, int[] predictionShape) {
        boolean sameAs(Layout o) {
            return sumLength == o.sumLength && java.util.Arrays.equals(hasGradient, o.hasGradient) && states.equals(o.states)
                    && (predictionShape == null) == (o.predictionShape == null);
        }
    }

    private synchronized void setLayout(Layout l) {
        if (layout == null) {
            layout = l;
        } else if (!layout.sameAs(l)) {
            throw new InvalidArgumentException("ReplicaStep: model \"" + model.name() + "\" computed different gradients"
                    + " or state updates for a new input signature; replicas need the same variables at every step");
        }
    }

    private synchronized Layout layout() {
        if (layout == null) {
            throw new FailedPreconditionException("ReplicaStep: no part computed yet, so the layout of the sums is unknown");
        }
        return layout;
    }

    /** Whether a list holds a null ({@code List.of(...).contains(null)} would throw). */
    static boolean hasNull(List<Tensor> xs) {
        return xs.stream().anyMatch(java.util.Objects::isNull);
    }
}
