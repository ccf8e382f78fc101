package dev.jtensor.nn.metrics;

import dev.jtensor.Module;
import dev.jtensor.Operand;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import dev.jtensor.Variable;
import dev.jtensor.internal.Inputs;

/**
 * A stateful metric in Keras's form: {@link #update} accumulates a batch, {@link #result()} gives the
 * value so far, {@link #reset()} starts over.
 *
 * {@snippet :
 * Metric accuracy = new SparseCategoricalAccuracy();
 * for (List<Tensor> batch : dataset) {
 *     accuracy.update(batch.get(1), model.call(batch.get(0)));
 * }
 * float value = accuracy.result().floatValue();
 * accuracy.reset();
 * }
 *
 * <p><b>State is variables.</b> A metric keeps its state in non-trainable {@link Variable}s (found by
 * {@link #variables()}, so checkpoints can save them), and {@code update} changes them only with
 * stateful ops ({@code assignAdd} of tensor expressions), never by reading values into Java. An
 * update inside a traced train step ({@link dev.jtensor.graph.TracedFunction}) therefore runs at
 * every call of the step, and works on symbolic tensors with an unknown batch dimension;
 * {@code result()} is ops over the variables. The variables are made when the metric is. In
 * a TensorFlow 1 style {@link dev.jtensor.graph.Graph}, {@code update} adds assign operations that,
 * as in TensorFlow, run only when a fetch depends on them; call it inside a traced function there
 * (the call is one operation of the graph, and runs its updates whenever its result is fetched).
 */
public abstract class Metric extends Module {
    private final String name;

    /** @param name Keras's name of the metric, as fit's logs show it */
    protected Metric(String name) {
        this.name = Inputs.nonNull(name, getClass().getSimpleName(), "name");
    }

    /** The metric's name, e.g. {@code "accuracy"}. */
    public String name() {
        return name;
    }

    /** Accumulates one batch of labels and predictions. */
    public void update(Operand yTrue, Operand yPred) {
        update(yTrue, yPred, null);
    }

    /**
     * Accumulates one batch with per-sample weights.
     *
     * @param sampleWeight per-sample weights, or null for none
     */
    public abstract void update(Operand yTrue, Operand yPred, Operand sampleWeight);

    /** The metric's value so far: a float32 scalar (0 before any update). */
    public abstract Tensor result();

    /** Sets every state variable back to zeros (Keras's {@code reset_state}). */
    public void reset() {
        for (Variable v : variables()) {
            v.assign(TF.zerosLike(v));
        }
    }

    /** A float32 scalar state variable of this metric, starting at zero. */
    protected static Variable scalarState(String name) {
        return new Variable(TF.zeros(), name, false);
    }

    /** The name in errors: the class's simple name, or {@link #name()} for an anonymous class. */
    protected String describe() {
        String simple = getClass().getSimpleName();
        return simple.isEmpty() ? name : simple;
    }

    @Override
    public String toString() {
        return describe() + "(name=" + name + ")";
    }
}
