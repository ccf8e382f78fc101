package dev.jtensor.nn.checkpoint;

import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Tensor;
import dev.jtensor.Variable;
import dev.jtensor.graph.Graph;
import dev.jtensor.graph.Operation;
import dev.jtensor.graph.Scope;
import dev.jtensor.graph.Session;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * TensorFlow 1's {@code tf.compat.v1.train.Saver} for graph mode: saves a session's values of graph
 * variables, by their graph names, and restores them, in the same files as {@link Checkpoint}
 * (safetensors, or {@code .npz} by the extension; atomic writes, checksum, all-or-nothing restore).
 * Like TensorFlow's, it adds its restore operations to the graph when made ({@code save/...}): make
 * it after the variables, before the session runs.
 *
 * {@snippet :
 * Graph g = new Graph();
 * try (var scope = g.asDefault()) {
 *     Variable theta = new Variable(TF.randomUniform(new int[] {9, 1}, -1, 1), "theta", true);
 *     // ... the model and its training op ...
 *     Saver saver = new Saver(g);
 *     try (Session sess = new Session(g)) {
 *         sess.run(g.globalVariablesInitializer());
 *         // ... training ...
 *         saver.save(sess, Path.of("/tmp/my_model.ckpt"));
 *     }
 *     try (Session sess = new Session(g)) {
 *         saver.restore(sess, Path.of("/tmp/my_model.ckpt"));   // instead of the initializer
 *     }
 * }
 * }
 */
public final class Saver {

    private final Graph graph;
    private final Map<String, Variable> variables;
    private final Map<Variable, Tensor> feeds = new LinkedHashMap<>();
    private final Operation restoreAll;

    /** Saves every variable of {@code graph} ({@code tf.compat.v1.global_variables()}). */
    public Saver(Graph graph) {
        this(graph, graph == null ? List.of() : graph.variables());
    }

    /**
     * Saves {@code variables}, all of {@code graph}.
     *
     * @throws InvalidArgumentException if one is of another graph or two share a name
     */
    public Saver(Graph graph, List<Variable> variables) {
        if (graph == null) throw new InvalidArgumentException("Saver: graph is null");
        if (variables == null) throw new InvalidArgumentException("Saver: variables is null");
        for (int i = 0; i < variables.size(); i++) {
            if (variables.get(i) == null) throw new InvalidArgumentException("Saver: variables[" + i + "] is null");
        }
        List<Variable> own = graph.variables();
        for (Variable v : variables) {
            if (!own.contains(v)) {
                throw new InvalidArgumentException("Saver: variable '" + v.name() + "' is not a variable of the graph");
            }
        }
        this.graph = graph;
        this.variables = Matching.byName(variables, "", "the Saver's variable list");
        List<Tensor> assigns = new ArrayList<>();
        try (Scope inGraph = graph.asDefault(); Scope save = graph.nameScope("save")) {
            for (Variable v : this.variables.values()) {
                Tensor value = graph.placeholder(v.dtype(), v.shape(), null);
                feeds.put(v, value);
                assigns.add(graph.assign(v, value));
            }
            this.restoreAll = graph.group(assigns.toArray(Tensor[]::new));
        }
    }

    /**
     * Writes the session's values of the variables to {@code path} ({@code saver.save(sess, path)}).
     *
     * @return {@code path}
     * @throws dev.jtensor.FailedPreconditionException if a variable is not initialised in the session
     */
    public Path save(Session session, Path path) {
        if (session == null) throw new InvalidArgumentException("Saver.save: session is null");
        if (path == null) throw new InvalidArgumentException("Saver.save: path is null");
        requireOwnSession(session, "save");
        List<Variable> order = List.copyOf(variables.values());
        List<Tensor> values = session.run(order);
        Map<String, Tensor> named = new LinkedHashMap<>();
        for (int i = 0; i < order.size(); i++) named.put(order.get(i).name(), values.get(i));
        CheckpointFiles.write(path, named, UnaryOperator.identity());
        return path;
    }

    /**
     * Assigns the variables in {@code session} from {@code path} (no initializer is needed). The file
     * is checked whole and matched by name, dtype and shape first: on any difference nothing changes.
     */
    public void restore(Session session, Path path) {
        if (session == null) throw new InvalidArgumentException("Saver.restore: session is null");
        if (path == null) throw new InvalidArgumentException("Saver.restore: path is null");
        requireOwnSession(session, "restore");
        Map<String, Tensor> values = CheckpointFiles.read(path);
        Matching.check(path, "the Saver's variables", variables, values, Set.of());
        Map<Tensor, Object> feed = new LinkedHashMap<>();
        variables.forEach((name, v) -> feed.put(feeds.get(v), values.get(name)));
        session.run(restoreAll, feed);
    }

    private void requireOwnSession(Session session, String method) {
        if (session.graph() != graph) {
            throw new InvalidArgumentException("Saver." + method + ": the session must run the Saver's graph, got "
                    + "a session of another graph");
        }
    }
}
