package dev.jtensor.spark;

import dev.jtensor.DType;
import dev.jtensor.InvalidArgumentException;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import dev.jtensor.Variable;
import dev.jtensor.nn.Model;
import dev.jtensor.nn.layers.Layer;
import dev.jtensor.nn.distribute.ReplicaStep;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A model made by the factory, built for the examples' shapes, with its replica step: what the
 * driver trains and what each executor computes gradients with. Weights travel as one flat float
 * vector of every variable (trainable and not) in {@code model.variables()} order.
 */
final class Replica {

    /** How examples become tensors: the per-example shapes and the target dtype. */
    record Shapes(int[] features, int[] target, DType targetDType) implements Serializable {
        boolean sameAs(Shapes o) {
            return java.util.Arrays.equals(features, o.features) && java.util.Arrays.equals(target, o.target)
                    && targetDType == o.targetDType;
        }

        @Override
        public String toString() {
            return "features " + java.util.Arrays.toString(features) + ", target " + java.util.Arrays.toString(target)
                    + " " + targetDType;
        }

        int featureLength() {
            return size(features);
        }

        int targetLength() {
            return size(target);
        }

        private static int size(int[] shape) {
            int n = 1;
            for (int d : shape) n *= d;
            return n;
        }

        /** The batch of {@code examples} at {@code rows} as {@code [x, y]}. */
        List<Tensor> batch(List<Example> examples, int[] rows) {
            int f = featureLength(), t = targetLength();
            float[] x = new float[rows.length * f];
            float[] y = new float[rows.length * t];
            for (int i = 0; i < rows.length; i++) {
                Example e = examples.get(rows[i]);
                System.arraycopy(e.features(), 0, x, i * f, f);
                System.arraycopy(e.target(), 0, y, i * t, t);
            }
            return List.of(TF.constant(x).reshape(withBatch(rows.length, features)),
                    TF.constant(y).reshape(withBatch(rows.length, target)).cast(targetDType));
        }

        private static int[] withBatch(int n, int[] shape) {
            int[] dims = new int[shape.length + 1];
            dims[0] = n;
            System.arraycopy(shape, 0, dims, 1, shape.length);
            return dims;
        }
    }

    final Model model;
    final ReplicaStep step;
    final Shapes shapes;
    private final List<Variable> variables;

    Replica(ModelFactory factory, Shapes shapes) {
        Model made;
        try (var names = Layer.freshNames()) {   // the same names in every JVM, so checkpoints match
            made = factory.create();
        }
        if (made == null) throw new InvalidArgumentException("SparkTrainer: the model factory returned null");
        this.model = made;
        this.shapes = shapes;
        List<Tensor> sample = shapes.batch(List.of(new Example(new float[shapes.featureLength()],
                new float[shapes.targetLength()])), new int[] {0});
        model.callAll(sample.subList(0, 1), false);   // builds the weights
        model.optimizer().build(model.trainableVariables());
        this.step = ReplicaStep.of(model);
        if (step.dtype() != DType.FLOAT32) {
            throw new InvalidArgumentException("SparkTrainer: model \"" + model.name() + "\" has " + step.dtype()
                    + " weights; the Spark trainer sends float32 vectors, so it trains float32 models");
        }
        step.compute(sample.subList(0, 1), sample.subList(1, 2), 1);   // fixes the layout of the flat vectors
        this.variables = model.variables();
    }

    /** Every variable's value, flat, in order. */
    float[] weights() {
        return flatten(variables);
    }

    /** Assigns {@link #weights()}'s layout back. */
    void setWeights(float[] values) {
        requireLength(values, weightCount(), "weight");
        assign(variables, values, 0);
    }

    /** The number of values in {@link #weights()}. */
    int weightCount() {
        return count(variables);
    }

    /** The optimizer's state but its step count (the learning rate, then every slot), flat. */
    float[] optimizerState() {
        return flatten(optimizerVariables());
    }

    /** Assigns {@link #weights()} then {@link #optimizerState()} from one vector, and the optimizer's step count. */
    void setState(float[] values, long iterations) {
        List<Variable> all = new ArrayList<>(variables);
        all.addAll(optimizerVariables());
        requireLength(values, count(all), "weight and optimizer state");
        assign(all, values, 0);
        model.optimizer().iterations().assign(TF.constant(iterations));
    }

    private List<Variable> optimizerVariables() {
        List<Variable> all = new ArrayList<>(model.optimizer().variables());
        all.remove(model.optimizer().iterations());
        return all;
    }

    private static float[] flatten(List<Variable> vars) {
        if (vars.isEmpty()) return new float[0];
        List<Tensor> flat = new ArrayList<>();
        for (Variable v : vars) flat.add(v.asTensor().cast(DType.FLOAT32).reshape(-1));
        return TF.concat(flat, 0).toFloatArray();
    }

    private static int count(List<Variable> vars) {
        return (int) vars.stream().mapToLong(v -> v.shape().size()).sum();
    }

    private void requireLength(float[] values, int expected, String what) {
        if (values.length != expected) {
            throw new InvalidArgumentException("SparkTrainer: a " + what + " vector of " + values.length + " values for model \""
                    + model.name() + "\" of " + expected + "; the factory must build the same model every time");
        }
    }

    private static void assign(List<Variable> vars, float[] values, int offset) {
        Tensor all = TF.constant(values);   // one copy in; each variable takes a view of its slice
        for (Variable v : vars) {
            int n = (int) v.shape().size();
            int[] dims = new int[v.shape().rank()];
            for (int i = 0; i < dims.length; i++) dims[i] = (int) v.shape().get(i);
            v.assign(all.get(dev.jtensor.Index.range(offset, offset + n)).reshape(dims).cast(v.dtype()));
            offset += n;
        }
    }
}
