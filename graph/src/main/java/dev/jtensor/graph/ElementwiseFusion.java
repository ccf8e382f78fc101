package dev.jtensor.graph;

import dev.jtensor.DType;
import dev.jtensor.Tensor;
import dev.jtensor.accel.FusedProgram;
import dev.jtensor.accel.UnaryOp;
import dev.jtensor.ops.Binary;
import dev.jtensor.ops.BroadcastTo;
import dev.jtensor.ops.FusedElementwise;
import dev.jtensor.ops.Unary;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@link GraphOptimization#ELEMENTWISE_FUSION}: groups of floating-point {@link Unary} and
 * {@link Binary} arithmetic nodes of one dtype and shape become one {@link FusedElementwise} node,
 * one pass over the output with no intermediate tensors, bit for bit the same as the nodes one by
 * one. A group grows from its last node back through inputs that nothing outside the group reads
 * and that are not fetched; what it reads from outside becomes the fused node's inputs, except a
 * broadcast single-element constant ({@code x * 2}), which becomes a constant of the program.
 * Broadcasts of other values stay views before the group, read with zero strides. A group of one
 * node stays as it is.
 */
final class ElementwiseFusion {

    static final Plan.Pass PASS = ElementwiseFusion::fuse;

    private ElementwiseFusion() {
    }

    private static Plan fuse(Plan plan) {
        List<Plan.Node> nodes = plan.nodes();
        Map<Plan.Node, Integer> index = new IdentityHashMap<>();
        Map<Plan.Node, List<Plan.Node>> consumers = new IdentityHashMap<>();
        for (Plan.Node n : nodes) {
            index.put(n, index.size());
            for (Plan.Node in : n.inputs()) consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(n);
        }
        Set<Plan.Node> pinned = identitySet();
        pinned.addAll(plan.fetches());
        pinned.addAll(plan.effects());
        Set<Plan.Node> absorbed = identitySet();
        Map<Plan.Node, Plan.Node> fused = new IdentityHashMap<>();
        for (int i = nodes.size() - 1; i >= 0; i--) {
            Plan.Node root = nodes.get(i);
            if (absorbed.contains(root) || !fusable(root)) continue;
            List<Plan.Node> group = group(root, consumers, pinned);
            if (group.size() < 2) continue;
            group.sort(Comparator.comparingInt(index::get));
            Plan.Node node = program(group);
            if (node == null) continue;
            absorbed.addAll(group);
            fused.put(root, node);
        }
        return fused.isEmpty() ? plan : plan.substitute(fused);
    }

    /** The root and the inputs it can absorb: fusable, of its dtype and shape, read by members only, not pinned. */
    private static List<Plan.Node> group(Plan.Node root, Map<Plan.Node, List<Plan.Node>> consumers,
                                         Set<Plan.Node> pinned) {
        Set<Plan.Node> members = identitySet();
        members.add(root);
        var order = new ArrayList<Plan.Node>();
        order.add(root);
        // to a fixpoint: an input also read by a node not yet a member may join once that node has
        boolean grew = true;
        while (grew) {
            grew = false;
            for (int k = 0; k < order.size(); k++) {
                for (Plan.Node in : order.get(k).inputs()) {
                    if (!members.contains(in) && !pinned.contains(in) && fusable(in)
                            && in.spec().dtype() == root.spec().dtype() && in.spec().shape().equals(root.spec().shape())
                            && members.containsAll(consumers.get(in))) {
                        members.add(in);
                        order.add(in);
                        grew = true;
                    }
                }
            }
        }
        return order;
    }

    /** Whether a node can be part of a fused program. */
    private static boolean fusable(Plan.Node node) {
        DType dtype = node.spec().dtype();
        if (dtype != DType.FLOAT32 && dtype != DType.FLOAT64) return false;
        return switch (node.primitive()) {
            case Unary u -> u.op() != UnaryOp.LOGICAL_NOT;
            case Binary b -> FusedProgram.fusable(b.op());
            case null, default -> false;
        };
    }

    /**
     * The fused node computing {@code group} (in plan order, so its root last), reading the group's
     * outside inputs; null if it would read none (everything constant).
     */
    private static Plan.Node program(List<Plan.Node> group) {
        Set<Plan.Node> members = identitySet();
        members.addAll(group);
        Map<Plan.Node, Integer> register = new IdentityHashMap<>();
        var inputs = new ArrayList<Plan.Node>();
        for (Plan.Node member : group) {
            for (Plan.Node in : member.inputs()) {
                if (!members.contains(in) && !register.containsKey(in) && broadcastScalar(in) == null) {
                    register.put(in, inputs.size());
                    inputs.add(in);
                }
            }
        }
        if (inputs.isEmpty()) return null;
        var steps = new ArrayList<FusedProgram.Step>();
        for (Plan.Node member : group) {
            int[] x = new int[member.inputs().size()];
            for (int j = 0; j < x.length; j++) {
                Plan.Node in = member.inputs().get(j);
                if (!register.containsKey(in)) {
                    steps.add(new FusedProgram.Constant(broadcastScalar(in)));
                    register.put(in, inputs.size() + steps.size() - 1);
                }
                x[j] = register.get(in);
            }
            steps.add(switch (member.primitive()) {
                case Unary u -> new FusedProgram.Unary(u.op(), x[0]);
                case Binary b -> new FusedProgram.Binary(b.op(), x[0], x[1]);
                default -> throw new IllegalStateException("not fusable: " + member);
            });
            register.put(member, inputs.size() + steps.size() - 1);
        }
        Plan.Node root = group.getLast();
        var primitive = new FusedElementwise(new FusedProgram(inputs.size(), steps));
        return Plan.Node.apply(primitive, inputs, root.spec(), root.name());
    }

    /** The value of a broadcast single-element constant, or null. */
    private static Double broadcastScalar(Plan.Node node) {
        Plan.Node source = node.primitive() instanceof BroadcastTo && node.inputs().size() == 1
                ? node.inputs().getFirst() : node;
        Tensor value = source.constantValue();
        if (value == null || value.size() != 1 || value.dtype() != node.spec().dtype()) return null;
        return value.toDoubleArray()[0];
    }

    private static Set<Plan.Node> identitySet() {
        return Collections.newSetFromMap(new IdentityHashMap<>());
    }
}
