package dev.jtensor.nn.optimizers;

import dev.jtensor.DType;
import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Module;
import dev.jtensor.Operand;
import dev.jtensor.Settings;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import dev.jtensor.Variable;
import dev.jtensor.accel.UpdateRule;
import dev.jtensor.nn.optimizers.schedules.LearningRateSchedule;
import dev.jtensor.ops.ApplyGradientDescent;
import dev.jtensor.ops.ApplyUpdate;
import dev.jtensor.ops.Dispatch;
import dev.jtensor.ops.VariableHandle;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A Keras optimizer: it updates variables by their gradients ({@link #applyGradients}), keeping its
 * state in non-trainable variables: {@link #iterations()} (the step counter), the learning rate
 * (unless a {@link LearningRateSchedule} computes it from the step) and, per variable, slot
 * variables named {@code <variable name>/<slot>} ({@link #slot}). Every read and update is an op
 * that {@link Dispatch} sees, each variable's update one fused pass ({@link ApplyUpdate}), so a
 * training step traced as the graph module's {@code TracedFunction} runs the whole update, learning
 * rate and schedule included, at every call.
 *
 * {@snippet :
 * Optimizer optimizer = new Adam(1e-3);
 * for (int step = 0; step < 100; step++) {
 *     try (GradientTape tape = new GradientTape()) {
 *         Tensor loss = model.call(x).sub(y).square().reduceMean();
 *         optimizer.applyGradients(tape.gradient(loss, model.trainableVariables()), model.trainableVariables());
 *     }
 * }
 * }
 *
 * <p>Options every optimizer takes (Keras's names, set on each optimizer's builder): a constant
 * learning rate or a schedule, {@code clipValue}, {@code clipNorm} (each gradient's L2 norm) or
 * {@code globalClipNorm} (all gradients together), at most one of them, and {@code weightDecay}
 * ({@code w -= w * weightDecay * learningRate} before the update, as Keras 3 does for every optimizer).
 *
 * <p>The state is always eager, even when the optimizer is made or built inside a graph's scope or
 * a trace: it is created outside every hook (TensorFlow's {@code init_scope}), so a traced step
 * reads and updates it by reference. Call {@link #build} before tracing to create the slots up
 * front; a trace that meets an unbuilt variable creates its slots the same way.
 */
public abstract class Optimizer extends Module {

    private final String name;
    private final Variable iterations;
    private final Variable learningRate;
    private final LearningRateSchedule schedule;
    private final GradientClipping clipping;
    private final double weightDecay;
    private final Map<Variable, List<Variable>> slots = new IdentityHashMap<>();
    private final List<Variable> built = new ArrayList<>();

    /** An optimizer with the builder's common options. */
    protected Optimizer(Builder<?> options) {
        this.name = options.name;
        this.clipping = new GradientClipping(name, options.clipValue, options.clipNorm, options.globalClipNorm);
        this.weightDecay = options.weightDecay;
        this.schedule = options.schedule;
        try (var hidden = Dispatch.openLevel(null)) {
            this.iterations = new Variable(TF.constant(0L), "iterations", false);
            this.learningRate = schedule != null ? null
                    : new Variable(TF.constant(options.learningRate), "learning_rate", false);
        }
    }

    /** The optimizer's name ({@code "adam"}, ...). */
    public String name() {
        return name;
    }

    /** The number of updates applied so far: an int64 scalar variable named {@code iterations}, not trainable. */
    public Variable iterations() {
        return iterations;
    }

    /** The learning rate now: the constant's current value, or the schedule's at the current iteration. */
    public double learningRate() {
        return currentLearningRate().doubleValue();
    }

    /**
     * Sets the constant learning rate (an assignment of its variable, so a traced step sees it).
     *
     * @throws InvalidArgumentException if a schedule computes the learning rate, or the value is negative or not finite
     */
    public void setLearningRate(double value) {
        if (schedule != null) {
            throw new InvalidArgumentException("Optimizer '" + name + "': the learning rate comes from the schedule "
                    + schedule + " and cannot be set; make a new optimizer with a constant learning rate instead");
        }
        learningRate.assign(TF.constant(Builder.checkedLearningRate(name, value)));
    }

    /** The slot variable {@code slotName} of {@code variable} (e.g. Adam's {@code "m"} of {@code dense/kernel}). */
    public Variable slot(Variable variable, String slotName) {
        if (slotName == null) throw new InvalidArgumentException("Optimizer '" + name + "'.slot: slotName is null");
        List<Variable> own = variable == null ? null : slots.get(variable);
        int index = slotNames().indexOf(slotName);
        if (own == null || index < 0) {
            throw new InvalidArgumentException("Optimizer '" + name + "' has no slot '" + slotName + "' for variable "
                    + (variable == null ? "null" : "'" + variable.name() + "'") + " (its slots are " + slotNames()
                    + ", made by build or the first applyGradients of the variable)");
        }
        return own.get(index);
    }

    /** Iterations, the learning-rate variable (without a schedule), then each built variable's slots in order. */
    @Override
    public List<Variable> variables() {
        List<Variable> all = new ArrayList<>();
        all.add(iterations);
        if (learningRate != null) all.add(learningRate);
        for (Variable v : built) all.addAll(slots.get(v));
        return List.copyOf(all);
    }

    /**
     * Creates the slot variables of {@code variables} that have none yet, outside every hook (so
     * they are eager even inside a trace); call it before tracing a training step.
     *
     * @throws InvalidArgumentException if a variable is null or not trainable
     */
    public void build(List<Variable> variables) {
        if (variables == null) throw new InvalidArgumentException("Optimizer '" + name + "'.build: variables is null");
        for (int i = 0; i < variables.size(); i++) requireTrainable(variables.get(i), i);
        for (Variable v : variables) {
            if (slots.containsKey(v)) continue;
            List<Variable> own = new ArrayList<>();
            try (var hidden = Dispatch.openLevel(null); var device = Settings.withDevice(v.device())) {
                for (String slot : slotNames()) {
                    Tensor initial = TF.fill(v.shape().toArray(), slotInitialValue(slot)).cast(v.dtype());
                    own.add(new Variable(initial, v.name() + "/" + slot, false));
                }
            }
            slots.put(v, List.copyOf(own));
            built.add(v);
        }
    }

    /**
     * One update of each variable by its gradient: gradients are clipped as configured, weight decay
     * applied, then each variable's fused update; then {@link #iterations()} grows by one. A null
     * gradient skips its variable (at least one must be given).
     *
     * @throws InvalidArgumentException if the lists differ in length, a variable is null or not
     *     trainable, or a gradient's shape or dtype differs from its variable's; nothing is updated then
     */
    public void applyGradients(List<? extends Operand> gradients, List<Variable> variables) {
        if (gradients == null || variables == null) {
            throw new InvalidArgumentException("Optimizer '" + name + "'.applyGradients: "
                    + (gradients == null ? "gradients" : "variables") + " is null");
        }
        if (gradients.size() != variables.size()) {
            throw new InvalidArgumentException("Optimizer '" + name + "'.applyGradients: " + gradients.size()
                    + " gradient(s) for " + variables.size() + " variable(s); give one gradient (or null) per variable");
        }
        List<Tensor> grads = new ArrayList<>();
        List<Variable> vars = new ArrayList<>();
        for (int i = 0; i < variables.size(); i++) {
            Variable v = requireTrainable(variables.get(i), i);
            if (gradients.get(i) == null) continue;
            Tensor g = gradients.get(i).asTensor();
            if (g.dtype() != v.dtype() || !g.shape().isCompatibleWith(v.shape())) {
                throw new InvalidArgumentException("Optimizer '" + name + "': the gradient #" + i + " for variable '"
                        + v.name() + "' has shape " + g.shape() + " and dtype " + g.dtype() + ", but the variable has "
                        + "shape " + v.shape() + " and dtype " + v.dtype());
            }
            grads.add(g);
            vars.add(v);
        }
        if (vars.isEmpty()) {
            throw new InvalidArgumentException("Optimizer '" + name + "': no gradients provided for any variable of "
                    + variables.stream().map(Variable::name).toList());
        }
        build(vars);
        grads = clipping.clip(grads);
        Tensor rate = currentLearningRate();
        Tensor localStep = iterations.asTensor().add(1L);
        Map<DType, Tensor[]> hyper = new EnumMap<>(DType.class);
        Map<DType, Tensor> rates = new EnumMap<>(DType.class);
        for (int i = 0; i < vars.size(); i++) {
            Variable v = vars.get(i);
            Tensor lr = rates.computeIfAbsent(v.dtype(), rate::cast);
            if (weightDecay > 0) {
                Tensor decay = lr.mul(weightDecay);   // Keras: w - w * weightDecay * lr
                Dispatch.apply(new ApplyGradientDescent(v.handle()), decay, v.asTensor());
            }
            Tensor[] scalars = hyper.computeIfAbsent(v.dtype(), d -> hyperparameters(d, lr, localStep.cast(d)));
            update(v, grads.get(i), slots.get(v), scalars);
        }
        iterations.assignAdd(TF.constant(1L));
    }

    /** The learning rate as a float64 scalar tensor: the variable's value, or the schedule at {@link #iterations()}. */
    private Tensor currentLearningRate() {
        return schedule != null ? schedule.apply(iterations.asTensor()).cast(DType.FLOAT64) : learningRate.asTensor();
    }

    private Variable requireTrainable(Variable v, int index) {
        if (v == null) {
            throw new InvalidArgumentException("Optimizer '" + name + "': variable #" + index + " is null");
        }
        if (!v.trainable()) {
            throw new InvalidArgumentException("Optimizer '" + name + "': variable '" + v.name() + "' is not "
                    + "trainable; optimizers update trainable variables only");
        }
        if (!v.dtype().isFloating()) {
            throw new InvalidArgumentException("Optimizer '" + name + "': variable '" + v.name() + "' has dtype "
                    + v.dtype() + "; optimizers update floating-point variables only");
        }
        return v;
    }

    // ------------------------------------------------------------------ what each optimizer defines

    /** The names of the slots every variable gets, in order (none for plain SGD). */
    protected abstract List<String> slotNames();

    /** The value a slot starts at (0 unless the optimizer says otherwise, as Adagrad's accumulator). */
    protected double slotInitialValue(String slot) {
        return 0;
    }

    /**
     * The per-step scalars of the update for variables of {@code dtype}, computed with tensor ops
     * (so that a traced step computes them at every call), once per dtype and step.
     *
     * @param learningRate the learning rate, a scalar of {@code dtype}
     * @param localStep    {@code iterations + 1}, a scalar of {@code dtype}
     */
    protected abstract Tensor[] hyperparameters(DType dtype, Tensor learningRate, Tensor localStep);

    /** Updates {@code variable} by {@code gradient} (clipped) with its {@code slots} and this step's {@code hyperparameters}. */
    protected abstract void update(Variable variable, Tensor gradient, List<Variable> slots, Tensor[] hyperparameters);

    /** The fused update {@code rule} of {@code variable} and its slots (see {@link UpdateRule} for the scalars). */
    protected static void fused(UpdateRule rule, Variable variable, List<Variable> slots, Tensor[] scalars,
                                Tensor gradient) {
        List<VariableHandle> handles = new ArrayList<>();
        handles.add(variable.handle());
        slots.forEach(s -> handles.add(s.handle()));
        Tensor[] inputs = java.util.Arrays.copyOf(scalars, scalars.length + 1);
        inputs[scalars.length] = gradient;
        Dispatch.apply(new ApplyUpdate(rule, handles), inputs);
    }

    /** A Java hyperparameter as a scalar of {@code dtype} (rounded from double once, as Keras casts a Python float). */
    protected static Tensor scalar(double value, DType dtype) {
        return TF.constant(value, dtype);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + name + ", learningRate=" + (schedule != null ? schedule : "variable")
                + ", iterations=" + iterations.handle().value().longValue() + "]";
    }

    /**
     * The options every optimizer takes; each optimizer's builder adds its own.
     *
     * @param <B> the concrete builder, returned by every setter
     */
    public abstract static class Builder<B extends Builder<B>> {

        String name;
        double learningRate;
        LearningRateSchedule schedule;
        double clipValue, clipNorm, globalClipNorm, weightDecay;

        /** A builder with Keras's default name and learning rate for this optimizer. */
        protected Builder(String name, double learningRate) {
            this.name = name;
            this.learningRate = learningRate;
        }

        @SuppressWarnings("unchecked")
        private B self() {
            return (B) this;
        }

        /** The optimizer's name. */
        public B name(String name) {
            if (name == null || name.isEmpty()) {
                throw new InvalidArgumentException("Optimizer name must be a non-empty string, got "
                        + (name == null ? "null" : "\"\""));
            }
            this.name = name;
            return self();
        }

        /** A constant learning rate (kept in a variable that {@link Optimizer#setLearningRate} assigns). */
        public B learningRate(double learningRate) {
            this.learningRate = checkedLearningRate(name, learningRate);
            this.schedule = null;
            return self();
        }

        /** A learning rate computed from the step counter at every update. */
        public B learningRate(LearningRateSchedule schedule) {
            if (schedule == null) {
                throw new InvalidArgumentException("Optimizer '" + name + "': the learning-rate schedule is null");
            }
            this.schedule = schedule;
            return self();
        }

        /** Clips every gradient element to {@code [-clipValue, clipValue]} (Keras's {@code clipvalue}). */
        public B clipValue(double clipValue) {
            this.clipValue = positive("clipValue", clipValue);
            return self();
        }

        /** Scales each gradient whose L2 norm exceeds {@code clipNorm} down to that norm (Keras's {@code clipnorm}). */
        public B clipNorm(double clipNorm) {
            this.clipNorm = positive("clipNorm", clipNorm);
            return self();
        }

        /** Scales all gradients together when their global L2 norm exceeds it (Keras's {@code global_clipnorm}). */
        public B globalClipNorm(double globalClipNorm) {
            this.globalClipNorm = positive("globalClipNorm", globalClipNorm);
            return self();
        }

        /** Decoupled weight decay: {@code w -= w * weightDecay * learningRate} before each update (0: none). */
        public B weightDecay(double weightDecay) {
            if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
                throw new InvalidArgumentException("Optimizer '" + name + "': weightDecay must be a finite number "
                        + ">= 0, got " + weightDecay);
            }
            this.weightDecay = weightDecay;
            return self();
        }

        /** Checks a hyperparameter that must lie in {@code [low, high]} (or below {@code high} if open). */
        protected double inRange(String what, double value, double low, double high, boolean highOpen) {
            if (!(value >= low && (highOpen ? value < high : value <= high))) {
                throw new InvalidArgumentException("Optimizer '" + name + "': " + what + " must be in [" + low + ", "
                        + high + (highOpen ? ")" : "]") + ", got " + value);
            }
            return value;
        }

        private double positive(String what, double value) {
            if (!(value > 0) || Double.isInfinite(value)) {
                throw new InvalidArgumentException("Optimizer '" + name + "': " + what + " must be a finite number "
                        + "> 0, got " + value);
            }
            return value;
        }

        static double checkedLearningRate(String name, double value) {
            if (!(value >= 0) || Double.isInfinite(value)) {
                throw new InvalidArgumentException("Optimizer '" + name + "': the learning rate must be a finite "
                        + "number >= 0, got " + value);
            }
            return value;
        }
    }
}
