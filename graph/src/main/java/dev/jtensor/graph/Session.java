package dev.jtensor.graph;

import dev.jtensor.FailedPreconditionException;
import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Operand;
import dev.jtensor.Tensor;
import dev.jtensor.Variable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs parts of a {@link Graph} (TensorFlow 1's {@code tf.Session}): {@code run} computes the
 * values of its fetches, feeding placeholders (or any graph tensor) with the given values, and
 * runs only the operations the fetches and targets need, each once per run. Results are ordinary
 * tensors with values.
 *
 * {@snippet :
 * try (Session session = new Session(g)) {
 *     session.run(g.globalVariablesInitializer());
 *     Tensor y = session.run(prediction, Map.of(x, new float[][] {{1, 2, 3}}));
 *     List<Tensor> both = session.run(List.of(loss, accuracy), Map.of(x, batch, labels, batchLabels));
 *     Map<String, Tensor> named = session.run(Map.of("loss", loss), Map.of(x, batch, labels, batchLabels));
 *     List<Tensor> afterStep = session.runner().feed(x, batch).feed(labels, batchLabels)
 *             .addTarget(trainStep).fetch(loss).run();
 * }
 * }
 *
 * <p><b>Variables.</b> Each session keeps its own values of the graph's variables, from when an
 * initializer runs in it until it closes; two sessions of one graph do not share them. Using a
 * variable before its initializer ran in this session is a {@link FailedPreconditionException}
 * ("Attempting to use uninitialized value x"). Variables created outside any graph and used by
 * graph ops are shared, by reference.
 *
 * <p><b>Order.</b> The needed operations run in the order they were added to the graph, so within
 * a run a read added after an update sees it, deterministically (TensorFlow leaves independent
 * stateful ops unordered; use {@link Graph#controlDependencies} where order matters to be portable).
 *
 * <p><b>Threads.</b> {@code run} is thread-safe: several threads may run one session at once. Each
 * run's intermediate values are its own; variable updates are atomic, each one swapping the
 * variable's value under its lock. Closing a session frees its variables' values; running it
 * afterwards is an error.
 */
public class Session implements AutoCloseable {

    private static final ThreadLocal<ArrayDeque<Session>> DEFAULTS = ThreadLocal.withInitial(ArrayDeque::new);

    private final Graph graph;
    private final SessionVariables variables;
    private final Set<GraphOptimization> optimizations;
    /** The runs planned so far: planning prunes and optimises once per kind of run (TF's callables). */
    private final Map<RunKey, Execution> plans = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** Plans kept at most; a program that keeps making new fetches starts over rather than growing without bound. */
    private static final int MAX_PLANS = 256;

    /** What a plan depends on: the fetches, the targets and which tensors are fed (all compared by identity). */
    private record RunKey(List<Tensor> fetches, List<Operation> targets, List<Tensor> fed) {
    }

    /**
     * A session for {@code graph} that applies every {@link GraphOptimization}.
     *
     * @throws InvalidArgumentException if the graph is null
     */
    public Session(Graph graph) {
        this(graph, GraphOptimization.ALL);
    }

    /**
     * A session for {@code graph} that applies only {@code optimizations} before each run
     * ({@link GraphOptimization#NONE} for none).
     *
     * @throws InvalidArgumentException if the graph or the set is null
     */
    public Session(Graph graph, Set<GraphOptimization> optimizations) {
        if (graph == null || optimizations == null) {
            throw new InvalidArgumentException("Session: " + (graph == null ? "graph" : "optimizations") + " is null");
        }
        for (GraphOptimization o : optimizations) {
            if (o == null) throw new InvalidArgumentException("Session: optimizations " + optimizations + " hold a null");
        }
        this.graph = graph;
        this.variables = new SessionVariables(graph);
        this.optimizations = Set.copyOf(optimizations);
    }

    /** The passes this session applies. */
    public Set<GraphOptimization> optimizations() {
        return optimizations;
    }

    /**
     * A session for this thread's default graph ({@link Graph#getDefaultGraph()}), as {@code tf.Session()}.
     *
     * @throws FailedPreconditionException if no graph is the default on this thread
     */
    public Session() {
        this(Graph.getDefaultGraph());
    }

    /** The graph it runs. */
    public Graph graph() {
        return graph;
    }

    // ------------------------------------------------------------------ run

    /** The value of {@code fetch}: a tensor of the graph, or a graph variable (its current value). */
    public Tensor run(Operand fetch) {
        return run(fetch, Map.of());
    }

    /**
     * The value of {@code fetch} with {@code feeds}: graph tensors (placeholders, usually) and their
     * values, tensors or Java scalars and arrays (converted to the fed tensor's dtype).
     *
     * @throws InvalidArgumentException if a feed's dtype or shape does not fit its tensor, a needed
     *     placeholder is not fed, or a fetch or feed is not of this graph
     * @throws FailedPreconditionException if a needed variable is not initialised in this session
     */
    public Tensor run(Operand fetch, Map<Tensor, ?> feeds) {
        return runner().feedAll(feeds).fetch(fetch).run().getFirst();
    }

    /** The values of {@code fetches}, in order, computed in one run (shared work runs once). */
    public List<Tensor> run(List<? extends Operand> fetches) {
        return run(fetches, Map.of());
    }

    /** The values of {@code fetches} with {@code feeds}, computed in one run. */
    public List<Tensor> run(List<? extends Operand> fetches, Map<Tensor, ?> feeds) {
        if (fetches == null) {
            throw new InvalidArgumentException("Session.run: fetches is null");
        }
        Runner runner = runner().feedAll(feeds);
        fetches.forEach(runner::fetch);
        return runner.run();
    }

    /**
     * The values of named fetches, by the same names, computed in one run (TensorFlow's dict of fetches).
     *
     * {@snippet :
     * Map<String, Tensor> out = session.run(Map.of("loss", loss, "accuracy", accuracy), feeds);
     * }
     */
    public Map<String, Tensor> run(Map<String, ? extends Operand> fetches, Map<Tensor, ?> feeds) {
        if (fetches == null) {
            throw new InvalidArgumentException("Session.run: fetches is null");
        }
        List<String> names = new ArrayList<>(fetches.keySet());
        List<Tensor> values = run(names.stream().map(n -> (Operand) fetches.get(n)).toList(), feeds);
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            out.put(names.get(i), values.get(i));
        }
        return out;
    }

    /** Runs {@code target} (an initializer, a {@link Graph#group}, an update) and what it needs. */
    public void run(Operation target) {
        run(target, Map.of());
    }

    /** Runs {@code target} with {@code feeds}. */
    public void run(Operation target, Map<Tensor, ?> feeds) {
        runner().feedAll(feeds).addTarget(target).run();
    }

    /** A builder for a run with any mix of feeds, fetches and targets (TensorFlow Java's {@code Session.Runner}). */
    public Runner runner() {
        return new Runner();
    }

    /**
     * One run being assembled: {@code feed} values, {@code fetch} results, {@code addTarget} operations
     * to run for their effects, then {@link #run()}. Not thread-safe (build it on one thread); the
     * session is.
     */
    public final class Runner {
        private final Map<Tensor, Object> feeds = new LinkedHashMap<>();
        private final List<Tensor> fetches = new ArrayList<>();
        private final List<Operation> targets = new ArrayList<>();

        private Runner() {
        }

        /** Feeds {@code value} (a tensor, or a Java scalar or array) for {@code tensor}. */
        public Runner feed(Tensor tensor, Object value) {
            if (tensor == null || value == null) {
                throw new InvalidArgumentException("Session.Runner.feed: " + (tensor == null ? "tensor" : "value of "
                        + tensor) + " is null");
            }
            feeds.put(tensor, value);
            return this;
        }

        Runner feedAll(Map<Tensor, ?> values) {
            if (values == null) {
                throw new InvalidArgumentException("Session.run: feeds is null");
            }
            values.forEach(this::feed);
            return this;
        }

        /** Adds a fetch: a graph tensor, or a variable of the graph (its value). */
        public Runner fetch(Operand fetch) {
            if (fetch == null) {
                throw new InvalidArgumentException("Session.run: fetch #" + fetches.size() + " is null");
            }
            Tensor t = fetch instanceof Variable v ? graph.readOf(v) : fetch.asTensor();
            Feeds.requireElement(graph, t, "Fetch argument " + fetches.size() + ": ");
            fetches.add(t);
            return this;
        }

        /** Adds an operation to run for its effects. */
        public Runner addTarget(Operation target) {
            if (target == null) {
                throw new InvalidArgumentException("Session.run: target #" + targets.size() + " is null");
            }
            if (target.graph() != graph) {
                throw new InvalidArgumentException("Session.run: " + target + " is an operation of " + target.graph()
                        + ", not of this session's " + graph);
            }
            targets.add(target);
            return this;
        }

        /** Runs, and gives the fetches' values in the order they were added. */
        public List<Tensor> run() {
            requireOpen();
            Map<Tensor, Tensor> checked = Feeds.check(graph, feeds);
            List<Tensor> fed = List.copyOf(checked.keySet());
            Execution execution = plans.get(new RunKey(fetches, targets, fed));
            if (execution == null) {
                execution = new Execution(Planner.plan(variables, fetches, targets, fed, optimizations),
                        optimizations.contains(GraphOptimization.BUFFER_REUSE),
                optimizations.contains(GraphOptimization.IN_PLACE_UPDATES));
                if (plans.size() >= MAX_PLANS) plans.clear();
                plans.put(new RunKey(List.copyOf(fetches), List.copyOf(targets), fed), execution);
            }
            return execution.run(checked.values().toArray(Tensor[]::new), null);
        }
    }

    // ------------------------------------------------------------------ the default session

    /**
     * Makes this session the default on this thread until the scope closes, for
     * {@link #eval(Operand)} and {@link Operation#run()} ({@code with sess.as_default():}).
     */
    public Scope asDefault() {
        ArrayDeque<Session> stack = DEFAULTS.get();
        stack.push(this);
        return new Scope(() -> stack.removeFirstOccurrence(this));
    }

    /**
     * The innermost default session on this thread.
     *
     * @throws FailedPreconditionException if there is none
     */
    public static Session getDefaultSession() {
        Session s = DEFAULTS.get().peek();
        if (s == null) {
            throw new FailedPreconditionException("No default session is registered on this thread. Use "
                    + "session.asDefault() (or an InteractiveSession), or call session.run(...) explicitly");
        }
        return s;
    }

    /**
     * The value of {@code fetch} in the default session, as TensorFlow's {@code tensor.eval()}.
     *
     * {@snippet :
     * try (Session session = new Session(g); Scope s = session.asDefault()) {
     *     float f = Session.eval(y).floatValue();
     * }
     * }
     */
    public static Tensor eval(Operand fetch) {
        return eval(fetch, Map.of());
    }

    /** The value of {@code fetch} in the default session with {@code feeds}. */
    public static Tensor eval(Operand fetch, Map<Tensor, ?> feeds) {
        if (fetch == null || feeds == null) {
            throw new InvalidArgumentException("Session.eval: " + (fetch == null ? "fetch" : "feeds") + " is null");
        }
        return getDefaultSession().run(fetch, feeds);
    }

    // ------------------------------------------------------------------ closing

    private void requireOpen() {
        if (closed) {
            throw new FailedPreconditionException("Attempted to use a closed Session.");
        }
    }

    /** Frees this session's variable values; later runs are errors. Closing twice is harmless. */
    @Override
    public void close() {
        closed = true;
        plans.clear();
        variables.clear();
        DEFAULTS.get().remove(this);
    }
}
