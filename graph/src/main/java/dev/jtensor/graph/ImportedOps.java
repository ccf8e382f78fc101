package dev.jtensor.graph;

import dev.jtensor.DType;
import dev.jtensor.Shape;
import dev.jtensor.accel.BinaryOp;
import dev.jtensor.accel.UnaryOp;
import dev.jtensor.graph.proto.NodeDef;
import dev.jtensor.ops.ArgReduce;
import dev.jtensor.ops.Binary;
import dev.jtensor.ops.BroadcastTo;
import dev.jtensor.ops.Cast;
import dev.jtensor.ops.Concat;
import dev.jtensor.ops.Cumulative;
import dev.jtensor.ops.Fill;
import dev.jtensor.ops.Gather;
import dev.jtensor.ops.MatMul;
import dev.jtensor.ops.MatrixDeterminant;
import dev.jtensor.ops.MatrixInverse;
import dev.jtensor.ops.Pad;
import dev.jtensor.ops.Primitive;
import dev.jtensor.ops.Reduce;
import dev.jtensor.accel.ReduceOp;
import dev.jtensor.ops.Reshape;
import dev.jtensor.ops.SegmentSum;
import dev.jtensor.ops.Select;
import dev.jtensor.ops.ShapeOf;
import dev.jtensor.ops.StopGradient;
import dev.jtensor.ops.StridedSlice;
import dev.jtensor.ops.TensorSpec;
import dev.jtensor.ops.ToDevice;
import dev.jtensor.ops.Transpose;
import dev.jtensor.ops.Unary;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * TensorFlow's stateless op types as jtensor primitives, the inverse of {@link GraphDefExport}:
 * which inputs of a node are tensors and which are parameters read from {@code Const} nodes
 * ({@link #role}), and the primitive a node stands for once its tensor inputs' specs are known
 * ({@link #primitive}). Variable ops, placeholders, constants and {@code NoOp} are
 * {@link GraphDefImport}'s.
 */
final class ImportedOps {

    private ImportedOps() {
    }

    private static final Map<String, UnaryOp> UNARY = new HashMap<>();
    private static final Map<String, BinaryOp> BINARY = new HashMap<>();
    private static final Map<String, ReduceOp> REDUCE = new HashMap<>();

    static {
        for (UnaryOp op : UnaryOp.values()) UNARY.put(new Unary(op).name(), op);
        for (BinaryOp op : BinaryOp.values()) BINARY.put(new Binary(op).name(), op);
        BINARY.put("Add", BinaryOp.ADD);   // TensorFlow 1's name
        for (ReduceOp op : ReduceOp.values()) REDUCE.put(new Reduce(op, new int[0], false).name(), op);
    }

    /**
     * What a node takes: the names of the nodes whose outputs are its tensor inputs, in order, and
     * those it reads only as constant parameters (or, for a donor broadcast or a random chain, the
     * helper nodes it stands for).
     */
    record Role(List<String> tensors, Set<String> parameters) {
    }

    /** The role of a node whose data inputs are {@code inputs}; {@code nodes} to recognise helper chains. */
    static Role role(NodeDef node, List<String> inputs, Map<String, NodeDef> nodes) {
        String op = node.getOp();
        Set<String> chain = RandomDraws.chain(node, nodes);
        if (chain != null) {
            return new Role(List.of(), chain);
        }
        if (op.equals("BroadcastTo") && inputs.size() == 2) {
            List<String> donor = donorChain(nodes.get(inputs.get(1)), nodes);
            if (donor != null) {
                return new Role(List.of(inputs.get(0), donor.getFirst()), Set.copyOf(donor.subList(1, donor.size())));
            }
        }
        if (op.equals("ReadVariableOp") || op.startsWith("Assign") && op.endsWith("VariableOp")
                || op.equals("ResourceApplyGradientDescent")) {
            // input 0 is the variable's handle: a dependency, not a tensor
            return new Role(inputs.isEmpty() ? List.of() : inputs.subList(1, inputs.size()), Set.of());
        }
        List<Integer> params = switch (op) {
            case "Sum", "Prod", "Max", "Min", "All", "Any", "ArgMax", "ArgMin", "Cumsum", "Cumprod", "Reshape",
                 "Transpose", "BroadcastTo", "Pad" -> List.of(1);
            case "StridedSlice" -> List.of(1, 2, 3);
            case "PadV2" -> List.of(1, 2);
            case "GatherV2", "UnsortedSegmentSum" -> List.of(2);
            case "Fill" -> List.of(0);
            case "ConcatV2" -> List.of(inputs.size() - 1);
            default -> RandomDraws.isDraw(op) ? RandomDraws.constInputs(op) : List.of();
        };
        var tensors = new ArrayList<String>();
        var parameters = new LinkedHashSet<String>();
        for (int i = 0; i < inputs.size(); i++) {
            (params.contains(i) ? parameters : tensors).add(inputs.get(i));
        }
        return new Role(tensors, parameters);
    }

    /** For {@code BroadcastArgs(Shape(donor), Abs(Const))}: the donor, then the helper nodes; else null. */
    private static List<String> donorChain(NodeDef args, Map<String, NodeDef> nodes) {
        if (args == null || !args.getOp().equals("BroadcastArgs") || args.getInputCount() != 2) return null;
        NodeDef shape = nodes.get(args.getInput(0)), abs = nodes.get(args.getInput(1));
        if (shape == null || abs == null || !shape.getOp().equals("Shape") || shape.getInputCount() != 1
                || !abs.getOp().equals("Abs") || abs.getInputCount() != 1) return null;
        NodeDef target = nodes.get(abs.getInput(0));
        if (target == null || !target.getOp().equals("Const")) return null;
        return List.of(shape.getInput(0), args.getName(), shape.getName(), abs.getName(), target.getName());
    }

    /** Whether {@link #primitive} knows the op type (variable ops and the graph's own kinds aside). */
    static boolean knows(String op) {
        return UNARY.containsKey(op) || BINARY.containsKey(op) || REDUCE.containsKey(op) || RandomDraws.isDraw(op)
                || switch (op) {
                    case "SelectV2", "ArgMax", "ArgMin", "Cumsum", "Cumprod", "MatMul", "BatchMatMulV2", "BatchMatMul",
                         "Reshape", "Transpose", "BroadcastTo", "StridedSlice", "ConcatV2", "Pad", "PadV2", "GatherV2",
                         "Cast", "UnsortedSegmentSum", "MatrixInverse", "MatrixDeterminant", "StopGradient", "Fill",
                         "Identity", "Shape" -> true;
                    default -> false;
                };
    }

    /**
     * The primitive {@code node} stands for, given its tensor inputs' specs.
     *
     * @throws GraphDefException if an attribute or a parameter is missing or of a form jtensor lacks
     */
    static Primitive primitive(NodeDef node, List<TensorSpec> in, Map<String, NodeDef> nodes,
                               NodeValues c, ProtoValues.Where where) {
        String op = node.getOp();
        if (UNARY.containsKey(op)) return new Unary(UNARY.get(op));
        if (RandomDraws.chain(node, nodes) != null || RandomDraws.isDraw(op)) return RandomDraws.draw(node, nodes, c, where);
        if (BINARY.containsKey(op)) return new Binary(BINARY.get(op));
        int rank = in.isEmpty() ? 0 : in.getFirst().shape().rank();
        if (REDUCE.containsKey(op)) {
            return new Reduce(REDUCE.get(op), axes(c.ints(node.getInput(1), where), rank, where),
                    c.attrBool(node, "keep_dims", false));
        }
        return switch (op) {
            case "SelectV2" -> new Select();
            case "ArgMax", "ArgMin" -> {
                DType out = c.attrTypeOr(node, "output_type", DType.INT64);
                if (out != DType.INT64) throw where.error(op + " with output_type " + out + ": jtensor's gives int64");
                yield new ArgReduce(op.equals("ArgMax"), axis(c.scalarInt(node.getInput(1), where), rank, where));
            }
            case "Cumsum", "Cumprod" -> new Cumulative(op.equals("Cumprod"), axis(c.scalarInt(node.getInput(1), where),
                    rank, where), c.attrBool(node, "exclusive", false), c.attrBool(node, "reverse", false));
            case "MatMul" -> new MatMul(c.attrBool(node, "transpose_a", false), c.attrBool(node, "transpose_b", false));
            case "BatchMatMulV2", "BatchMatMul" -> new MatMul(c.attrBool(node, "adj_x", false), c.attrBool(node, "adj_y", false));
            case "Reshape" -> new Reshape(Shape.of(c.ints(node.getInput(1), where)));
            case "Transpose" -> new Transpose(c.ints(node.getInput(1), where));
            case "BroadcastTo" -> new BroadcastTo(Shape.of(c.ints(in.size() == 2
                    ? nodes.get(nodes.get(nodes.get(node.getInput(1)).getInput(1)).getInput(0)).getName()
                    : node.getInput(1), where)));
            case "StridedSlice" -> slice(node, in.getFirst().shape(), c, where);
            case "ConcatV2" -> new Concat(axis(c.scalarInt(node.getInput(node.getInputCount() - 1 - controls(node)),
                    where), rank, where));
            case "Pad", "PadV2" -> pad(node, rank, c, where);
            case "GatherV2" -> {
                if (c.attrInt(node, "batch_dims", 0) != 0) throw where.error("GatherV2 with batch_dims is not supported");
                yield new Gather(axis(c.scalarInt(node.getInput(2), where), rank, where));
            }
            case "Cast" -> new Cast(c.attrType(node, "DstT"));
            case "UnsortedSegmentSum" -> new SegmentSum(c.scalarInt(node.getInput(2), where));
            case "MatrixInverse" -> {
                if (c.attrBool(node, "adjoint", false)) throw where.error("MatrixInverse with adjoint is not supported");
                yield new MatrixInverse();
            }
            case "MatrixDeterminant" -> new MatrixDeterminant();
            case "StopGradient" -> new StopGradient();
            case "Fill" -> new Fill(Shape.of(c.ints(node.getInput(0), where)));
            case "Identity" -> new ToDevice(c.placement(node).device());
            case "Shape" -> {
                if (c.attrTypeOr(node, "out_type", DType.INT32) != DType.INT32) {
                    throw where.error("Shape with out_type int64: jtensor's gives int32");
                }
                yield new ShapeOf();
            }
            default -> throw where.error("op type '" + op + "' is not one jtensor can import");
        };
    }

    private static int controls(NodeDef node) {
        return (int) node.getInputList().stream().filter(s -> s.startsWith("^")).count();
    }

    private static int axis(int axis, int rank, ProtoValues.Where where) {
        if (axis < -rank || axis >= Math.max(rank, 1)) {
            throw where.error("axis " + axis + " is out of range for a tensor of rank " + rank);
        }
        return axis < 0 ? axis + rank : axis;
    }

    /** Axes as the primitive keeps them: non-negative, distinct, increasing. */
    private static int[] axes(int[] axes, int rank, ProtoValues.Where where) {
        var sorted = new TreeSet<Integer>();
        for (int a : axes) sorted.add(axis(a, rank, where));
        return sorted.stream().mapToInt(Integer::intValue).toArray();
    }

    private static Pad pad(NodeDef node, int rank, NodeValues c, ProtoValues.Where where) {
        int[] paddings = c.ints(node.getInput(1), where, 2);
        if (paddings.length != 2 * rank) {
            throw where.error("paddings hold " + paddings.length + " values; a tensor of rank " + rank + " needs "
                    + rank + "x2");
        }
        int[] before = new int[rank], after = new int[rank];
        for (int d = 0; d < rank; d++) {
            before[d] = paddings[2 * d];
            after[d] = paddings[2 * d + 1];
        }
        double value = node.getOp().equals("PadV2") ? c.scalar(node.getInput(2), where) : 0;
        return new Pad(before, after, value);
    }

    /**
     * jtensor's (start, count, step) of TensorFlow's (begin, end, strides, begin_mask, end_mask) on an
     * input of shape {@code in}: negative indices count from the back and bounds are clamped as in
     * TensorFlow (which needs the axis size, unless the slice starts at a non-negative index and runs
     * to the end). Ellipsis, new-axis and shrink-axis masks are not supported.
     */
    private static StridedSlice slice(NodeDef node, Shape in, NodeValues c, ProtoValues.Where where) {
        for (String mask : List.of("ellipsis_mask", "new_axis_mask", "shrink_axis_mask")) {
            if (c.attrInt(node, mask, 0) != 0) throw where.error("StridedSlice with a " + mask + " is not supported");
        }
        int[] begin = c.ints(node.getInput(1), where), end = c.ints(node.getInput(2), where);
        int[] strides = c.ints(node.getInput(3), where);
        int rank = in.rank();
        if (begin.length != rank || end.length != rank || strides.length != rank) {
            throw where.error("begin, end and strides of lengths " + begin.length + ", " + end.length + ", "
                    + strides.length + " for an input of rank " + rank);
        }
        long beginMask = c.attrInt(node, "begin_mask", 0), endMask = c.attrInt(node, "end_mask", 0);
        int[] start = new int[rank], count = new int[rank];
        for (int d = 0; d < rank; d++) {
            int s = strides[d], n = in.get(d);
            if (s == 0) throw where.error("strides[" + d + "] is 0");
            boolean toEnd = (endMask >> d & 1) != 0, fromStart = (beginMask >> d & 1) != 0;
            long b = fromStart ? (s > 0 ? 0 : n - 1L) : begin[d];
            if (n == Shape.UNKNOWN) {
                if (s > 0 && b >= 0 && toEnd) {
                    start[d] = (int) b;
                    count[d] = Shape.UNKNOWN;
                    continue;
                }
                if (b < 0 || end[d] < 0 || fromStart && s < 0) {
                    throw where.error("slice of axis " + d + ", whose size is unknown, needs non-negative bounds");
                }
                start[d] = (int) b;
                count[d] = (int) Math.max(0, s > 0 ? ((long) end[d] - b + s - 1) / s : (b - end[d] - s - 1) / -s);
                continue;
            }
            if (!fromStart) b = clamp(b < 0 ? b + n : b, s, n);
            long e = toEnd ? (s > 0 ? n : -1) : clamp(end[d] < 0 ? (long) end[d] + n : end[d], s, n);
            long k = s > 0 ? (e - b + s - 1) / s : (b - e + (-s) - 1) / -s;
            count[d] = (int) Math.max(0, k);
            start[d] = count[d] == 0 ? 0 : (int) b;
        }
        return new StridedSlice(start, count, strides);
    }

    /** TensorFlow's clamping of a slice bound: [0, n] for positive strides, [-1, n-1] for negative ones. */
    private static long clamp(long index, int stride, int n) {
        return stride > 0 ? Math.min(Math.max(index, 0), n) : Math.min(Math.max(index, -1), n - 1L);
    }
}
