package dev.jtensor.graph;

import static dev.jtensor.graph.ProtoValues.bool;
import static dev.jtensor.graph.ProtoValues.integer;
import static dev.jtensor.graph.ProtoValues.integers;
import static dev.jtensor.graph.ProtoValues.string;
import static dev.jtensor.graph.ProtoValues.type;

import dev.jtensor.DType;
import dev.jtensor.Shape;
import dev.jtensor.Tensor;
import dev.jtensor.accel.BinaryOp;
import dev.jtensor.accel.UnaryOp;
import dev.jtensor.accel.UpdateRule;
import dev.jtensor.internal.TensorAccess;
import dev.jtensor.graph.proto.GraphDef;
import dev.jtensor.graph.proto.NodeDef;
import dev.jtensor.graph.proto.VersionDef;
import dev.jtensor.ops.ApplyGradientDescent;
import dev.jtensor.ops.ApplyUpdate;
import dev.jtensor.ops.ArgReduce;
import dev.jtensor.ops.AssignVariable;
import dev.jtensor.ops.Binary;
import dev.jtensor.ops.BroadcastTo;
import dev.jtensor.ops.Call;
import dev.jtensor.ops.Cast;
import dev.jtensor.ops.Concat;
import dev.jtensor.ops.Conv2D;
import dev.jtensor.ops.Cumulative;
import dev.jtensor.ops.Fill;
import dev.jtensor.ops.FusedElementwise;
import dev.jtensor.ops.Gather;
import dev.jtensor.ops.ImagePatches;
import dev.jtensor.ops.ImagePatchesAdjoint;
import dev.jtensor.ops.SlidingWindows;
import dev.jtensor.ops.MatMul;
import dev.jtensor.ops.MatrixDeterminant;
import dev.jtensor.ops.MatrixInverse;
import dev.jtensor.ops.Pad;
import dev.jtensor.ops.Primitive;
import dev.jtensor.ops.RandomDraw;
import dev.jtensor.ops.ReadVariable;
import dev.jtensor.ops.Reduce;
import dev.jtensor.accel.ReduceOp;
import dev.jtensor.ops.Reshape;
import dev.jtensor.ops.SegmentSum;
import dev.jtensor.ops.Select;
import dev.jtensor.ops.ShapeOf;
import dev.jtensor.ops.StopGradient;
import dev.jtensor.ops.StridedSlice;
import dev.jtensor.ops.ToDevice;
import dev.jtensor.ops.Transpose;
import dev.jtensor.ops.Unary;
import dev.jtensor.ops.VariableHandle;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@link Graph} as TensorFlow's {@code GraphDef}: one {@code NodeDef} per operation, with
 * TensorFlow's op type and attributes, so that TensorFlow can load and run it. Where a primitive
 * keeps a parameter that TensorFlow's op takes as a tensor (reduction axes, permutations, shapes,
 * slice bounds, paddings), a {@code Const} node named {@code <op>/<input name>} feeds it, as
 * TensorFlow's Python writes it. The mapping, primitive by primitive, is in {@link GraphDefs}.
 */
final class GraphDefExport {

    /** TensorFlow's default graph-level seed, written beside an op seed (TensorFlow needs both). */
    static final long DEFAULT_GRAPH_SEED = 87654321L;

    private final Graph graph;
    private final String source;
    /** Whether eager variables the graph uses are written as declarations (captures) instead of refused. */
    private final boolean capture;
    private final Map<VariableHandle, String> captures = new IdentityHashMap<>();
    private final GraphDef.Builder out = GraphDef.newBuilder();
    private final Set<String> taken = new HashSet<>();
    private final Map<VariableHandle, Operation> declarations = new IdentityHashMap<>();
    /** The updates whose output some operation uses: TensorFlow's have none, so a read after each stands in. */
    private final Map<Operation, String> readsAfter = new IdentityHashMap<>();

    private GraphDefExport(Graph graph, String source, boolean capture) {
        this.graph = graph;
        this.source = source;
        this.capture = capture;
    }

    /**
     * The GraphDef of {@code graph}'s operations.
     *
     * @param source the file it is for, or {@code "GraphDef"}, for messages
     * @throws GraphDefException if an operation cannot be written (a traced-function call, a read of an eager variable)
     */
    static GraphDef export(Graph graph, String source) {
        return new GraphDefExport(graph, source, false).run();
    }

    /**
     * The GraphDef of {@code graph}'s operations, each eager variable they use written once as a
     * {@code VarHandleOp} of its name (made unique), as a traced function's graph captures it.
     */
    static GraphDef exportCapturing(Graph graph, String source) {
        return new GraphDefExport(graph, source, true).run();
    }

    private GraphDef run() {
        List<Operation> ops = graph.operations();
        for (Operation op : ops) {
            taken.add(op.name());
            if (op.kind() instanceof OpKind.VariableOp v) {
                declarations.put(v.handle(), op);
            }
        }
        for (Operation op : ops) {
            for (Tensor in : op.inputs()) {
                Operation producer = Operation.of(in);
                if (isUpdate(producer) && !readsAfter.containsKey(producer)) {
                    readsAfter.put(producer, fresh(producer.name() + "/read"));
                }
            }
        }
        for (Operation op : ops) {
            write(op);
        }
        out.setVersions(VersionDef.newBuilder().setProducer(GraphDefs.PRODUCER_VERSION));
        return out.build();
    }

    /** Whether an operation updates a variable: TensorFlow's update ops have no output. */
    static boolean isUpdate(Operation op) {
        return op.kind() instanceof OpKind.Apply(Primitive p) && VariablePrimitives.updates(p);
    }

    private String fresh(String base) {
        String name = base;
        for (int i = 1; !taken.add(name); i++) {
            name = base + "_" + i;
        }
        return name;
    }

    private void write(Operation op) {
        NodeDef.Builder node = NodeDef.newBuilder().setName(op.name()).setOp(op.type()).setDevice(device(op));
        switch (op.kind()) {
            case OpKind.Placeholder p -> node.putAttr("dtype", type(op.output().dtype()))
                    .putAttr("shape", ProtoValues.shapeAttr(op.output().shape()));
            case OpKind.Constant c -> constant(node, c.value());
            case OpKind.NoOp n -> { }
            case OpKind.VariableOp v -> node.putAttr("container", ProtoValues.string(""))
                    .putAttr("shared_name", ProtoValues.string(op.name()))
                    .putAttr("dtype", type(v.handle().dtype()))
                    .putAttr("shape", ProtoValues.shapeAttr(v.handle().shape()));
            case OpKind.Apply a -> apply(op, a.primitive(), node);
        }
        for (Operation control : op.controlInputs()) {
            node.addInput("^" + control.name());
        }
        out.addNode(node);
        String read = readsAfter.get(op);
        if (read != null) {
            VariableHandle handle = VariablePrimitives.handleOf(((OpKind.Apply) op.kind()).primitive());
            out.addNode(NodeDef.newBuilder().setName(read).setOp("ReadVariableOp").setDevice(node.getDevice())
                    .addInput(variable(op, handle)).addInput("^" + op.name()).putAttr("dtype", type(handle.dtype())));
        }
    }

    private static String device(Operation op) {
        return switch (op.kind()) {
            case OpKind.NoOp n -> "";
            case OpKind.VariableOp v -> ProtoValues.deviceString(v.handle().backend());
            default -> ProtoValues.deviceString(TensorAccess.backend(op.output()));
        };
    }

    private static void constant(NodeDef.Builder node, Tensor value) {
        node.putAttr("dtype", type(value.dtype()))
                .putAttr("value", dev.jtensor.graph.proto.AttrValue.newBuilder().setTensor(ProtoValues.tensor(value)).build());
    }

    /** The name a node uses to refer to {@code in}: its producer, or the read standing in for an update's output. */
    private String ref(Tensor in) {
        Operation producer = Operation.of(in);
        String read = readsAfter.get(producer);
        return read != null ? read : producer.name();
    }

    private String variable(Operation op, VariableHandle handle) {
        Operation declaration = declarations.get(handle);
        if (declaration == null && capture) {
            return captures.computeIfAbsent(handle, h -> {
                String name = fresh(h.name());
                out.addNode(NodeDef.newBuilder().setName(name).setOp("VarHandleOp")
                        .setDevice(ProtoValues.deviceString(h.backend()))
                        .putAttr("container", ProtoValues.string("")).putAttr("shared_name", ProtoValues.string(name))
                        .putAttr("dtype", type(h.dtype())).putAttr("shape", ProtoValues.shapeAttr(h.shape())));
                return name;
            });
        }
        if (declaration == null) {
            throw new GraphDefException(source, op.name(), "uses the variable '" + handle.name() + "', which is not a "
                    + "variable of this graph (an eager variable); a GraphDef can hold graph variables only");
        }
        return declaration.name();
    }

    /** Adds a {@code Const} node {@code <op>/<suffix>} holding {@code value} and returns its name. */
    private String constInput(Operation op, NodeDef.Builder node, String suffix, Tensor value) {
        String name = fresh(op.name() + "/" + suffix);
        NodeDef.Builder c = NodeDef.newBuilder().setName(name).setOp("Const").setDevice(node.getDevice());
        constant(c, value);
        out.addNode(c);
        return name;
    }

    private static Tensor ints(int... values) {
        return TensorAccess.wrap(DType.INT32, Shape.of(values.length), values.clone());
    }

    private static Tensor intScalar(int value) {
        return TensorAccess.wrap(DType.INT32, Shape.scalar(), new int[] {value});
    }

    private void apply(Operation op, Primitive primitive, NodeDef.Builder node) {
        List<Tensor> in = op.inputs();
        for (Tensor t : in) {
            if (!(primitive instanceof BroadcastTo) || t == in.getFirst()) node.addInput(ref(t));
        }
        DType t0 = in.isEmpty() ? null : in.getFirst().dtype();
        switch (primitive) {
            case Unary u -> {
                if (u.op() != UnaryOp.LOGICAL_NOT) node.putAttr("T", type(t0));
            }
            case Binary b -> {
                if (b.op().kind() != BinaryOp.Kind.LOGICAL) node.putAttr("T", type(t0));
                if (b.op() == BinaryOp.EQUAL || b.op() == BinaryOp.NOT_EQUAL) node.putAttr("incompatible_shape_error", bool(true));
            }
            case Select s -> node.putAttr("T", type(in.get(1).dtype()));
            case Reduce r -> {
                node.addInput(constInput(op, node, "reduction_indices", ints(r.axes())));
                node.putAttr("keep_dims", bool(r.keepDims())).putAttr("Tidx", type(DType.INT32));
                if (r.op() != ReduceOp.ALL && r.op() != ReduceOp.ANY) node.putAttr("T", type(t0));
            }
            case ArgReduce a -> node.addInput(constInput(op, node, "dimension", intScalar(a.axis())))
                    .putAttr("T", type(t0)).putAttr("Tidx", type(DType.INT32)).putAttr("output_type", type(DType.INT64));
            case Cumulative c -> node.addInput(constInput(op, node, "axis", intScalar(c.axis())))
                    .putAttr("exclusive", bool(c.exclusive())).putAttr("reverse", bool(c.reverse()))
                    .putAttr("T", type(t0)).putAttr("Tidx", type(DType.INT32));
            case MatMul m -> {
                if (in.getFirst().shape().rank() == 2) {
                    node.putAttr("T", type(t0)).putAttr("transpose_a", bool(m.transposeA()))
                            .putAttr("transpose_b", bool(m.transposeB()));
                } else {   // tf.matmul of batches: real dtypes only, so the adjoint is the transpose
                    node.setOp("BatchMatMulV2").putAttr("T", type(t0)).putAttr("adj_x", bool(m.transposeA()))
                            .putAttr("adj_y", bool(m.transposeB()));
                }
            }
            case Reshape r -> node.addInput(constInput(op, node, "shape", ints(r.shape().toArray())))
                    .putAttr("T", type(t0)).putAttr("Tshape", type(DType.INT32));
            case Transpose t -> node.addInput(constInput(op, node, "perm", ints(t.perm())))
                    .putAttr("T", type(t0)).putAttr("Tperm", type(DType.INT32));
            case BroadcastTo b -> node.addInput(in.size() == 1 ? constInput(op, node, "shape", ints(b.shape().toArray()))
                    : donorShape(op, node, b.shape(), in.get(1))).putAttr("T", type(t0)).putAttr("Tidx", type(DType.INT32));
            case StridedSlice s -> slice(op, node, s);
            case Concat c -> node.addInput(constInput(op, node, "axis", intScalar(c.axis())))
                    .putAttr("N", integer(in.size())).putAttr("T", type(t0)).putAttr("Tidx", type(DType.INT32));
            case Pad p -> {
                int rank = p.before().length;
                int[] paddings = new int[2 * rank];
                for (int d = 0; d < rank; d++) {
                    paddings[2 * d] = p.before()[d];
                    paddings[2 * d + 1] = p.after()[d];
                }
                node.addInput(constInput(op, node, "paddings",
                        TensorAccess.wrap(DType.INT32, Shape.of(rank, 2), paddings)));
                node.addInput(constInput(op, node, "constant_values", ProtoValues.scalar(t0, p.value())));
                node.putAttr("T", type(t0)).putAttr("Tpaddings", type(DType.INT32));
            }
            case Gather g -> node.addInput(constInput(op, node, "axis", intScalar(g.axis())))
                    .putAttr("batch_dims", integer(0)).putAttr("Tparams", type(t0))
                    .putAttr("Tindices", type(in.get(1).dtype())).putAttr("Taxis", type(DType.INT32));
            case Cast c -> node.putAttr("SrcT", type(t0)).putAttr("DstT", type(c.dtype())).putAttr("Truncate", bool(false));
            case SegmentSum s -> node.addInput(constInput(op, node, "num_segments", intScalar(s.segments())))
                    .putAttr("T", type(t0)).putAttr("Tindices", type(in.get(1).dtype()))
                    .putAttr("Tnumsegments", type(DType.INT32));
            case MatrixInverse m -> node.putAttr("adjoint", bool(false)).putAttr("T", type(t0));
            case MatrixDeterminant m -> node.putAttr("T", type(t0));
            case StopGradient s -> node.putAttr("T", type(t0));
            case ReadVariable r -> node.addInput(variable(op, r.variable())).putAttr("dtype", type(r.variable().dtype()));
            case AssignVariable a -> {
                prependVariable(node, variable(op, a.variable()));
                node.putAttr("dtype", type(a.variable().dtype()));
            }
            case ApplyGradientDescent g -> {
                prependVariable(node, variable(op, g.variable()));
                node.putAttr("T", type(g.variable().dtype())).putAttr("use_locking", bool(false));
            }
            case ApplyUpdate u -> fusedUpdate(op, u, node);
            case Fill f -> {
                String value = node.getInput(0);
                node.clearInput().addInput(constInput(op, node, "dims", ints(f.shape().toArray()))).addInput(value)
                        .putAttr("T", type(t0)).putAttr("index_type", type(DType.INT32));
            }
            case RandomDraw r -> RandomDraws.export(this, op, node, r);
            case Call c -> throw new GraphDefException(source, op.name(), "is a call of the traced function or custom "
                    + "gradient '" + c.name() + "', whose body is Java code that a GraphDef cannot hold; export the "
                    + "graph of its trace instead (a GraphDef function library is not written)");
            case ToDevice t -> node.setOp("Identity").setDevice(ProtoValues.deviceString(TensorAccess.backend(op.output())))
                    .putAttr("T", type(t0));
            case ShapeOf s -> node.setOp("Shape").putAttr("T", type(t0)).putAttr("out_type", type(DType.INT32));
            // only a session's plan holds fused nodes; a graph's operations are the ops as written
            case FusedElementwise f -> throw new GraphDefException(source, op.name(), "is a fused elementwise "
                    + "program, which only the fusion pass makes inside a run's plan; a graph never holds one");
            case ImagePatches p -> imagePatches(op, node, p, t0);
            case ImagePatchesAdjoint a -> throw new GraphDefException(source, op.name(), "is the adjoint of image "
                    + "patches (a gradient of conv2d or pooling), which TensorFlow has no op for");
            case Conv2D c -> convolution(node, c.windows(), t0);
        }
    }

    /**
     * A fused optimizer update: momentum is TensorFlow's {@code ResourceApplyKerasMomentum} (the same
     * math; inputs var, accum, lr, grad, momentum). The others take derived hyperparameters (Adam's
     * step size, Keras's epsilon inside RMSprop's and Adagrad's square root) that no TensorFlow op takes.
     */
    private void fusedUpdate(Operation op, ApplyUpdate u, NodeDef.Builder node) {
        if (u.rule() != UpdateRule.MOMENTUM && u.rule() != UpdateRule.NESTEROV_MOMENTUM) {
            throw new GraphDefException(source, op.name(), "is the fused Keras update " + u.rule() + ", which no "
                    + "TensorFlow op computes with the same inputs (only momentum is written, as "
                    + "ResourceApplyKerasMomentum); build the graph with tf.compat.v1's optimizers to export it");
        }
        List<String> in = List.copyOf(node.getInputList());   // lr, momentum, grad, then control inputs
        node.clearInput().addInput(variable(op, u.variables().get(0))).addInput(variable(op, u.variables().get(1)))
                .addInput(in.get(0)).addInput(in.get(2)).addInput(in.get(1)).addAllInput(in.subList(3, in.size()))
                .putAttr("T", type(u.variable().dtype())).putAttr("use_locking", bool(false))
                .putAttr("use_nesterov", bool(u.rule() == UpdateRule.NESTEROV_MOMENTUM));
    }

    /** The attributes of TensorFlow's {@code Conv2D} (NHWC). */
    private static void convolution(NodeDef.Builder node, SlidingWindows w, DType t0) {
        node.putAttr("T", type(t0)).putAttr("strides", integers(1, w.strideHeight(), w.strideWidth(), 1))
                .putAttr("dilations", integers(1, w.dilationHeight(), w.dilationWidth(), 1))
                .putAttr("padding", string(w.padding().name())).putAttr("explicit_paddings", integers())
                .putAttr("data_format", string("NHWC")).putAttr("use_cudnn_on_gpu", bool(true));
    }

    /** {@code ExtractImagePatches}, which pads with zeros: the -inf padding of max pooling has no TF form. */
    private void imagePatches(Operation op, NodeDef.Builder node, ImagePatches p, DType t0) {
        if (p.padValue() != 0) {
            throw new GraphDefException(source, op.name(), "is image patches padded with " + p.padValue()
                    + " (max pooling), and TensorFlow's ExtractImagePatches pads with zeros only");
        }
        SlidingWindows w = p.windows();
        node.putAttr("ksizes", integers(1, w.kernelHeight(), w.kernelWidth(), 1))
                .putAttr("strides", integers(1, w.strideHeight(), w.strideWidth(), 1))
                .putAttr("rates", integers(1, w.dilationHeight(), w.dilationWidth(), 1))
                .putAttr("padding", string(w.padding().name())).putAttr("T", type(t0));
    }

    private static void prependVariable(NodeDef.Builder node, String variable) {
        List<String> inputs = List.copyOf(node.getInputList());
        node.clearInput().addInput(variable).addAllInput(inputs);
    }

    /**
     * The run-time target of a broadcast whose unknown dimensions come from a shape donor:
     * {@code BroadcastArgs(Shape(donor), Abs(target))}, the target holding -1 where it is unknown, so
     * that {@code Abs} makes those 1 and {@code BroadcastArgs} takes the donor's dimension there.
     */
    private String donorShape(Operation op, NodeDef.Builder node, Shape target, Tensor donor) {
        String device = node.getDevice();
        String donorShape = fresh(op.name() + "/donor_shape");
        out.addNode(NodeDef.newBuilder().setName(donorShape).setOp("Shape").setDevice(device).addInput(ref(donor))
                .putAttr("T", type(donor.dtype())).putAttr("out_type", type(DType.INT32)));
        String targetConst = constInput(op, node, "target", ints(target.toArray()));
        String known = fresh(op.name() + "/known_target");
        out.addNode(NodeDef.newBuilder().setName(known).setOp("Abs").setDevice(device).addInput(targetConst)
                .putAttr("T", type(DType.INT32)));
        String shape = fresh(op.name() + "/shape");
        out.addNode(NodeDef.newBuilder().setName(shape).setOp("BroadcastArgs").setDevice(device).addInput(donorShape)
                .addInput(known).putAttr("T", type(DType.INT32)));
        return shape;
    }

    /**
     * TensorFlow's {@code StridedSlice} of jtensor's (start, count, step): {@code end = start + count * step},
     * with the end-mask bit where the slice runs to the end of the axis (a count of -1) or below index 0
     * (a negative step reaching the first element, whose end would read as an index from the back).
     */
    private void slice(Operation op, NodeDef.Builder node, StridedSlice s) {
        int[] start = s.start(), count = s.count(), step = s.step();
        int rank = start.length;
        int[] end = new int[rank];
        int endMask = 0;
        for (int d = 0; d < rank; d++) {
            long e = start[d] + (long) count[d] * step[d];
            if (count[d] == Shape.UNKNOWN || e < 0 && count[d] > 0) {
                endMask |= 1 << d;
                e = 0;
            }
            end[d] = count[d] == 0 ? start[d] : (int) Math.min(e, Integer.MAX_VALUE);
        }
        node.addInput(constInput(op, node, "begin", ints(start)))
                .addInput(constInput(op, node, "end", ints(end)))
                .addInput(constInput(op, node, "strides", ints(step)))
                .putAttr("T", type(op.inputs().getFirst().dtype())).putAttr("Index", type(DType.INT32))
                .putAttr("begin_mask", integer(0)).putAttr("end_mask", integer(endMask))
                .putAttr("ellipsis_mask", integer(0)).putAttr("new_axis_mask", integer(0))
                .putAttr("shrink_axis_mask", integer(0));
    }

    // ------------------------------------------------------------------ for RandomDraws

    String constNode(Operation op, NodeDef.Builder node, String suffix, Tensor value) {
        return constInput(op, node, suffix, value);
    }

    String freshName(String base) {
        return fresh(base);
    }

    void addNode(NodeDef.Builder node) {
        out.addNode(node);
    }

    static Tensor shapeTensor(Shape shape) {
        return ints(shape.toArray());
    }
}
