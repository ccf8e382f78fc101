package dev.jtensor.graph;

import dev.jtensor.DType;
import dev.jtensor.FailedPreconditionException;
import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Operand;
import dev.jtensor.Shape;
import dev.jtensor.Tensor;
import dev.jtensor.Variable;
import dev.jtensor.accel.Backend;
import dev.jtensor.accel.Backends;
import dev.jtensor.internal.TensorAccess;
import dev.jtensor.internal.ThreadSettings;
import dev.jtensor.ops.AssignVariable;
import dev.jtensor.ops.CreatedVariable;
import dev.jtensor.ops.Dispatch;
import dev.jtensor.ops.Primitive;
import dev.jtensor.ops.ReadVariable;
import dev.jtensor.ops.TensorSpec;
import dev.jtensor.ops.ToDevice;
import dev.jtensor.ops.VariableHandle;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A dataflow graph, as in TensorFlow 1: build it once, then run parts of it in a {@link Session}
 * as often as needed. Inside {@link #asDefault()} every op of jtensor adds an {@link Operation}
 * to this graph and returns its symbolic output instead of computing: {@code TF.constant} gives a
 * {@code Const} operation, ops give operations of their primitive (shapes and dtypes are checked
 * then, with TensorFlow's messages), and a {@link Variable} becomes a graph variable with an
 * initializer. Nothing is computed while building. Outside a graph's scope ops stay eager.
 *
 * {@snippet :
 * Graph g = new Graph();
 * try (Scope scope = g.asDefault()) {
 *     Variable x = new Variable(TF.constant(3f), "x", true);
 *     Variable y = new Variable(TF.constant(4f), "y", true);
 *     Tensor f = x.mul(x).mul(y).add(y).add(2);     // Tensor("add_1:0", shape=(), dtype=float32)
 *     Operation init = g.globalVariablesInitializer();
 *     try (Session session = new Session(g)) {
 *         session.run(init);
 *         session.run(f).floatValue();              // 42
 *     }
 * }
 * }
 *
 * <p><b>Names.</b> Each operation has a unique name: the first {@code add} is {@code add}, the next
 * {@code add_1}; {@link #nameScope} prefixes them ({@code loss/mse}); {@link #withName} names the
 * operation that computes a result. Look them up with {@link #operation} and {@link #tensor}.
 *
 * <p><b>Dependencies.</b> A session runs only what its fetches need, so an update that nothing
 * fetched depends on does not run (the classic TensorFlow 1 pitfall): fetch it, {@link #group} it
 * with what you fetch, or build the reads inside {@link #controlDependencies}.
 *
 * <p>A graph needs no closing. Tensors of two graphs cannot meet in one op (an
 * {@link InvalidArgumentException} names both). Building is thread-safe; name scopes and control
 * dependencies belong to the thread that opened them.
 */
public final class Graph {

    private static final AtomicInteger GRAPHS = new AtomicInteger();
    private static final ThreadLocal<ArrayDeque<Graph>> DEFAULTS = ThreadLocal.withInitial(ArrayDeque::new);

    private final int number = GRAPHS.incrementAndGet();
    private final Object lock = new Object();
    private final List<Operation> operations = new ArrayList<>();
    private final Map<String, Operation> byName = new HashMap<>();
    private final Names names = new Names();
    private final Map<Tensor, Tensor> captured = new IdentityHashMap<>();
    private final GraphVariables variables = new GraphVariables();
    private final VariableStore variableStore = new VariableStore(this);
    private final ThreadLocal<BuildState> building = ThreadLocal.withInitial(BuildState::new);
    private final GraphHook hook = new GraphHook(this);

    /** This thread's name scope and control dependencies while it builds this graph. */
    private static final class BuildState {
        String scope = "";
        final ArrayDeque<ControlFrame> control = new ArrayDeque<>();

        List<Operation> controlInputs() {
            if (control.isEmpty()) return List.of();
            var all = new LinkedHashSet<Operation>();
            control.descendingIterator().forEachRemaining(f -> all.addAll(f.ops));
            return List.copyOf(all);
        }
    }

    /** One {@link #controlDependencies} scope (compared by identity). */
    private static final class ControlFrame {
        final List<Operation> ops;

        ControlFrame(List<Operation> ops) {
            this.ops = ops;
        }
    }

    /** An empty graph. */
    public Graph() {
    }

    // ------------------------------------------------------------------ the default graph

    /**
     * Makes this graph the default on this thread until the scope closes: ops applied on this
     * thread meanwhile add operations to it ({@code with g.as_default():}). Scopes nest; the
     * innermost graph is the default.
     */
    public Scope asDefault() {
        Dispatch.Scope hooked = Dispatch.push(hook);
        ArrayDeque<Graph> stack = DEFAULTS.get();
        stack.push(this);
        return new Scope(() -> {
            hooked.close();
            stack.removeFirstOccurrence(this);
        });
    }

    /**
     * The innermost graph made the default on this thread by {@link #asDefault()}.
     *
     * @throws FailedPreconditionException if there is none (ops run eagerly)
     */
    public static Graph getDefaultGraph() {
        Graph g = DEFAULTS.get().peek();
        if (g == null) {
            throw new FailedPreconditionException("No graph is the default on this thread (ops run eagerly): open one "
                    + "with graph.asDefault() or pass the graph explicitly");
        }
        return g;
    }

    // ------------------------------------------------------------------ placeholders

    /**
     * A placeholder named {@code Placeholder}: an input fed by each {@link Session#run}. Dimensions
     * may be unknown ({@link Shape#UNKNOWN}, TensorFlow's {@code None}) and take the fed value's.
     *
     * {@snippet :
     * Tensor x = g.placeholder(DType.FLOAT32, Shape.of(Shape.UNKNOWN, 3));   // batches of any size
     * }
     */
    public Tensor placeholder(DType dtype, Shape shape) {
        return placeholder(dtype, shape, null);
    }

    /** A placeholder of {@code dims} ({@code -1} for an unknown dimension), named {@code Placeholder}. */
    public Tensor placeholder(DType dtype, int... dims) {
        if (dims == null) {
            throw new InvalidArgumentException("Graph.placeholder: dims is null");
        }
        return placeholder(dtype, Shape.of(dims), null);
    }

    /**
     * A placeholder with a name (made unique; null for {@code Placeholder}).
     *
     * @throws InvalidArgumentException if the dtype or shape is null or the name is invalid
     */
    public Tensor placeholder(DType dtype, Shape shape, String name) {
        if (dtype == null || shape == null) {
            throw new InvalidArgumentException("Graph.placeholder: " + (dtype == null ? "dtype" : "shape") + " is null");
        }
        String base = name == null ? "Placeholder" : Names.requireValid(name, "operation name");
        return add(new OpKind.Placeholder(), List.of(), List.of(), new TensorSpec(dtype, shape), ThreadSettings.backend(),
                base, false).output();
    }

    // ------------------------------------------------------------------ names

    /**
     * Opens a name scope on this thread: operations added meanwhile are named {@code name/...}
     * ({@code tf.name_scope}). Scopes nest ({@code a/b/add}); a scope name already used gets a
     * suffix ({@code loss_1/}); a name ending in {@code /} re-enters that scope exactly, and
     * {@code ""} returns to the top level.
     *
     * {@snippet :
     * try (Scope loss = g.nameScope("loss")) {
     *     Tensor mse = g.withName("mse", () -> TF.reduceMean(TF.square(error)));   // loss/mse:0
     * }
     * }
     */
    public Scope nameScope(String name) {
        BuildState state = building.get();
        String previous = state.scope;
        state.scope = scopeName(state, name);
        return new Scope(() -> state.scope = previous);
    }

    private String scopeName(BuildState state, String name) {
        if (name == null) {
            throw new InvalidArgumentException("Graph.nameScope: name is null");
        }
        if (name.isEmpty()) return "";
        Names.requireValid(name, "scope name");
        if (name.endsWith("/")) return name;
        synchronized (lock) {
            return names.unique(state.scope + name) + "/";
        }
    }

    /**
     * Builds {@code build} inside a name scope {@code name} and gives the operation that computes
     * its result that name, as TensorFlow's {@code name=} argument: ops the result is composed of are
     * {@code name/...}. The name is made unique like any other.
     *
     * {@snippet :
     * Tensor mse = g.withName("mse", () -> TF.reduceMean(TF.square(error)));   // Tensor("mse:0", ...)
     * }
     *
     * @throws InvalidArgumentException if the name is invalid, or the result was not computed by an
     *     operation added inside
     */
    public Tensor withName(String name, Supplier<Tensor> build) {
        Names.requireValid(name, "operation name");
        if (build == null) {
            throw new InvalidArgumentException("Graph.withName: build is null");
        }
        BuildState state = building.get();
        String previous = state.scope;
        String scope = scopeName(state, name);
        int mark = size();
        Tensor result;
        try (Scope inGraph = asDefault()) {
            state.scope = scope;
            result = build.get();
        } finally {
            state.scope = previous;
        }
        Operation op = result == null ? null : Operation.producerOrNull(result);
        if (op == null || op.graph() != this || op.id() < mark) {
            throw new InvalidArgumentException("Graph.withName(\"" + name + "\"): the result " + result + " was not "
                    + "computed by an operation added inside, so there is no operation to name");
        }
        String finalName = scope.substring(0, scope.length() - 1);
        synchronized (lock) {
            byName.remove(op.name());
            op.rename(finalName);
            byName.put(finalName, op);
        }
        return result;
    }

    /**
     * The operation called {@code name}.
     *
     * @throws InvalidArgumentException if there is none
     */
    public Operation operation(String name) {
        if (name == null) {
            throw new InvalidArgumentException("Graph.operation: name is null");
        }
        synchronized (lock) {
            Operation op = byName.get(name);
            if (op == null) {
                throw new InvalidArgumentException("The name '" + name + "' refers to an Operation not in the graph.");
            }
            return op;
        }
    }

    /**
     * The tensor called {@code name}, TensorFlow's {@code "<operation name>:<output index>"}
     * ({@code "loss/mse:0"}); each operation has at most output 0.
     *
     * @throws InvalidArgumentException if the name is not of that form or names no tensor
     */
    public Tensor tensor(String name) {
        if (name == null) {
            throw new InvalidArgumentException("Graph.tensor: name is null");
        }
        int colon = name.lastIndexOf(':');
        if (colon < 0) {
            throw new InvalidArgumentException("The name '" + name + "' looks like an (invalid) Operation name, not a "
                    + "Tensor. Tensor names must be of the form \"<op_name>:<output_index>\".");
        }
        String opName = name.substring(0, colon);
        Operation op;
        synchronized (lock) {
            op = byName.get(opName);
        }
        if (op == null) {
            throw new InvalidArgumentException("The name '" + name + "' refers to a Tensor which does not exist. The "
                    + "operation, '" + opName + "', does not exist in the graph.");
        }
        if (!name.substring(colon + 1).equals("0") || !op.hasOutput()) {
            throw new InvalidArgumentException("The name '" + name + "' refers to a Tensor which does not exist. The "
                    + "operation, '" + opName + "', exists but has " + (op.hasOutput() ? "only output 0." : "no outputs."));
        }
        return op.output();
    }

    /** The operations in the order they were added (a snapshot). */
    public List<Operation> operations() {
        synchronized (lock) {
            return List.copyOf(operations);
        }
    }

    int size() {
        synchronized (lock) {
            return operations.size();
        }
    }

    // ------------------------------------------------------------------ dependencies

    /**
     * Opens a scope on this thread in which every op added waits for {@code ops}
     * ({@code tf.control_dependencies}): they run first whenever it runs, although it takes no
     * value from them. Scopes nest and accumulate. Constants, placeholders and variable
     * declarations compute nothing and never wait.
     *
     * {@snippet :
     * Tensor update = g.assignAdd(counter, TF.constant(1));
     * try (Scope after = g.controlDependencies(update)) {
     *     Tensor read = counter.readValue();     // runs the update first
     * }
     * }
     *
     * @throws InvalidArgumentException if an operation is null or of another graph
     */
    public Scope controlDependencies(Operation... ops) {
        ControlFrame frame = new ControlFrame(own("controlDependencies", ops));
        BuildState state = building.get();
        state.control.push(frame);
        return new Scope(() -> state.control.removeFirstOccurrence(frame));
    }

    /**
     * A scope with no control inputs of its own, {@code tf.control_dependencies([])}: the ops built
     * in it wait only for what outer scopes name.
     */
    public Scope controlDependencies() {
        return controlDependencies(new Operation[0]);
    }

    /** {@link #controlDependencies(Operation...)} on the operations that compute {@code tensors}. */
    public Scope controlDependencies(Tensor... tensors) {
        return controlDependencies(producers("controlDependencies", tensors));
    }

    /**
     * An operation ({@code NoOp}, named {@code group_deps}) that runs {@code ops} and computes
     * nothing ({@code tf.group}): run it to run them all.
     *
     * {@snippet :
     * Operation step = g.group(g.assign(w1, newW1), g.assign(w2, newW2));
     * session.runner().addTarget(step).fetch(loss).run();
     * }
     *
     * @throws InvalidArgumentException if an operation is null or of another graph
     */
    public Operation group(Operation... ops) {
        return add(new OpKind.NoOp(), List.of(), own("group", ops), null, ThreadSettings.backend(), "group_deps", true);
    }

    /**
     * Builds {@code build} inside a fresh name scope {@code base} and adds a {@code NoOp} named as
     * that scope which runs what it built, as TensorFlow names an optimizer's train op
     * ({@code GradientDescent}, its updates {@code GradientDescent/update_w/...}).
     */
    Operation groupAs(String base, Supplier<List<Operation>> build) {
        BuildState state = building.get();
        String previous = state.scope;
        String scope = scopeName(state, base);
        List<Operation> ops;
        try (Scope inGraph = asDefault()) {
            state.scope = scope;
            ops = build.get();
        } finally {
            state.scope = previous;
        }
        var waits = new LinkedHashSet<>(state.controlInputs());
        waits.addAll(ops);
        synchronized (lock) {
            return addNamed(scope.substring(0, scope.length() - 1), new OpKind.NoOp(), List.of(), List.copyOf(waits),
                    null, ThreadSettings.backend());
        }
    }

    /** An empty group, {@code tf.group()} with no inputs: a {@code NoOp} that runs nothing. */
    public Operation group() {
        return group(new Operation[0]);
    }

    /** {@link #group(Operation...)} of the operations that compute {@code tensors}. */
    public Operation group(Tensor... tensors) {
        return group(producers("group", tensors));
    }

    private List<Operation> own(String method, Operation[] ops) {
        if (ops == null) {
            throw new InvalidArgumentException("Graph." + method + ": ops is null");
        }
        for (int i = 0; i < ops.length; i++) {
            if (ops[i] == null) {
                throw new InvalidArgumentException("Graph." + method + ": operation #" + i + " is null");
            }
            if (ops[i].graph() != this) {
                throw new InvalidArgumentException("Graph." + method + ": " + ops[i] + " is an operation of "
                        + ops[i].graph() + ", not of " + this);
            }
        }
        return List.of(ops);
    }

    private static Operation[] producers(String method, Tensor[] tensors) {
        if (tensors == null) {
            throw new InvalidArgumentException("Graph." + method + ": tensors is null");
        }
        return Arrays.stream(tensors).map(Operation::of).toArray(Operation[]::new);
    }

    // ------------------------------------------------------------------ variables

    /**
     * The op {@code variable = value} in this graph ({@code tf.compat.v1.assign}); its output is the
     * new value. It runs when something fetched depends on it. ({@code variable.assign(value)}
     * inside the scope adds the same op but returns the variable.)
     *
     * @throws InvalidArgumentException if the value's dtype or shape is not the variable's
     */
    public Tensor assign(Variable variable, Operand value) {
        return update(AssignVariable.Mode.ASSIGN, "assign", variable, value);
    }

    /** The op {@code variable += value} ({@code tf.compat.v1.assign_add}); its output is the new value. */
    public Tensor assignAdd(Variable variable, Operand value) {
        return update(AssignVariable.Mode.ADD, "assignAdd", variable, value);
    }

    /** The op {@code variable -= value} ({@code tf.compat.v1.assign_sub}); its output is the new value. */
    public Tensor assignSub(Variable variable, Operand value) {
        return update(AssignVariable.Mode.SUB, "assignSub", variable, value);
    }

    private Tensor update(AssignVariable.Mode mode, String method, Variable variable, Operand value) {
        if (variable == null || value == null) {
            throw new InvalidArgumentException("Graph." + method + ": " + (variable == null ? "variable" : "value")
                    + " is null");
        }
        try (Scope inGraph = asDefault()) {
            return Dispatch.apply(new AssignVariable(variable.handle(), mode), value.asTensor());
        }
    }

    /**
     * An operation ({@code NoOp} named {@code init}) that runs the initializers of all variables
     * created in this graph so far ({@code tf.compat.v1.global_variables_initializer}).
     */
    public Operation globalVariablesInitializer() {
        return add(new OpKind.NoOp(), List.of(), variables.initializers(), null, ThreadSettings.backend(), "init", false);
    }

    /** The variables created in this graph, in order ({@code tf.compat.v1.global_variables}). */
    public List<Variable> variables() {
        return variables.all();
    }

    /** Those of {@link #variables()} that are trainable. */
    public List<Variable> trainableVariables() {
        return variables.all().stream().filter(Variable::trainable).toList();
    }

    // ------------------------------------------------------------------ variable scopes

    /**
     * Opens a variable scope {@code name} inside this thread's current one, reusing its variables if
     * {@code reuse} or if the scope it is in reuses ({@code tf.compat.v1.variable_scope(name, reuse=...)}).
     * It opens the name scope {@code name} too. See {@link VariableScope}.
     *
     * {@snippet :
     * try (VariableScope relu = g.variableScope("relu")) {          // creates relu/threshold
     *     g.getVariable("threshold", Shape.scalar(), DType.FLOAT32, Initializer.constant(0.0));
     * }
     * try (VariableScope relu = g.variableScope("relu", true)) {    // shares it; ops are relu_1/...
     *     Variable threshold = g.getVariable("threshold");
     * }
     * }
     *
     * @throws InvalidArgumentException if the name is not a valid scope name
     */
    public VariableScope variableScope(String name, boolean reuse) {
        return variableScope(name, reuse ? VariableScope.Reuse.REUSE : VariableScope.Reuse.INHERIT);
    }

    /**
     * Opens a variable scope with a reuse mode, {@link VariableScope.Reuse#AUTO_REUSE} among them
     * ({@code tf.compat.v1.variable_scope(name, reuse=tf.AUTO_REUSE)}: the first {@code getVariable}
     * creates, the next ones share).
     *
     * @throws InvalidArgumentException if the name is not a valid scope name
     */
    public VariableScope variableScope(String name, VariableScope.Reuse reuse) {
        if (name == null || reuse == null) {
            throw new InvalidArgumentException("Graph.variableScope: " + (name == null ? "name" : "reuse") + " is null");
        }
        return variableStore.open(name, reuse);
    }

    /** {@link #variableScope(String, boolean)} that reuses only if the scope it is in does. */
    public VariableScope variableScope(String name) {
        return variableScope(name, false);
    }

    /** This thread's current variable scope ({@code tf.compat.v1.get_variable_scope()}), the top level's if none is open. */
    public VariableScope getVariableScope() {
        return variableStore.current();
    }

    /**
     * The variable {@code name} of the current variable scope ({@code tf.compat.v1.get_variable}): a
     * new trainable graph variable {@code scope/name} whose initial value {@code initializer} makes,
     * or, in a scope that reuses, the one made before (its shape and dtype must be those given).
     *
     * {@snippet :
     * Variable w = g.getVariable("w", Shape.of(3, 1), DType.FLOAT32, Initializer.glorotUniform(42L));
     * }
     *
     * @throws InvalidArgumentException if the scope does not reuse and the variable exists
     *     ("Variable relu/threshold already exists, disallowed. ..."), if it reuses and the variable does
     *     not exist ("Variable relu/threshold does not exist, or was not created with tf.get_variable() ..."),
     *     or if a shape or dtype differs from the shared variable's, or a new variable's shape is not fully defined
     */
    public Variable getVariable(String name, Shape shape, DType dtype, Initializer initializer) {
        if (name == null || shape == null || dtype == null || initializer == null) {
            throw new InvalidArgumentException("Graph.getVariable: " + (name == null ? "name" : shape == null ? "shape"
                    : dtype == null ? "dtype" : "initializer") + " is null");
        }
        return variableStore.get(name, shape, dtype, initializer);
    }

    /**
     * {@link #getVariable(String, Shape, DType, Initializer)} with TensorFlow's default initializer:
     * {@link Initializer#glorotUniform} for floating point, zeros otherwise.
     */
    public Variable getVariable(String name, Shape shape, DType dtype) {
        if (dtype == null) {
            throw new InvalidArgumentException("Graph.getVariable: dtype is null");
        }
        return getVariable(name, shape, dtype, dtype.isFloating() ? Initializer.glorotUniform(null) : Initializer.zeros());
    }

    /**
     * The shared variable {@code name} of the current variable scope, which must reuse
     * ({@code tf.compat.v1.get_variable(name)} under {@code reuse=True}).
     *
     * @throws InvalidArgumentException if it does not exist, or the scope does not reuse (a new
     *     variable needs a shape, a dtype and an initializer)
     */
    public Variable getVariable(String name) {
        if (name == null) {
            throw new InvalidArgumentException("Graph.getVariable: name is null");
        }
        return variableStore.get(name, null, null, null);
    }

    boolean owns(VariableHandle handle) {
        return variables.contains(handle);
    }

    /** The tensor that reads {@code variable} (its {@code name/read} operation), for fetching it. */
    Tensor readOf(Variable variable) {
        Tensor read = variables.readOf(variable.handle());
        if (read == null) {
            throw new InvalidArgumentException("Variable '" + variable.name() + "' is not a variable of " + this
                    + "; only its own variables can be fetched");
        }
        return read;
    }

    // ------------------------------------------------------------------ adding operations (the hook's side)

    /**
     * Adds an operation named {@code base} (in the thread's name scope, made unique) that waits for
     * {@code control} and, if {@code inScope}, for the thread's control dependencies.
     */
    Operation add(OpKind kind, List<Tensor> inputs, List<Operation> control, TensorSpec output, Backend placement,
                  String base, boolean inScope) {
        BuildState state = building.get();
        List<Operation> waits = control;
        if (inScope && !state.control.isEmpty()) {
            var all = new LinkedHashSet<>(state.controlInputs());
            all.addAll(control);
            waits = List.copyOf(all);
        }
        synchronized (lock) {
            return addNamed(names.unique(state.scope + base), kind, inputs, waits, output, placement);
        }
    }

    /** Adds an operation under a name already reserved; the caller holds the lock. */
    private Operation addNamed(String name, OpKind kind, List<Tensor> inputs, List<Operation> control,
                               TensorSpec output, Backend placement) {
        Operation op = new Operation(this, operations.size(), name, kind, inputs, control, output, placement);
        operations.add(op);
        byName.put(name, op);
        return op;
    }

    /** The operation of an op applied in this graph's scope (from {@link GraphHook#intercept}). */
    Tensor apply(Primitive primitive, Tensor[] inputs, TensorSpec output) {
        List<Tensor> resolved = resolve(primitive.name(), inputs);
        for (VariableHandle handle : VariablePrimitives.handlesOf(primitive)) {
            if (handle.isGraphVariable() && !owns(handle)) {
                throw InvalidArgumentException.of(primitive.name(), "Variable '" + handle.name() + "' is a variable of "
                        + "another graph, not of " + this + "; a graph's variables cannot be used in another graph");
            }
        }
        // an op's output lives on its inputs' device, except a copy's, which lives where it copies to
        Backend placement = primitive instanceof ToDevice copy ? Backends.of(copy.device())
                : inputs.length > 0 ? TensorAccess.backend(inputs[0]) : ThreadSettings.backend();
        return add(new OpKind.Apply(primitive), resolved, List.of(), output, placement, Names.defaultName(primitive), true)
                .output();
    }

    /**
     * The graph tensors an op takes: its symbolic inputs, which must be of this graph, and its value
     * inputs as constants of this graph.
     */
    private List<Tensor> resolve(String opType, Tensor[] inputs) {
        Tensor first = null;
        Graph firstGraph = null;
        var resolved = new ArrayList<Tensor>(inputs.length);
        for (int i = 0; i < inputs.length; i++) {
            Tensor in = inputs[i];
            if (!in.isSymbolic()) {
                resolved.add(capture(in));
                continue;
            }
            Operation producer = Operation.producerOrNull(in);
            if (producer == null) {
                throw InvalidArgumentException.of(opType, "input #" + i + " " + in + " is symbolic but not "
                        + "a tensor of any Graph");
            }
            if (first == null) {
                first = in;
                firstGraph = producer.graph();
            } else if (producer.graph() != firstGraph) {
                throw InvalidArgumentException.of(opType, in + " must be from the same graph as " + first
                        + " (" + producer.graph() + " and " + firstGraph + ")");
            }
            resolved.add(in);
        }
        if (firstGraph != null && firstGraph != this) {
            throw InvalidArgumentException.of(opType, first + " is from " + firstGraph + ", but the op is being "
                    + "added to " + this + ", the default graph on this thread; tensors of two graphs cannot meet");
        }
        return resolved;
    }

    /** The constant operation holding {@code value}, an eager tensor some op of this graph takes (one per tensor). */
    Tensor capture(Tensor value) {
        synchronized (lock) {
            return captured.computeIfAbsent(value, this::constant);
        }
    }

    /** A {@code Const} operation for a tensor made from Java values in this graph's scope. */
    Tensor constant(Tensor value) {
        return add(new OpKind.Constant(value), List.of(), List.of(), TensorSpec.of(value), TensorAccess.backend(value),
                "Const", false).output();
    }

    /**
     * Makes {@code variable} a variable of this graph: a {@code VarHandleOp} with its unique name, an
     * initializer {@code name/Assign} and a read {@code name/read}; its values live in sessions.
     */
    CreatedVariable createVariable(Variable variable, String name, boolean trainable, Tensor initialValue) {
        String base = name == null ? "Variable" : Names.requireValid(name, "variable name");
        Tensor init = resolve("VarHandleOp", new Tensor[] {initialValue}).getFirst();
        if (!init.shape().isFullyDefined()) {
            throw new InvalidArgumentException("Variable '" + base + "': the initial value's shape " + init.shape()
                    + " must be fully defined");
        }
        Backend placement = TensorAccess.backend(init);
        BuildState state = building.get();
        synchronized (lock) {
            String full = names.unique(state.scope + base);
            VariableHandle handle = VariableHandle.ofGraphVariable(variable, full, trainable, init.dtype(), init.shape(),
                    placement);
            addNamed(full, new OpKind.VariableOp(handle), List.of(), List.of(), null, placement);
            Primitive assign = new AssignVariable(handle, AssignVariable.Mode.ASSIGN);
            Operation initializer = addNamed(names.unique(full + "/Assign"), new OpKind.Apply(assign), List.of(init),
                    List.of(), assign.infer(TensorSpec.of(init)), placement);
            Primitive read = new ReadVariable(handle);
            Operation reader = addNamed(names.unique(full + "/read"), new OpKind.Apply(read), List.of(), List.of(),
                    read.infer(), placement);
            variables.add(variable, handle, initializer, reader.output());
            return new CreatedVariable(handle, initializer.output());
        }
    }

    /** {@code Graph#n}, numbered in the order graphs are made. */
    @Override
    public String toString() {
        return "Graph#" + number;
    }
}
