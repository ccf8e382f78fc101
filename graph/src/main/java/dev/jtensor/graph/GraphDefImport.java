package dev.jtensor.graph;

import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Tensor;
import dev.jtensor.Variable;
import dev.jtensor.accel.Backend;
import dev.jtensor.accel.Backends;
import dev.jtensor.internal.TensorAccess;
import dev.jtensor.graph.proto.GraphDef;
import dev.jtensor.graph.proto.NodeDef;
import dev.jtensor.ops.ApplyGradientDescent;
import dev.jtensor.ops.AssignVariable;
import dev.jtensor.ops.Primitive;
import dev.jtensor.ops.ReadVariable;
import dev.jtensor.ops.TensorSpec;
import dev.jtensor.ops.ToDevice;
import dev.jtensor.ops.VariableHandle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A {@code GraphDef} into a {@link Graph} ({@code tf.import_graph_def}). Everything is checked
 * before the first operation is added, so a bad GraphDef leaves the graph as it was: node names,
 * inputs, op types, attributes and parameters, cycles, and every operation's shapes and dtypes.
 * Then the nodes are added in an order where inputs come first. {@code Const} nodes that only feed
 * parameters (reduction axes, permutations, shapes...) and the helper nodes of a donor broadcast or
 * a random chain become no operation of their own. A {@code VarHandleOp} {@code v} becomes a graph
 * variable whose initial value is what its initializer assigns (the {@code AssignVariableOp} named
 * {@code v/Assign}, or the one a meta graph names); that initializer and a plain {@code v/read}
 * become the variable's own initializer and read operations, and a {@code ReadVariableOp} named
 * {@code <update>/read} that only waits for an update of the same variable stands for that update's
 * output.
 */
final class GraphDefImport {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9.][A-Za-z0-9_.\\-/>]*");

    private final Graph graph;
    private final String source;
    private final Predicate<String> trainable;
    private final Map<String, String> initializerNames;
    private final Map<String, NodeDef> nodes = new LinkedHashMap<>();
    private final Map<String, List<String>> dataInputs = new HashMap<>();
    private final Map<String, List<String>> controlInputs = new HashMap<>();
    private final Map<String, ImportedOps.Role> roles = new HashMap<>();
    private final Set<String> hidden = new HashSet<>();
    /** Initializer node name to its variable's node name, and the reads that stand for an update's output. */
    private final Map<String, String> initializerOf = new HashMap<>();
    private final Map<String, String> variableInitializer = new HashMap<>();
    private final Map<String, String> aliasOf = new HashMap<>();
    private final Map<String, TensorSpec> specs = new HashMap<>();
    private final Map<String, Primitive> primitives = new HashMap<>();
    private final NodeValues values;

    private GraphDefImport(Graph graph, String source, Predicate<String> trainable, Map<String, String> initializers) {
        this.graph = graph;
        this.source = source;
        this.trainable = trainable;
        this.initializerNames = initializers;
        this.values = new NodeValues(source, nodes);
    }

    /**
     * Imports {@code def} into {@code graph} under the name scope {@code prefix} ("" for none) and
     * gives the operation each node became (a node that only fed parameters has none).
     *
     * @param trainable    which variables (by node name) are trainable
     * @param initializers the initializer node of a variable node, where a meta graph names it
     */
    static Map<String, Operation> importInto(Graph graph, GraphDef def, String prefix, String source,
                                             Predicate<String> trainable, Map<String, String> initializers) {
        GraphDefImport im = new GraphDefImport(graph, source, trainable, initializers);
        List<String> order = im.check(def, prefix);
        return im.add(order, prefix);
    }

    private ProtoValues.Where at(String node) {
        return new ProtoValues.Where(source, node);
    }

    // ------------------------------------------------------------------ checking

    private List<String> check(GraphDef def, String prefix) {
        for (NodeDef node : def.getNodeList()) {
            String name = node.getName();
            if (!NAME.matcher(name).matches()) {
                throw new GraphDefException(source, name.isEmpty() ? "" : name, "is not a valid node name");
            }
            if (nodes.put(name, node) != null) {
                throw new GraphDefException(source, name, "appears twice; node names must be unique");
            }
        }
        for (NodeDef node : nodes.values()) {
            parseInputs(node);
        }
        for (NodeDef node : nodes.values()) {
            roles.put(node.getName(), ImportedOps.role(node, dataInputs.get(node.getName()), nodes));
        }
        findVariables();
        findHidden();
        List<String> order = topologicalOrder();
        for (String name : order) {
            infer(nodes.get(name));
        }
        if (prefix.isEmpty()) {
            Set<String> existing = new HashSet<>();
            graph.operations().forEach(op -> existing.add(op.name()));
            for (String name : order) {
                if (existing.contains(name)) {
                    throw new GraphDefException(source, name, "is already the name of an operation of " + graph
                            + "; import with a name prefix");
                }
            }
        }
        return order;
    }

    private void parseInputs(NodeDef node) {
        var data = new ArrayList<String>();
        var control = new ArrayList<String>();
        for (String input : node.getInputList()) {
            boolean isControl = input.startsWith("^");
            String ref = isControl ? input.substring(1) : input;
            int colon = ref.lastIndexOf(':');
            if (colon >= 0) {
                if (!ref.substring(colon + 1).equals("0")) {
                    throw new GraphDefException(source, node.getName(), "input '" + input + "' names output "
                            + ref.substring(colon + 1) + "; jtensor's operations have one output, 0");
                }
                ref = ref.substring(0, colon);
            }
            if (!nodes.containsKey(ref)) {
                throw new GraphDefException(source, node.getName(), "input '" + input + "' names no node of the GraphDef");
            }
            if (isControl) {
                control.add(ref);
            } else if (!control.isEmpty()) {
                throw new GraphDefException(source, node.getName(), "data input '" + input + "' comes after a control input");
            } else {
                data.add(ref);
            }
        }
        dataInputs.put(node.getName(), data);
        controlInputs.put(node.getName(), control);
        // inputs as plain node names from here on, so that helper-chain matching can compare them
        nodes.put(node.getName(), node.toBuilder().clearInput().addAllInput(data)
                .addAllInput(control.stream().map(c -> "^" + c).toList()).build());
    }

    private boolean isVariableOp(String op) {
        return op.equals("ReadVariableOp") || op.equals("AssignVariableOp") || op.equals("AssignAddVariableOp")
                || op.equals("AssignSubVariableOp") || op.equals("ResourceApplyGradientDescent");
    }

    /** Each variable's initializer; the reads that stand for an update's output. */
    private void findVariables() {
        for (NodeDef node : nodes.values()) {
            String op = node.getOp();
            if (!isVariableOp(op)) continue;
            List<String> in = dataInputs.get(node.getName());
            int arity = switch (op) {
                case "ReadVariableOp" -> 1;
                case "ResourceApplyGradientDescent" -> 3;
                default -> 2;
            };
            if (in.size() != arity || !nodes.get(in.getFirst()).getOp().equals("VarHandleOp")) {
                throw new GraphDefException(source, node.getName(), op + " takes " + arity + " input(s), the first a "
                        + "VarHandleOp, but has " + in);
            }
        }
        for (NodeDef node : nodes.values()) {
            if (!node.getOp().equals("VarHandleOp")) continue;
            String v = node.getName();
            String init = initializerNames.getOrDefault(v, v + "/Assign");
            NodeDef assign = nodes.get(init);
            if (assign == null || !assign.getOp().equals("AssignVariableOp")
                    || !dataInputs.get(init).getFirst().equals(v) || !controlInputs.get(init).isEmpty()) {
                throw new GraphDefException(source, v, "the VarHandleOp has no initializer: jtensor's graph variables "
                        + "need one, an AssignVariableOp '" + init + "' of it without control inputs");
            }
            initializerOf.put(init, v);
            variableInitializer.put(v, init);
        }
        for (NodeDef node : nodes.values()) {
            List<String> control = controlInputs.get(node.getName());
            if (!node.getOp().equals("ReadVariableOp") || control.size() != 1) continue;
            NodeDef update = nodes.get(control.getFirst());
            if (isVariableOp(update.getOp()) && !update.getOp().equals("ReadVariableOp")
                    && dataInputs.get(update.getName()).getFirst().equals(dataInputs.get(node.getName()).getFirst())
                    && node.getName().startsWith(update.getName() + "/read")) {
                aliasOf.put(node.getName(), update.getName());
            }
        }
    }

    /** The nodes that only feed parameters or helper chains: no operation of their own. */
    private void findHidden() {
        Set<String> candidates = new HashSet<>();
        roles.values().forEach(r -> candidates.addAll(r.parameters()));
        boolean changed = true;
        while (changed) {
            changed = false;
            Set<String> used = new HashSet<>();
            for (var e : roles.entrySet()) {
                if (candidates.contains(e.getKey())) continue;
                used.addAll(e.getValue().tensors());
                used.addAll(controlInputs.get(e.getKey()));
            }
            for (String c : controlInputs.keySet()) {
                if (candidates.contains(c) && !controlInputs.get(c).isEmpty()) used.add(c);
            }
            changed = candidates.removeIf(used::contains);
        }
        hidden.addAll(candidates);
    }

    /** What must exist before a node: its tensor inputs, control inputs, variable and initial value. */
    private List<String> dependencies(String name) {
        NodeDef node = nodes.get(name);
        var deps = new ArrayList<String>(roles.get(name).tensors());
        if (isVariableOp(node.getOp())) {
            deps.add(dataInputs.get(name).getFirst());
        }
        if (node.getOp().equals("VarHandleOp")) {
            deps.add(dataInputs.get(variableInitializer.get(name)).get(1));
        }
        if (initializerOf.containsKey(name)) {
            deps = new ArrayList<>(List.of(initializerOf.get(name)));
        }
        if (aliasOf.containsKey(name)) {
            deps = new ArrayList<>(List.of(aliasOf.get(name)));
        }
        deps.addAll(controlInputs.get(name));
        return deps;
    }

    private List<String> topologicalOrder() {
        var order = new ArrayList<String>();
        Map<String, Integer> state = new HashMap<>();   // 1 visiting, 2 done
        for (String start : nodes.keySet()) {
            if (hidden.contains(start) || state.containsKey(start)) continue;
            var stack = new ArrayList<String>();
            var next = new ArrayList<Integer>();
            stack.add(start);
            next.add(0);
            state.put(start, 1);
            while (!stack.isEmpty()) {
                String top = stack.getLast();
                List<String> deps = dependencies(top);
                int i = next.getLast();
                if (i == deps.size()) {
                    stack.removeLast();
                    next.removeLast();
                    state.put(top, 2);
                    order.add(top);
                    continue;
                }
                next.set(next.size() - 1, i + 1);
                String dep = deps.get(i);
                Integer s = state.get(dep);
                if (s != null && s == 1) {
                    throw new GraphDefException(source, dep, "is part of a cycle (" + String.join(" -> ",
                            stack.subList(stack.indexOf(dep), stack.size())) + " -> " + dep + ")");
                }
                if (s == null) {
                    state.put(dep, 1);
                    stack.add(dep);
                    next.add(0);
                }
            }
        }
        return order;
    }

    /** Checks a node as its operation will be: op type, attributes, parameters, shapes and dtypes. */
    private void infer(NodeDef node) {
        String name = node.getName();
        ProtoValues.Where where = at(name);
        List<TensorSpec> in = roles.get(name).tensors().stream().map(t -> {
            TensorSpec spec = specs.get(t);
            if (spec == null) {
                throw where.error("input '" + t + "' (" + nodes.get(t).getOp() + ") has no output to take");
            }
            return spec;
        }).toList();
        TensorSpec out;
        try {
            out = switch (node.getOp()) {
                case "Placeholder" -> new TensorSpec(values.attrType(node, "dtype"), values.attrShape(node, "shape"));
                case "Const" -> TensorSpec.of(values.value(node));
                case "NoOp" -> null;
                case "VarHandleOp" -> {
                    TensorSpec init = specs.get(dataInputs.get(variableInitializer.get(name)).get(1));
                    TensorSpec declared = new TensorSpec(values.attrType(node, "dtype"), values.attrShape(node, "shape"));
                    if (init == null || init.dtype() != declared.dtype() || !init.shape().isCompatibleWith(declared.shape())
                            || !init.shape().isFullyDefined()) {
                        throw where.error("the variable is " + declared + " but its initializer assigns " + init);
                    }
                    specs.put(name + " (variable)", declared);
                    yield null;
                }
                case "ReadVariableOp", "AssignVariableOp", "AssignAddVariableOp", "AssignSubVariableOp",
                     "ResourceApplyGradientDescent" -> variableOp(node, in, where);
                default -> {
                    if (!ImportedOps.knows(node.getOp()) && RandomDraws.chain(node, nodes) == null) {
                        throw where.error("op type '" + node.getOp() + "' is not one jtensor can import");
                    }
                    Primitive p = ImportedOps.primitive(node, in, nodes, values, where);
                    primitives.put(name, p);
                    yield p.infer(in.toArray(TensorSpec[]::new));
                }
            };
        } catch (GraphDefException e) {
            throw e;
        } catch (InvalidArgumentException e) {
            throw new GraphDefException(source, name, "(" + node.getOp() + ") " + e.getMessage(), e);
        }
        if (out != null) specs.put(name, out);
    }

    /** The spec of a variable op, checked against the variable's as the primitive would. */
    private TensorSpec variableOp(NodeDef node, List<TensorSpec> in, ProtoValues.Where where) {
        String v = dataInputs.get(node.getName()).getFirst();
        TensorSpec variable = specs.get(v + " (variable)");
        if (!values.attrType(node, node.getOp().equals("ResourceApplyGradientDescent") ? "T" : "dtype")
                .equals(variable.dtype())) {
            throw where.error("the dtype attribute is not the variable's " + variable.dtype());
        }
        List<TensorSpec> values = in.subList(in.size() - (node.getOp().equals("ReadVariableOp") ? 0 : 1), in.size());
        for (TensorSpec value : values) {
            if (value.dtype() != variable.dtype() || !value.shape().isCompatibleWith(variable.shape())) {
                throw where.error("the value " + value + " does not fit the variable '" + v + "' of " + variable);
            }
        }
        return variable;
    }

    // ------------------------------------------------------------------ adding

    private Map<String, Operation> add(List<String> order, String prefix) {
        Map<String, Operation> made = new LinkedHashMap<>();
        Map<String, Variable> variables = new HashMap<>();
        try (Scope inGraph = graph.asDefault(); Scope named = prefix.isEmpty() ? null : graph.nameScope(prefix)) {
            for (String name : order) {
                NodeDef node = nodes.get(name);
                if (initializerOf.containsKey(name)) {
                    made.put(name, Operation.of(variables.get(initializerOf.get(name)).initializer()));
                    continue;
                }
                if (aliasOf.containsKey(name)) {
                    made.put(name, made.get(aliasOf.get(name)));
                    continue;
                }
                List<Tensor> inputs = roles.get(name).tensors().stream().map(t -> made.get(t).output()).toList();
                List<Operation> control = controlInputs.get(name).stream().map(made::get).toList();
                Operation op = switch (node.getOp()) {
                    case "Placeholder" -> graph.add(new OpKind.Placeholder(), List.of(), control, specs.get(name),
                            values.placement(node), name, false);
                    case "Const" -> graph.add(new OpKind.Constant(values.value(node)), List.of(), control,
                            specs.get(name), values.placement(node), name, false);
                    case "NoOp" -> graph.add(new OpKind.NoOp(), List.of(), control, null, values.placement(node), name,
                            false);
                    case "VarHandleOp" -> {
                        Tensor init = made.get(dataInputs.get(variableInitializer.get(name)).get(1)).output();
                        Variable variable = new Variable(init, name, trainable.test(name));
                        variables.put(name, variable);
                        yield graph.operation(variable.name());
                    }
                    default -> {
                        Primitive p = primitive(node, variables);
                        if (p instanceof ReadVariable r && name.equals(dataInputs.get(name).getFirst() + "/read")
                                && control.isEmpty()) {
                            yield Operation.of(graph.readOf(r.variable().variable()));
                        }
                        Backend placement = p instanceof ToDevice copy ? Backends.of(copy.device())
                                : inputs.isEmpty() ? values.placement(node) : TensorAccess.backend(inputs.getFirst());
                        yield graph.add(new OpKind.Apply(p), inputs, control, specs.get(name), placement, name, false);
                    }
                };
                made.put(name, op);
            }
        }
        return made;
    }

    private Primitive primitive(NodeDef node, Map<String, Variable> variables) {
        Primitive p = primitives.get(node.getName());
        if (p != null) return p;
        VariableHandle handle = variables.get(dataInputs.get(node.getName()).getFirst()).handle();
        return switch (node.getOp()) {
            case "ReadVariableOp" -> new ReadVariable(handle);
            case "AssignVariableOp" -> new AssignVariable(handle, AssignVariable.Mode.ASSIGN);
            case "AssignAddVariableOp" -> new AssignVariable(handle, AssignVariable.Mode.ADD);
            case "AssignSubVariableOp" -> new AssignVariable(handle, AssignVariable.Mode.SUB);
            default -> new ApplyGradientDescent(handle);
        };
    }
}
