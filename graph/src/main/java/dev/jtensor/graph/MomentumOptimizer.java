package dev.jtensor.graph;

import dev.jtensor.InvalidArgumentException;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import dev.jtensor.Variable;
import dev.jtensor.ops.VariableHandle;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gradient descent with momentum (TensorFlow 1's {@code tf.compat.v1.train.MomentumOptimizer}):
 * each variable has an accumulator, a slot variable of the same shape starting at zero, and a step
 * is
 * <pre>
 * accumulation = momentum * accumulation + gradient
 * variable    -= learningRate * accumulation                                  (useNesterov false)
 * variable    -= learningRate * gradient + learningRate * momentum * accumulation   (useNesterov true)
 * </pre>
 * The accumulator of {@code theta} is the graph variable {@code theta/Momentum} (not trainable),
 * TensorFlow's slot named {@code "momentum"} ({@link #getSlot}); it is created by the first
 * {@link #applyGradients} (or {@code minimize}) for that variable, so make the graph's
 * {@link Graph#globalVariablesInitializer()} afterwards. The update is two assign operations, the
 * variable's reading the accumulator's new value.
 *
 * {@snippet :
 * Operation trainingOp = new MomentumOptimizer(0.01, 0.9).minimize(mse);
 * Operation init = g.globalVariablesInitializer();      // initialises theta/Momentum too
 * }
 */
public final class MomentumOptimizer extends Optimizer {

    /** The name of the accumulator slot, as TensorFlow's. */
    public static final String SLOT = "momentum";

    private final double momentum;
    private final boolean useNesterov;
    private final Map<VariableHandle, Variable> accumulators = new IdentityHashMap<>();

    /** Momentum without Nesterov's correction. */
    public MomentumOptimizer(double learningRate, double momentum) {
        this(learningRate, momentum, false);
    }

    /**
     * An optimizer with the given learning rate and momentum; {@code useNesterov} evaluates the
     * gradient's effect one momentum step ahead.
     *
     * @throws InvalidArgumentException if the learning rate is not positive and finite, or the
     *     momentum is negative or not finite
     */
    public MomentumOptimizer(double learningRate, double momentum, boolean useNesterov) {
        super("Momentum", learningRate);
        if (!(momentum >= 0) || Double.isInfinite(momentum)) {
            throw new InvalidArgumentException("MomentumOptimizer: the momentum must be non-negative and finite, got "
                    + momentum);
        }
        this.momentum = momentum;
        this.useNesterov = useNesterov;
    }

    /** The momentum. */
    public double momentum() {
        return momentum;
    }

    /** Whether it takes Nesterov's step. */
    public boolean useNesterov() {
        return useNesterov;
    }

    /** The slot names ({@code tf.compat.v1.train.Optimizer.get_slot_names}): {@code ["momentum"]}. */
    public List<String> getSlotNames() {
        return List.of(SLOT);
    }

    /**
     * The slot variable {@code slotName} of {@code variable} ({@code get_slot}): its accumulator, or
     * null if no update of it was added yet.
     *
     * @throws InvalidArgumentException if the slot name is not {@code "momentum"}
     */
    public Variable getSlot(Variable variable, String slotName) {
        if (variable == null || slotName == null) {
            throw new InvalidArgumentException("MomentumOptimizer.getSlot: " + (variable == null ? "variable"
                    : "slotName") + " is null");
        }
        if (!slotName.equals(SLOT)) {
            throw new InvalidArgumentException("MomentumOptimizer.getSlot: no slot '" + slotName + "'; its slots are "
                    + getSlotNames());
        }
        synchronized (accumulators) {
            return accumulators.get(variable.handle());
        }
    }

    @Override
    Tensor applyDense(Graph graph, Tensor gradient, Variable variable) {
        Variable accumulator = accumulatorOf(graph, variable);
        Tensor accumulated = graph.assign(accumulator, accumulator.readValue().mul(momentum).add(gradient));
        Tensor step = useNesterov ? gradient.mul(learningRate).add(accumulated.mul(learningRate * momentum))
                : accumulated.mul(learningRate);
        return graph.assignSub(variable, step);
    }

    /** The accumulator of {@code variable}, created as {@code name/Momentum} at the top level on first use. */
    private Variable accumulatorOf(Graph graph, Variable variable) {
        synchronized (accumulators) {
            Variable slot = accumulators.get(variable.handle());
            if (slot == null) {
                String slotName = variable.name() + "/" + name();
                Tensor zeros;
                try (Scope initial = graph.nameScope(slotName + "/Initializer/")) {
                    zeros = TF.zeros(variable.dtype(), variable.shape().toArray());
                }
                try (Scope top = graph.nameScope("")) {
                    slot = new Variable(zeros, slotName, false);
                }
                accumulators.put(variable.handle(), slot);
            }
            return slot;
        }
    }
}
