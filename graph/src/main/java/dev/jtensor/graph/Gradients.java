package dev.jtensor.graph;

import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Operand;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import dev.jtensor.Variable;
import dev.jtensor.autodiff.Backprop;
import dev.jtensor.ops.ReadVariable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Symbolic gradients, TensorFlow 1's {@code tf.gradients}: they add the operations that compute
 * the derivatives of {@code ys} with respect to {@code xs} to the graph of {@code ys}, and return
 * their symbolic outputs, to fetch in a session like any other tensor. The operations come from the
 * same gradient rules as the eager {@link dev.jtensor.autodiff.GradientTape} ({@link Backprop} over
 * the graph's operations, its rules applied inside the graph's scope, so every op a rule calls
 * becomes an operation, under the name scope {@code gradients}).
 *
 * {@snippet :
 * Tensor x = g.placeholder(DType.FLOAT32, Shape.scalar(), "x");
 * Variable w;
 * Tensor y;
 * try (Scope scope = g.asDefault()) {
 *     w = new Variable(TF.constant(3f), "w", true);
 *     y = x.mul(x).mul(w);                          // w x^2
 * }
 * List<Tensor> grads = Gradients.gradients(List.of(y), List.of(x, w));   // [2 w x, x^2]
 * Tensor second = Gradients.gradients(grads.get(0), x);                  // 2 w: gradients of gradients
 * }
 *
 * <ul>
 *   <li>An {@code x} may be a placeholder, any tensor of the graph, or a variable of the graph,
 *       whose gradient is the sum of the gradients of all of its reads ({@code ReadVariableOp}).
 *   <li>Several {@code ys} give the gradient of their sum (each rule is applied once).
 *   <li>An {@code x} that the {@code ys} do not depend on, or that is not floating point, gives
 *       {@code null} (TensorFlow's {@code None}); {@link TF#stopGradient} blocks the flow, so what
 *       depends on {@code x} only through it is unconnected too.
 *   <li>The gradient operations are ordinary operations: gradients of gradients give higher
 *       derivatives, and they run only when something fetched needs them.
 *   <li>Unknown dimensions (a placeholder's {@code None} batch) are fine where the rules can take
 *       run-time sizes from the forward tensors; the gradient of {@code concat} along an unknown
 *       dimension cannot (splitting needs known sizes) and is an {@link InvalidArgumentException}
 *       naming {@code SplitV}.
 * </ul>
 */
public final class Gradients {

    private Gradients() {
    }

    /**
     * The gradient of {@code y} with respect to {@code x} ({@code tf.gradients(y, x)[0]}), or null if
     * {@code y} does not depend on it.
     *
     * @throws InvalidArgumentException if {@code y} is not a tensor of a graph, or {@code x} is not a
     *     tensor or variable of the same graph
     */
    public static Tensor gradients(Operand y, Operand x) {
        if (y == null || x == null) {
            throw new InvalidArgumentException("Gradients.gradients: " + (y == null ? "y" : "x") + " is null");
        }
        return gradients(List.of(y), List.of(x)).getFirst();
    }

    /**
     * The gradients of the sum of {@code ys} with respect to each of {@code xs}, in order, null for
     * those the {@code ys} do not depend on ({@code tf.gradients(ys, xs)}).
     *
     * @throws InvalidArgumentException if a list or an element is null, {@code ys} is empty, the
     *     {@code ys} are not tensors of one graph, or an {@code x} is not of that graph
     */
    public static List<Tensor> gradients(List<? extends Operand> ys, List<? extends Operand> xs) {
        return gradients(ys, xs, null);
    }

    /**
     * As {@link #gradients(List, List)}, each {@code y} weighted by its gradient in {@code gradYs}
     * ({@code tf.gradients(ys, xs, grad_ys)}): the result is the sum over {@code ys} of
     * {@code gradY * dy/dx}. A null {@code gradYs}, or a null element of it, stands for ones of
     * that {@code y}'s shape. A gradient may be a graph tensor or a value (it becomes a constant).
     *
     * @throws InvalidArgumentException as {@link #gradients(List, List)}, or if {@code gradYs} has
     *     another length than {@code ys} or one of its gradients another dtype or shape than its {@code y}
     */
    public static List<Tensor> gradients(List<? extends Operand> ys, List<? extends Operand> xs,
                                         List<? extends Operand> gradYs) {
        if (ys == null || xs == null) {
            throw new InvalidArgumentException("Gradients.gradients: " + (ys == null ? "ys" : "xs") + " is null");
        }
        if (ys.isEmpty()) {
            throw new InvalidArgumentException("Gradients.gradients: ys is empty");
        }
        if (gradYs != null && gradYs.size() != ys.size()) {
            throw new InvalidArgumentException("Gradients.gradients: Passed " + gradYs.size() + " grad_ys for "
                    + ys.size() + " ys");
        }
        Graph graph = graphOf(ys);
        List<Tensor> targets = new ArrayList<>();
        for (int i = 0; i < ys.size(); i++) {
            targets.add(graphTensor(graph, ys.get(i), "ys", i));
        }
        List<List<Tensor>> sources = new ArrayList<>();
        for (int i = 0; i < xs.size(); i++) {
            sources.add(sourceTensors(graph, xs.get(i), i));
        }
        Set<Tensor> reached = reachedFrom(graph, sources);
        Map<Tensor, Tensor> grads;
        try (Scope inGraph = graph.asDefault(); Scope named = graph.nameScope("gradients")) {
            Map<Tensor, Tensor> seeds = new IdentityHashMap<>();
            for (int i = 0; i < targets.size(); i++) {
                Tensor y = targets.get(i);
                if (!y.dtype().isFloating()) continue;
                Tensor seed = seed(graph, y, gradYs == null ? null : gradYs.get(i), i);
                seeds.merge(y, seed, Tensor::add);
            }
            grads = Backprop.gradients(nodes(graph, targets, reached), seeds);
            List<Tensor> out = new ArrayList<>();
            for (List<Tensor> source : sources) {
                out.add(sum(source, grads));
            }
            return Collections.unmodifiableList(out);
        }
    }

    /** The graph of the first y, which all must share. */
    private static Graph graphOf(List<? extends Operand> ys) {
        Operand first = ys.getFirst();
        if (first == null) {
            throw new InvalidArgumentException("Gradients.gradients: ys #0 is null");
        }
        if (first instanceof Variable v && v.handle().isGraphVariable()) {
            return Operation.of(v.initializer()).graph();
        }
        Tensor t = first.asTensor();
        Operation op = Operation.producerOrNull(t);
        if (op == null) {
            throw new InvalidArgumentException("Gradients.gradients: ys #0 " + t + " is not a tensor of a Graph; "
                    + "gradients of eager values come from a GradientTape");
        }
        return op.graph();
    }

    /** {@code operand} as a tensor of {@code graph} (a variable as its read). */
    private static Tensor graphTensor(Graph graph, Operand operand, String list, int i) {
        if (operand == null) {
            throw new InvalidArgumentException("Gradients.gradients: " + list + " #" + i + " is null");
        }
        Tensor t = operand instanceof Variable v ? graph.readOf(v) : operand.asTensor();
        Operation op = Operation.producerOrNull(t);
        if (op == null || op.graph() != graph) {
            throw new InvalidArgumentException("Gradients.gradients: " + list + " #" + i + " " + t + " is not a tensor "
                    + "of " + graph + (op == null ? "" : " but of " + op.graph()));
        }
        return op.output();
    }

    /** The tensors whose gradients add up to {@code x}'s: itself, or every read of a variable. */
    private static List<Tensor> sourceTensors(Graph graph, Operand x, int i) {
        if (!(x instanceof Variable v)) {
            return List.of(graphTensor(graph, x, "xs", i));
        }
        if (!graph.owns(v.handle())) {
            throw new InvalidArgumentException("Gradients.gradients: xs #" + i + " is variable '" + v.name()
                    + "', which is not a variable of " + graph);
        }
        List<Tensor> reads = new ArrayList<>();
        for (Operation op : graph.operations()) {
            if (op.kind() instanceof OpKind.Apply(ReadVariable r) && r.variable() == v.handle()) {
                reads.add(op.output());
            }
        }
        return reads;
    }

    /**
     * The floating-point tensors that depend on a source through inputs (not control inputs), the
     * sources included; integer and boolean tensors (shapes, indices, masks) carry no gradient.
     */
    private static Set<Tensor> reachedFrom(Graph graph, List<List<Tensor>> sources) {
        Set<Tensor> reached = Collections.newSetFromMap(new IdentityHashMap<>());
        sources.forEach(reached::addAll);
        for (Operation op : graph.operations()) {
            if (!op.hasOutput() || !op.output().dtype().isFloating() || reached.contains(op.output())) continue;
            for (Tensor in : op.inputs()) {
                if (reached.contains(in)) {
                    reached.add(op.output());
                    break;
                }
            }
        }
        return reached;
    }

    /**
     * The primitive operations on a path from a source to a target, in graph order, as the reverse
     * walk's nodes; an input needs a gradient if it depends on a source.
     */
    private static List<Backprop.Node> nodes(Graph graph, List<Tensor> targets, Set<Tensor> reached) {
        Set<Operation> upstream = Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayDeque<Operation> work = new ArrayDeque<>();
        for (Tensor y : targets) work.push(Operation.of(y));
        while (!work.isEmpty()) {
            Operation op = work.pop();
            if (!reached.contains(op.output()) || !upstream.add(op)) continue;
            for (Tensor in : op.inputs()) work.push(Operation.of(in));
        }
        List<Backprop.Node> nodes = new ArrayList<>();
        for (Operation op : graph.operations()) {
            if (!upstream.contains(op) || !(op.kind() instanceof OpKind.Apply(var primitive))) continue;
            Tensor[] inputs = op.inputs().toArray(Tensor[]::new);
            boolean[] needed = new boolean[inputs.length];
            for (int k = 0; k < inputs.length; k++) {
                needed[k] = reached.contains(inputs[k]) && inputs[k].dtype().isFloating();
            }
            nodes.add(new Backprop.Node(primitive, inputs, op.output(), needed));
        }
        return nodes;
    }

    /** The gradient a target starts with: ones, or the caller's, checked and made a tensor of the graph. */
    private static Tensor seed(Graph graph, Tensor y, Operand gradY, int i) {
        if (gradY == null) {
            return TF.onesLike(y);
        }
        Tensor g = gradY.asTensor();
        if (g.dtype() != y.dtype() || !g.shape().isCompatibleWith(y.shape())) {
            throw new InvalidArgumentException("Gradients.gradients: grad_ys #" + i + " " + g + " does not match y "
                    + y + ": the gradient of a tensor needs its dtype and shape");
        }
        return g.isSymbolic() ? graphTensor(graph, g, "grad_ys", i) : graph.capture(g);
    }

    /** The sum of the gradients of {@code parts}, or null if none has one. */
    private static Tensor sum(List<Tensor> parts, Map<Tensor, Tensor> grads) {
        Tensor total = null;
        for (Tensor part : parts) {
            Tensor g = part.dtype().isFloating() ? grads.get(part) : null;
            if (g != null) total = total == null ? g : total.add(g);
        }
        return total;
    }
}
