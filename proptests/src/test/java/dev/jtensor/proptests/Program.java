package dev.jtensor.proptests;

import dev.jtensor.DType;
import dev.jtensor.Shape;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import dev.jtensor.proptests.ProgramStep.Again;
import dev.jtensor.proptests.ProgramStep.AssignAdd;
import dev.jtensor.proptests.ProgramStep.Binary;
import dev.jtensor.proptests.ProgramStep.Constant;
import dev.jtensor.proptests.ProgramStep.Input;
import dev.jtensor.proptests.ProgramStep.MatMul;
import dev.jtensor.proptests.ProgramStep.Read;
import dev.jtensor.proptests.ProgramStep.Reduce;
import dev.jtensor.proptests.ProgramStep.Unary;
import dev.jtensor.proptests.ProgramStep.WithScalar;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A small random program over the inputs {@code x, y: [m, n]}, {@code r: [1, n]}, {@code s: []}
 * and {@code w: [n, n]} (for matmul), and, if {@code variable}, a variable {@code v: [m, n]}: a
 * list of {@link ProgramStep}s, each computing one value from earlier ones. The same code builds it
 * eagerly or in a graph ({@link #evaluate}); it prints like code.
 *
 * @param dtype    float32 or float64, for every input and value
 * @param m        rows
 * @param n        columns
 * @param variable whether the program has the variable {@code v}
 * @param steps    the steps, resolved by {@link #nodes}
 * @param fetches  back offsets of values fetched besides the last one and every variable update
 */
record Program(DType dtype, int m, int n, boolean variable, List<ProgramStep> steps, List<Integer> fetches) {

    /** The inputs' names, in feed order. */
    static final List<String> INPUTS = List.of("x", "y", "r", "s", "w");

    /** Where a program's inputs and its variable come from: placeholders and a graph, or values. */
    interface Env {
        Tensor input(String name);

        Tensor read();

        Tensor assignAdd(Tensor delta);
    }

    /**
     * One resolved value: its name, its step (never {@link Again}: a repeat carries the step it
     * repeats), its operands as indices of earlier nodes, its shape, and whether it repeats a step.
     */
    record Node(String name, ProgramStep step, List<Integer> operands, int[] shape, boolean again) {
    }

    /** The shape of each input. */
    int[] inputShape(String name) {
        return switch (name) {
            case "x", "y" -> new int[] {m, n};
            case "r" -> new int[] {1, n};
            case "s" -> new int[] {};
            case "w" -> new int[] {n, n};
            default -> throw new IllegalArgumentException("no input " + name);
        };
    }

    /**
     * The values, in order: {@code s, r, y, x} (so that back offset 0 of the first step is {@code x};
     * not {@code w}, which only matmul reads), then one per step that applies.
     */
    List<Node> nodes() {
        List<Node> nodes = new ArrayList<>();
        for (String input : List.of("s", "r", "y", "x")) {
            nodes.add(new Node(input, new Input(input), List.of(), inputShape(input), false));
        }
        int first = nodes.size();
        for (ProgramStep step : steps) {
            String name = "t" + (nodes.size() - first);
            if (step instanceof Again again) {
                if (nodes.size() == first) continue;
                Node repeated = nodes.get(first + back(again.a(), nodes.size() - first));
                nodes.add(new Node(name, repeated.step(), repeated.operands(), repeated.shape(), true));
                continue;
            }
            if (!variable && (step instanceof Read || step instanceof AssignAdd)) continue;
            List<Integer> operands = Arrays.stream(operandOffsets(step)).map(a -> back(a, nodes.size())).boxed().toList();
            nodes.add(new Node(name, step, operands, shape(step, operands.stream().map(i -> nodes.get(i).shape()).toList()),
                    false));
        }
        return nodes;
    }

    /** The index of the node {@code a} back from the latest of {@code count}. */
    private static int back(int a, int count) {
        return count - 1 - Math.floorMod(a, count);
    }

    private static int[] operandOffsets(ProgramStep step) {
        return switch (step) {
            case Unary u -> new int[] {u.a()};
            case Binary b -> new int[] {b.a(), b.b()};
            case WithScalar w -> new int[] {w.a()};
            case Reduce r -> new int[] {r.a()};
            case MatMul mm -> new int[] {mm.a()};
            case AssignAdd a -> new int[] {a.a()};
            case Constant c -> new int[0];
            case Read r -> new int[0];
            case Input i -> new int[0];
            case Again a -> throw new IllegalStateException("a repeat is resolved to the step it repeats");
        };
    }

    private int[] shape(ProgramStep step, List<int[]> in) {
        return switch (step) {
            case Unary u -> in.get(0);
            case WithScalar w -> in.get(0);
            case Binary b -> Shapes.numpyBroadcast(in.get(0), in.get(1));
            case Reduce r -> reducedShape(r, in.get(0));
            case MatMul mm -> new int[] {lastIs(in.get(0), n) ? in.get(0)[0] : m, n};
            case Constant c -> new int[0];
            case Read r -> new int[] {m, n};
            case AssignAdd a -> new int[] {m, n};
            case Input i -> inputShape(i.name());
            case Again a -> throw new IllegalStateException("a repeat is resolved to the step it repeats");
        };
    }

    private static int[] reducedShape(Reduce r, int[] x) {
        if (x.length == 0 || r.axis() == ProgramStep.ReduceAxis.ALL) return new int[0];
        return r.axis() == ProgramStep.ReduceAxis.ROWS ? new int[] {1, x[1]} : new int[] {x[0], 1};
    }

    private static boolean lastIs(int[] shape, int n) {
        return shape.length == 2 && shape[1] == n;
    }

    /** The fetched nodes: the last, those {@link #fetches} names, and every variable update, in node order. */
    List<Integer> fetched(List<Node> nodes) {
        Set<Integer> out = new TreeSet<>();
        out.add(nodes.size() - 1);
        for (int f : fetches) out.add(back(f, nodes.size()));
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i).step() instanceof AssignAdd) out.add(i);
        }
        return List.copyOf(out);
    }

    /** The names of the fetched values, in fetch order. */
    List<String> fetchedNames() {
        List<Node> nodes = nodes();
        return fetched(nodes).stream().map(i -> nodes.get(i).name()).toList();
    }

    /** Builds (in a graph) or computes (eagerly) every node in order; returns the fetched values. */
    List<Tensor> evaluate(Env env) {
        List<Node> nodes = nodes();
        List<Tensor> values = new ArrayList<>();
        for (Node node : nodes) {
            List<Tensor> in = node.operands().stream().map(values::get).toList();
            values.add(apply(node.step(), in, env));
        }
        return fetched(nodes).stream().map(values::get).toList();
    }

    private Tensor apply(ProgramStep step, List<Tensor> in, Env env) {
        return switch (step) {
            case Unary u -> u.f().apply.apply(in.get(0));
            case Binary b -> b.f().apply.apply(in.get(0), in.get(1));
            case WithScalar w -> w.f().apply.apply(in.get(0), w.c());
            case Constant c -> TF.constant(c.value(), dtype);
            case Reduce r -> in.get(0).shape().rank() == 0 || r.axis() == ProgramStep.ReduceAxis.ALL
                    ? r.f().apply(in.get(0), allAxes(in.get(0)), false)
                    : r.f().apply(in.get(0), new int[] {r.axis() == ProgramStep.ReduceAxis.ROWS ? 0 : 1}, true);
            case MatMul mm -> full(in.get(0), lastIs(in.get(0).shape().toArray(), n)).matmul(env.input("w"));
            case Read r -> env.read();
            case AssignAdd a -> env.assignAdd(full(in.get(0), false));
            case Input i -> env.input(i.name());
            case Again a -> throw new IllegalStateException("a repeat is resolved to the step it repeats");
        };
    }

    private static int[] allAxes(Tensor x) {
        int[] axes = new int[x.shape().rank()];
        Arrays.setAll(axes, i -> i);
        return axes;
    }

    /** {@code x} broadcast to {@code [m, n]} unless it already is, or {@code keep}. */
    private Tensor full(Tensor x, boolean keep) {
        return keep || x.shape().equals(Shape.of(m, n)) ? x : TF.broadcastTo(x, m, n);
    }

    @Override
    public String toString() {
        List<Node> nodes = nodes();
        StringBuilder s = new StringBuilder(dtype + " program, m = " + m + ", n = " + n + ":");
        s.append("\n    x, y: [").append(m).append(", ").append(n).append("]; r: [1, ").append(n)
                .append("]; s: []; w: [").append(n).append(", ").append(n).append("]");
        if (variable) s.append("; v = Variable([").append(m).append(", ").append(n).append("])");
        for (Node node : nodes) {
            if (node.step() instanceof Input) continue;
            List<String> in = node.operands().stream().map(i -> nodes.get(i).name()).toList();
            s.append("\n    ").append(node.name()).append(" = ").append(code(node.step(), in, nodes, node.operands()));
            if (node.again()) s.append("    // again");
        }
        s.append("\n    fetch ").append(String.join(", ", fetchedNames()));
        return s.toString();
    }

    private String code(ProgramStep step, List<String> in, List<Node> nodes, List<Integer> operands) {
        return switch (step) {
            case Unary u -> u.f().code + "(" + in.get(0) + ")";
            case Binary b -> b.f().code + "(" + in.get(0) + ", " + in.get(1) + ")";
            case WithScalar w -> String.format(w.f().code, in.get(0), w.c());
            case Constant c -> "constant(" + c.value() + ")";
            case Reduce r -> {
                int[] shape = nodes.get(operands.get(0)).shape();
                yield shape.length == 0 || r.axis() == ProgramStep.ReduceAxis.ALL ? r.f().code + "(" + in.get(0) + ")"
                        : r.f().code + "(" + in.get(0) + ", axis " + (r.axis() == ProgramStep.ReduceAxis.ROWS ? 0 : 1)
                        + ", keepDims)";
            }
            case MatMul mm -> "matmul(" + fullCode(in.get(0), nodes.get(operands.get(0)).shape(), true) + ", w)";
            case Read r -> "v.read()";
            case AssignAdd a -> "v.assignAdd(" + fullCode(in.get(0), nodes.get(operands.get(0)).shape(), false) + ")";
            case Input i -> i.name();
            case Again a -> throw new IllegalStateException("a repeat is resolved to the step it repeats");
        };
    }

    private String fullCode(String name, int[] shape, boolean keepWhenLastIsN) {
        boolean keep = keepWhenLastIsN && lastIs(shape, n) || Arrays.equals(shape, new int[] {m, n});
        return keep ? name : "broadcastTo(" + name + ", [" + m + ", " + n + "])";
    }

    /** What the program exercises, for the coverage statistics. */
    Set<String> features() {
        List<Node> nodes = nodes();
        Set<String> features = new LinkedHashSet<>();
        boolean[] constant = new boolean[nodes.size()];
        for (int i = 0; i < nodes.size(); i++) {
            Node node = nodes.get(i);
            ProgramStep step = node.step();
            constant[i] = step instanceof Constant
                    || !node.operands().isEmpty() && node.operands().stream().allMatch(k -> constant[k])
                    && !(step instanceof AssignAdd);
            if (constant[i] && !(step instanceof Constant)) features.add("constant subtree");
            if (node.again()) features.add("repeated subexpression");
            if (step instanceof Binary && !Arrays.equals(nodes.get(node.operands().get(0)).shape(),
                    nodes.get(node.operands().get(1)).shape())) {
                features.add("broadcast");
            }
            if (step instanceof Reduce) features.add("reduction");
            if (step instanceof MatMul) features.add("matmul");
            if (step instanceof AssignAdd) features.add("variable update");
        }
        return features;
    }
}
