package dev.jtensor.nn.layers;

import dev.jtensor.DType;
import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Module;
import dev.jtensor.Operand;
import dev.jtensor.Settings;
import dev.jtensor.Shape;
import dev.jtensor.Tensor;
import dev.jtensor.Variable;
import dev.jtensor.graph.Graph;
import dev.jtensor.nn.initializers.Initializer;
import dev.jtensor.nn.regularizers.Regularizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Keras layer: a {@link Module} with a forward computation that creates its weights on the first
 * call, from the input's shape.
 *
 * {@snippet :
 * class Scale extends Layer {
 *     private Variable factor;
 *     @Override protected void build(Shape inputShape) {
 *         factor = addWeight("factor", Shape.of(inputShape.get(-1)), Initializers.ones(), true, null);
 *     }
 *     @Override protected Tensor forward(Tensor x, boolean training) { return x.mul(factor); }
 * }
 * Layer scale = new Scale();
 * Tensor y = scale.call(TF.ones(2, 3));   // builds a factor of shape (3,), named "scale/factor"
 * }
 *
 * <p>Names are Keras's: the class name in snake_case, numbered from the second instance on
 * ({@code dense}, {@code dense_1}), and weights are named {@code layer/weight}. The first dimension
 * of an input is the batch; a built layer checks every later input against the shape it was built
 * for (its non-batch dimensions) and names itself in the error. {@link #variables()} lists the
 * layer's own weights in creation order, then those of the layers and modules in its fields.
 */
public abstract class Layer extends Module {

    private String name;
    private boolean trainable = true;
    private DType dtype = DType.FLOAT32;
    private Shape builtFor;
    private final List<Weight> weights = new ArrayList<>();
    private final Map<String, Tensor> deferredValues = new HashMap<>();

    private record Weight(Variable variable, Regularizer regularizer) {
    }

    /** A layer with Keras's automatic name for its class. */
    protected Layer() {
        this.name = LayerNames.unique(LayerNames.snakeCase(getClass().getSimpleName()));
    }

    /** Restarts Keras's automatic names ({@code keras.backend.clear_session()}): the next Dense is {@code dense} again. */
    public static void clearSession() {
        LayerNames.clear();
    }

    /**
     * Names layers made on this thread until the scope closes as in a new session ({@code dense},
     * {@code dense_1}, ...), leaving other threads' and the process's counts alone: for code that
     * builds the same model repeatedly and needs the same names each time (a model factory whose
     * checkpoints must match).
     *
     * {@snippet :
     * try (var names = Layer.freshNames()) {
     *     model = new Sequential(new Dense(4), new Dense(1));   // dense, dense_1: whatever came before
     * }
     * }
     */
    public static Settings.Scope freshNames() {
        return LayerNames.fresh();
    }

    /** The layer's name. */
    public String name() {
        return name;
    }

    /** Renames the layer; only before it is built, since its weights carry the name. */
    public Layer named(String newName) {
        if (newName == null || newName.isBlank()) {
            throw new InvalidArgumentException("Layer.named: the name is null or blank");
        }
        requireNotBuilt("named");
        this.name = newName;
        return this;
    }

    /** The dtype of the layer's weights (Keras's {@code dtype}; float32 unless set). */
    public DType dtype() {
        return dtype;
    }

    /** Makes the weights float32 (the default) or float64; only before the layer is built. */
    public Layer dtype(DType weights) {
        if (weights == null || !weights.isFloating()) {
            throw new InvalidArgumentException("Layer \"" + name + "\": the weights' dtype must be float32 or float64, got "
                    + weights);
        }
        requireNotBuilt("dtype");
        this.dtype = weights;
        return this;
    }

    /** Whether training updates this layer's weights (Keras's {@code layer.trainable}). */
    public boolean trainable() {
        return trainable;
    }

    /** Freezes ({@code false}) or unfreezes the layer: a frozen layer lists no trainable variables. */
    public Layer setTrainable(boolean trainable) {
        this.trainable = trainable;
        return this;
    }

    /** Whether the weights exist. */
    public boolean built() {
        return builtFor != null;
    }

    /** The input shape the layer was built for, the batch dimension unknown; null before it is built. */
    public Shape builtInputShape() {
        return builtFor;
    }

    /** Runs the layer in inference mode ({@code training = false}). */
    public final Tensor call(Operand input) {
        return call(input, false);
    }

    /**
     * Runs the layer on {@code input}, building it first if needed; {@code training} switches layers
     * such as Dropout and BatchNormalization to their training behaviour.
     */
    public final Tensor call(Operand input, boolean training) {
        if (input == null) {
            throw new InvalidArgumentException("Layer \"" + name + "\": the input is null");
        }
        Tensor x = input.asTensor();
        ensureBuilt(x.shape());
        return forward(x, training);
    }

    /** Runs a layer of several inputs (a merge layer such as {@link Concatenate}) on {@code inputs}. */
    public final Tensor call(List<? extends Operand> inputs, boolean training) {
        if (inputs == null || inputs.isEmpty() || inputs.stream().anyMatch(java.util.Objects::isNull)) {
            throw new InvalidArgumentException("Layer \"" + name + "\": the inputs are null or empty: " + inputs);
        }
        List<Tensor> xs = inputs.stream().map(Operand::asTensor).toList();
        ensureBuilt(xs.get(0).shape());
        return forwardAll(xs, training);
    }

    /**
     * Builds the layer for inputs of {@code inputShape} (the first dimension is the batch and may be
     * unknown) unless it is built already, in which case the shape is checked against the built one.
     */
    public final void ensureBuilt(Shape inputShape) {
        if (inputShape == null) {
            throw new InvalidArgumentException("Layer \"" + name + "\".ensureBuilt: inputShape is null");
        }
        if (builtFor != null) {
            checkInput(inputShape);
            return;
        }
        Shape batchless = inputShape.rank() == 0 ? inputShape : withUnknownBatch(inputShape);
        checkBuildShape(batchless);
        build(batchless);
        builtFor = batchless;
    }

    /**
     * Calls the layer on symbolic values (Keras's functional API): builds it for their shape and
     * finds the output's shape and dtype by running the layer on placeholders in a scratch graph
     * (Keras's {@code compute_output_spec}); unknown dimensions stay unknown.
     */
    public KerasTensor call(KerasTensor... inputs) {
        if (inputs == null || inputs.length == 0 || java.util.Arrays.asList(inputs).contains(null)) {
            throw new InvalidArgumentException("Layer \"" + name + "\": call needs symbolic inputs, got "
                    + (inputs == null ? "null" : java.util.Arrays.toString(inputs)));
        }
        List<KerasTensor> in = List.of(inputs);
        ensureBuilt(in.get(0).shape());
        Graph scratch = new Graph();
        try (var scope = scratch.asDefault()) {
            List<Tensor> placeholders = in.stream().map(k -> scratch.placeholder(k.dtype(), k.shape())).toList();
            Tensor out = forwardAll(placeholders, false);
            return new KerasTensor(out.shape(), out.dtype(), this, in, name);
        }
    }

    /** The output shape for inputs of {@code inputShape} (of the layer's dtype, batch first); builds the layer if needed. */
    public Shape outputShape(Shape inputShape) {
        if (inputShape == null) {
            throw new InvalidArgumentException("Layer \"" + name + "\".outputShape: inputShape is null");
        }
        return call(new KerasTensor(inputShape, dtype, null, List.of(), "input")).shape();
    }

    /** The number of scalars in the layer's weights (its own and its sublayers'). */
    public long countParams() {
        return variables().stream().mapToLong(v -> v.shape().size()).sum();
    }

    /** The layer's own weights in creation order, then what its fields hold. */
    @Override
    protected List<Object> trackedValues() {
        List<Object> values = new ArrayList<>();
        weights.forEach(w -> values.add(w.variable()));
        values.addAll(super.trackedValues());
        return values;
    }

    @Override
    protected boolean tracksTrainable() {
        return trainable;
    }

    /** The values of {@link #variables()}, in order (Keras's {@code get_weights}). */
    public List<Tensor> getWeights() {
        return variables().stream().map(Variable::asTensor).toList();
    }

    /**
     * Assigns {@code values} to {@link #variables()}, in order (Keras's {@code set_weights}). Every
     * count, shape and dtype is checked before anything is assigned, so a mismatch changes nothing.
     */
    public void setWeights(List<? extends Operand> values) {
        List<Variable> vars = variables();
        if (values == null || values.size() != vars.size()) {
            throw new InvalidArgumentException("Layer \"" + name + "\": setWeights expects " + vars.size()
                    + " values, got " + (values == null ? "null" : values.size()));
        }
        for (int i = 0; i < vars.size(); i++) {
            Operand v = values.get(i);
            if (v == null || !v.shape().equals(vars.get(i).shape()) || v.dtype() != vars.get(i).dtype()) {
                throw new InvalidArgumentException("Layer \"" + name + "\": setWeights value " + i + " for "
                        + vars.get(i).name() + " must be " + vars.get(i).dtype() + " " + vars.get(i).shape() + ", got "
                        + (v == null ? "null" : v.dtype() + " " + v.shape()));
            }
        }
        for (int i = 0; i < vars.size(); i++) vars.get(i).assign(values.get(i));
    }

    /** The non-trainable ones among {@link #variables()}, frozen layers' weights included. */
    public List<Variable> nonTrainableVariables() {
        List<Variable> trainableOnes = trainableVariables();
        return variables().stream().filter(v -> !trainableOnes.contains(v)).toList();
    }

    /**
     * The regularization penalties of this layer's weights, computed now from their current values
     * (Keras's {@code layer.losses}); training adds their sum to the loss.
     */
    public List<Tensor> regularizationLosses() {
        List<Tensor> out = new ArrayList<>();
        for (Weight w : weights) {
            if (w.regularizer() != null) out.add(w.regularizer().apply(w.variable()));
        }
        return out;
    }

    /** Creates the weights for inputs of {@code inputShape} (batch dimension unknown). Called once. */
    protected void build(Shape inputShape) {
    }

    /** The layer's computation on a built layer. */
    protected abstract Tensor forward(Tensor x, boolean training);

    /**
     * The computation on several inputs; a layer of one input (the default) refuses more. Merge layers
     * ({@link Concatenate}, {@link Add}) override it.
     */
    protected Tensor forwardAll(List<Tensor> inputs, boolean training) {
        if (inputs.size() != 1) {
            throw new InvalidArgumentException("Layer \"" + name + "\" takes one input, got " + inputs.size());
        }
        return forward(inputs.get(0), training);
    }

    /** Checks a shape the layer is about to be built for; the default accepts any. */
    protected void checkBuildShape(Shape inputShape) {
    }

    /** Checks an input against the built layer; the default accepts any. */
    protected void checkInput(Shape inputShape) {
    }

    /**
     * A weight of the layer's {@link #dtype()} named {@code layerName/name}, initialised now.
     *
     * @param regularizer a penalty for {@link #regularizationLosses()}, or null
     */
    protected final Variable addWeight(String weightName, Shape shape, Initializer initializer, boolean trainable,
                                       Regularizer regularizer) {
        String fullName = name + "/" + weightName;
        Tensor deferred = deferredValues.remove(fullName);
        if (deferred != null && (!deferred.shape().equals(shape) || deferred.dtype() != dtype)) {
            throw new InvalidArgumentException("Layer \"" + name + "\": the checkpoint value restored for weight "
                    + fullName + " has dtype " + deferred.dtype() + " and shape " + deferred.shape()
                    + ", but the layer creates it with dtype " + dtype + " and shape " + shape);
        }
        Tensor initial = deferred != null ? deferred : initializer.apply(shape, dtype);
        Variable v = new Variable(initial, fullName, trainable);
        weights.add(new Weight(v, regularizer));
        return v;
    }

    /**
     * Values for weights this layer has not created yet, by full name ({@code "dense/kernel"}): when
     * {@link #addWeight} makes one of them, it starts from this value instead of its initializer
     * (TensorFlow's deferred checkpoint restore; the nn module's {@code Checkpoint.restore} into an
     * unbuilt model calls it). Replaces what an earlier call deferred.
     */
    public void deferWeightValues(Map<String, Tensor> values) {
        deferredValues.clear();
        deferredValues.putAll(nonNull(values, "deferWeightValues"));
    }

    /** Throws when the layer is built: configuration changes after that would not take effect. */
    protected final void requireNotBuilt(String method) {
        if (built()) {
            throw new InvalidArgumentException("Layer \"" + name + "\": " + method + " must be called before the "
                    + "layer is built (it was built for inputs of shape " + builtFor + ")");
        }
    }

    /** {@code value}, or an error naming the layer and the configuration method that got null. */
    protected final <T> T nonNull(T value, String method) {
        if (value == null) {
            throw new InvalidArgumentException("Layer \"" + name + "\": " + method + " got null");
        }
        return value;
    }

    /** Keras's error for an input of the wrong rank, when the layer needs rank {@code >= minRank} (or exactly, when {@code exact}). */
    protected final void requireRank(Shape shape, int minRank, boolean exact) {
        if (exact ? shape.rank() != minRank : shape.rank() < minRank) {
            throw new InvalidArgumentException("Input 0 of layer \"" + name + "\" is incompatible with the layer: "
                    + "expected " + (exact ? "ndim=" : "min_ndim=") + minRank + ", found ndim=" + shape.rank()
                    + ". Full shape received: " + shape);
        }
    }

    /** Keras's error for an input whose dimension {@code axis} (negative counts from the end) is known and not {@code expected}. */
    protected final void requireDim(Shape shape, int axis, int expected) {
        int a = axis < 0 ? shape.rank() + axis : axis;
        int actual = shape.get(a);
        if (actual != Shape.UNKNOWN && actual != expected) {
            throw new InvalidArgumentException("Input 0 of layer \"" + name + "\" is incompatible with the layer: "
                    + "expected axis " + axis + " of input shape to have value " + expected
                    + ", but received input with shape " + shape);
        }
    }

    /** {@code shape} with its first dimension unknown. */
    protected static Shape withUnknownBatch(Shape shape) {
        int[] dims = shape.toArray();
        dims[0] = Shape.UNKNOWN;
        return Shape.of(dims);
    }
}
