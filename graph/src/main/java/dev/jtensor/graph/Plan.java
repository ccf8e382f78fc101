package dev.jtensor.graph;

import dev.jtensor.Tensor;
import dev.jtensor.ops.Primitive;
import dev.jtensor.ops.TensorSpec;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * What one kind of run computes, as the passes see it: the needed operations as {@link Node}s in
 * the order they run, the nodes whose values are fetched, and those that must run for their
 * effects. A node's inputs come before it. Only fed values, constants and primitives remain:
 * placeholders are fed, and declarations and {@code NoOp}s, which compute nothing, have already
 * ordered the rest. Passes are functions from plan to plan ({@link Pass}); they rebuild nodes and
 * never change one.
 *
 * @param nodes   every node, inputs first; the order also keeps stateful nodes in the graph's order
 * @param fetches the nodes whose values the run returns, in fetch order
 * @param effects the stateful nodes that run even when nothing fetched reads them
 * @param feeds   how many values a run is fed (node {@link Node#feed()} indexes them)
 */
record Plan(List<Node> nodes, List<Node> fetches, List<Node> effects, int feeds) {

    Plan {
        nodes = List.copyOf(nodes);
        fetches = List.copyOf(fetches);
        effects = List.copyOf(effects);
    }

    /** A graph-to-graph function: one optimisation. */
    @FunctionalInterface
    interface Pass extends Function<Plan, Plan> {
    }

    /**
     * One value of a run: fed (feed index {@code >= 0}), a constant, or a primitive applied to
     * input nodes. Compared by identity.
     */
    static final class Node {
        private final OpKind kind;
        private final List<Node> inputs;
        private final TensorSpec spec;
        private final String name;
        private final int feed;

        private Node(OpKind kind, List<Node> inputs, TensorSpec spec, String name, int feed) {
            this.kind = kind;
            this.inputs = List.copyOf(inputs);
            this.spec = spec;
            this.name = name;
            this.feed = feed;
        }

        static Node fed(int index, TensorSpec spec, String name) {
            return new Node(null, List.of(), spec, name, index);
        }

        static Node constant(Tensor value, String name) {
            return new Node(new OpKind.Constant(value), List.of(), TensorSpec.of(value), name, -1);
        }

        static Node apply(Primitive primitive, List<Node> inputs, TensorSpec spec, String name) {
            return new Node(new OpKind.Apply(primitive), inputs, spec, name, -1);
        }

        /** The same computation on other inputs. */
        Node withInputs(List<Node> newInputs) {
            return newInputs.equals(inputs) ? this : new Node(kind, newInputs, spec, name, feed);
        }

        /** The feed index, or -1 if the node is computed. */
        int feed() {
            return feed;
        }

        /** The constant's value, or null. */
        Tensor constantValue() {
            return kind instanceof OpKind.Constant c ? c.value() : null;
        }

        /** The primitive applied, or null for a fed value or a constant. */
        Primitive primitive() {
            return kind instanceof OpKind.Apply a ? a.primitive() : null;
        }

        boolean stateful() {
            Primitive p = primitive();
            return p != null && p.stateful();
        }

        List<Node> inputs() {
            return inputs;
        }

        TensorSpec spec() {
            return spec;
        }

        /** The name of the graph operation it computes (the last one, for a fused node). */
        String name() {
            return name;
        }

        @Override
        public String toString() {
            return name + (feed >= 0 ? " (fed)" : kind instanceof OpKind.Constant ? " = Const"
                    : " = " + kind.type() + inputs.stream().map(Node::name).toList());
        }
    }

    /**
     * The plan with each node replaced by {@code rewrite}'s answer, visited in order with its inputs
     * already rewritten; fetches and effects follow their nodes, and nodes no longer needed go. A
     * rewrite may return a node made earlier (a merge).
     */
    Plan rewrite(UnaryOperator<Node> rewrite) {
        return rewrite(Map.of(), rewrite);
    }

    /**
     * The plan with each key of {@code replacements} replaced by its value, whose inputs are nodes of
     * this plan (rewritten in turn).
     */
    Plan substitute(Map<Node, Node> replacements) {
        return rewrite(replacements, UnaryOperator.identity());
    }

    private Plan rewrite(Map<Node, Node> replacements, UnaryOperator<Node> rewrite) {
        Map<Node, Node> done = new IdentityHashMap<>();
        var out = new ArrayList<Node>(nodes.size());
        for (Node node : nodes) {
            Node base = replacements.getOrDefault(node, node);
            var ins = new ArrayList<Node>(base.inputs().size());
            for (Node in : base.inputs()) ins.add(done.get(in));
            Node replaced = rewrite.apply(base.withInputs(ins));
            done.put(node, replaced);
            out.add(replaced);
        }
        return new Plan(distinct(out), map(fetches, done), distinct(map(effects, done)), feeds).withoutDeadNodes();
    }

    /** Only the nodes the fetches and effects need (each once, first occurrence kept). */
    Plan withoutDeadNodes() {
        Map<Node, Boolean> live = new IdentityHashMap<>();
        var work = new ArrayList<Node>(fetches);
        work.addAll(effects);
        while (!work.isEmpty()) {
            Node n = work.removeLast();
            if (live.put(n, true) == null) work.addAll(n.inputs());
        }
        List<Node> kept = nodes.stream().filter(live::containsKey).toList();
        return kept.size() == nodes.size() ? this : new Plan(kept, fetches, effects, feeds);
    }

    private static List<Node> map(List<Node> nodes, Map<Node, Node> done) {
        return nodes.stream().map(done::get).toList();
    }

    private static List<Node> distinct(List<Node> nodes) {
        Map<Node, Boolean> seen = new IdentityHashMap<>();
        return nodes.stream().filter(n -> seen.put(n, true) == null).toList();
    }

    /** One node a line, as code: {@code add = AddV2[x, Const]}. */
    @Override
    public String toString() {
        var lines = new StringJoiner("\n");
        nodes.forEach(n -> lines.add(n.toString()));
        lines.add("fetch " + fetches.stream().map(Node::name).toList());
        return lines.toString();
    }
}
