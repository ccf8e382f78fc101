package dev.jtensor.nn.checkpoint;

import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Module;
import dev.jtensor.Tensor;
import dev.jtensor.Variable;
import dev.jtensor.nn.Model;
import dev.jtensor.nn.layers.Layer;
import dev.jtensor.nn.optimizers.Optimizer;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Saves and restores every variable of a model (or any {@link Module}) and, optionally, its
 * optimizer's state, like TensorFlow's {@code tf.train.Checkpoint(model=..., optimizer=...)}.
 * Entries are named by variable ({@code dense_1/kernel}); the optimizer's are under
 * {@code optimizer/} ({@code optimizer/iterations}, {@code optimizer/learning_rate},
 * {@code optimizer/dense_1/kernel/m}). The file is safetensors unless its name ends in {@code .npz}.
 *
 * {@snippet :
 * Checkpoint ckpt = Checkpoint.of(model, model.optimizer());
 * ckpt.save(Path.of("run/model.safetensors"));
 * // ... later, or in another process, with the same architecture:
 * Checkpoint.of(model2, model2.optimizer()).restore(Path.of("run/model.safetensors"));
 * }
 *
 * <p><b>Nothing lost.</b> A save writes a temporary file in the target's directory, forces it to
 * disk and renames it over the target, so a failed save leaves the previous file as it was. A
 * safetensors checkpoint records the SHA-256 of its data in {@code __metadata__}, checked on
 * restore; an {@code .npz} one has each entry's CRC-32 checked. Restore reads and checks the whole
 * file, then matches it against the variables (names, dtypes, shapes) and reports every missing,
 * unexpected and mismatched entry in one {@link InvalidArgumentException}; only when all is well does
 * it assign, so a damaged or foreign file changes nothing.
 *
 * <p><b>Deferred restore.</b> Entries of layers that are not built yet ({@code dense/kernel} of an
 * unbuilt {@code dense} anywhere in the model's layers) are kept by the layer and become its weights'
 * initial values when it builds, as in TensorFlow. Optimizer slots are restored into a built model:
 * missing slots are created first ({@link Optimizer#build}) for the variables the file has slots of,
 * once everything else matches. A checkpoint without an optimizer ignores the file's
 * {@code optimizer/} entries, so a model restores from a training checkpoint for inference.
 */
public final class Checkpoint {

    /** Where the optimizer's entries live in a checkpoint. */
    public static final String OPTIMIZER_PREFIX = "optimizer/";

    private final Module model;
    private final Optimizer optimizer;
    private final UnaryOperator<OutputStream> streamFilter;

    private Checkpoint(Module model, Optimizer optimizer, UnaryOperator<OutputStream> streamFilter) {
        this.model = model;
        this.optimizer = optimizer;
        this.streamFilter = streamFilter;
    }

    /** A checkpoint of the variables of {@code model}. */
    public static Checkpoint of(Module model) {
        return of(model, null);
    }

    /**
     * A checkpoint of {@code model} and the state of {@code optimizer}; {@code optimizer} may be null: the
     * model alone (as {@link #of(Module)}).
     */
    public static Checkpoint of(Module model, Optimizer optimizer) {
        if (model == null) throw new InvalidArgumentException("Checkpoint.of: model is null");
        return new Checkpoint(model, optimizer, UnaryOperator.identity());
    }

    /** The same checkpoint writing through {@code filter} (tests make the stream fail). */
    Checkpoint withStreamFilter(UnaryOperator<OutputStream> filter) {
        return new Checkpoint(model, optimizer, filter);
    }

    /**
     * The values a save writes, by entry name, read now: the model's variables, then the optimizer's.
     *
     * @throws InvalidArgumentException if two variables share a name
     */
    public Map<String, Tensor> values() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        targets().forEach((name, v) -> out.put(name, v.asTensor()));
        return out;
    }

    /**
     * Writes every variable to {@code path} (safetensors, or {@code .npz} by the extension), replacing
     * the file atomically.
     *
     * @return {@code path}
     * @throws java.io.UncheckedIOException if the file cannot be written; the old file is intact then
     */
    public Path save(Path path) {
        if (path == null) throw new InvalidArgumentException("Checkpoint.save: path is null");
        CheckpointFiles.write(path, values(), streamFilter);
        return path;
    }

    /**
     * Restores every variable from {@code path} after checking the whole file (see the class comment).
     *
     * @return the entry names kept for layers not built yet (empty when all were assigned)
     * @throws InvalidArgumentException if the file is damaged or does not match; nothing changed then
     */
    public List<String> restore(Path path) {
        if (path == null) throw new InvalidArgumentException("Checkpoint.restore: path is null");
        return restore(CheckpointFiles.read(path), path);
    }

    /**
     * Restores from named values read elsewhere (say a safetensors file of another program's, via
     * {@link dev.jtensor.SafeTensors#load}), with the same checks as {@link #restore(Path)}.
     */
    public List<String> restore(Map<String, Tensor> values) {
        if (values == null) throw new InvalidArgumentException("Checkpoint.restore: values is null");
        return restore(new LinkedHashMap<>(values), "values");
    }

    private List<String> restore(Map<String, Tensor> values, Object source) {
        if (optimizer == null) values.keySet().removeIf(n -> n.startsWith(OPTIMIZER_PREFIX));
        Map<Layer, Map<String, Tensor>> deferred = deferrable(values);
        Set<String> deferredNames = new HashSet<>();
        deferred.values().forEach(m -> deferredNames.addAll(m.keySet()));
        String owner = describe();
        List<String> orphanSlots = values.keySet().stream().filter(n -> n.startsWith(OPTIMIZER_PREFIX)
                && deferredNames.stream().anyMatch(d -> n.startsWith(OPTIMIZER_PREFIX + d + "/"))).sorted().toList();
        if (optimizer != null && !orphanSlots.isEmpty()) {
            throw new InvalidArgumentException("Checkpoint " + source + ": optimizer slots " + orphanSlots + " belong to "
                    + "weights of layers not built yet; build the model (call it once, or give it an InputLayer) "
                    + "before restoring its optimizer; nothing was restored");
        }
        Map<String, Variable> targets = targets();
        if (optimizer != null) {
            // everything but the slots still to be made must match before the optimizer is built
            Matching.check(source, owner, targets, values, union(deferredNames, slotEntries(values, targets)));
            buildSlots(values);
            targets = targets();
        }
        Matching.check(source, owner, targets, values, deferredNames);
        targets.forEach((name, v) -> v.assign(values.get(name)));
        deferred.forEach(Layer::deferWeightValues);
        return deferredNames.stream().sorted().toList();
    }

    /** The model's variables, then the optimizer's under {@link #OPTIMIZER_PREFIX}, by entry name. */
    private Map<String, Variable> targets() {
        Map<String, Variable> out = new LinkedHashMap<>(Matching.byName(model.variables(), "", describe()));
        if (optimizer != null) {
            out.putAll(Matching.byName(optimizer.variables(), OPTIMIZER_PREFIX, "optimizer '" + optimizer.name() + "'"));
        }
        return out;
    }

    /** Entries of the optimizer's slots ({@code optimizer/<model variable>/<slot>}) for trainable variables. */
    private Set<String> slotEntries(Map<String, Tensor> values, Map<String, Variable> targets) {
        Set<String> out = new HashSet<>();
        for (Variable v : model.trainableVariables()) {
            String prefix = OPTIMIZER_PREFIX + v.name() + "/";
            values.keySet().stream().filter(n -> n.startsWith(prefix) && n.indexOf('/', prefix.length()) < 0
                    && !targets.containsKey(n)).forEach(out::add);
        }
        return out;
    }

    /** Creates the slots of trainable variables that the file has slot entries of. */
    private void buildSlots(Map<String, Tensor> values) {
        List<Variable> needed = new ArrayList<>();
        for (Variable v : model.trainableVariables()) {
            String prefix = OPTIMIZER_PREFIX + v.name() + "/";
            if (values.keySet().stream().anyMatch(n -> n.startsWith(prefix))) needed.add(v);
        }
        if (!needed.isEmpty()) optimizer.build(needed);
    }

    /** The entries of each unbuilt layer's future weights ({@code <layer name>/<weight>}). */
    private Map<Layer, Map<String, Tensor>> deferrable(Map<String, Tensor> values) {
        Map<Layer, Map<String, Tensor>> out = new LinkedHashMap<>();
        for (Layer layer : layersOf(model)) {
            if (layer.built()) continue;
            String prefix = layer.name() + "/";
            Map<String, Tensor> own = new LinkedHashMap<>();
            values.forEach((name, t) -> {
                if (name.startsWith(prefix) && name.indexOf('/', prefix.length()) < 0) own.put(name, t);
            });
            if (!own.isEmpty()) out.put(layer, own);
        }
        return out;
    }

    private static List<Layer> layersOf(Module module) {
        List<Layer> out = new ArrayList<>();
        if (module instanceof Layer layer) collect(layer, out);
        return out;
    }

    private static void collect(Layer layer, List<Layer> out) {
        if (out.contains(layer)) return;
        out.add(layer);
        if (layer instanceof Model m) m.layers().forEach(l -> collect(l, out));
    }

    private String describe() {
        return model instanceof Layer l ? "model \"" + l.name() + "\"" : "module " + model.getClass().getSimpleName();
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> out = new HashSet<>(a);
        out.addAll(b);
        return out;
    }
}
