package dev.jtensor.graph;

import static dev.jtensor.graph.ProtoValues.integer;
import static dev.jtensor.graph.ProtoValues.type;

import dev.jtensor.DType;
import dev.jtensor.Shape;
import dev.jtensor.graph.proto.NodeDef;
import dev.jtensor.ops.Distribution;
import dev.jtensor.ops.RandomDraw;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Random draws in a GraphDef, as TensorFlow's Python writes them. A draw of TensorFlow's own
 * parameters is one op ({@code RandomUniform} on [0, 1), {@code RandomStandardNormal},
 * {@code TruncatedNormal} of mean 0 and deviation 1, and {@code RandomUniformInt}, which takes its
 * bounds as inputs). Other parameters give TensorFlow's chain: {@code tf.random.uniform}'s
 * {@code N/RandomUniform * (N/max - N/min) + N/min} and {@code tf.random.normal}'s
 * {@code N/RandomStandardNormal * N/stddev + N/mean}, the parameters held as constants of the draw's
 * dtype; import folds such a chain back into one draw. An op seed {@code s} is written as
 * TensorFlow's {@code seed2 = s} beside the default graph seed ({@code seed = 87654321}); without
 * one both are 0. jtensor's generator is its own, so TensorFlow draws other values from the same seeds.
 */
final class RandomDraws {

    private RandomDraws() {
    }

    static void export(GraphDefExport exporter, Operation op, NodeDef.Builder node, RandomDraw r) {
        String shape = exporter.constNode(op, node, "shape", GraphDefExport.shapeTensor(r.shape()));
        long seed = r.seed() == null ? 0 : GraphDefExport.DEFAULT_GRAPH_SEED, seed2 = r.seed() == null ? 0 : r.seed();
        if (r.distribution() == Distribution.UNIFORM && r.dtype().isInteger()) {
            node.setOp("RandomUniformInt").addInput(shape)
                    .addInput(exporter.constNode(op, node, "min", ProtoValues.scalar(r.dtype(), Math.ceil(r.a()))))
                    .addInput(exporter.constNode(op, node, "max", ProtoValues.scalar(r.dtype(), Math.ceil(r.b()))))
                    .putAttr("seed", integer(seed)).putAttr("seed2", integer(seed2))
                    .putAttr("Tout", type(r.dtype())).putAttr("T", type(DType.INT32));
            return;
        }
        NodeDef.Builder draw = NodeDef.newBuilder().setOp(r.name()).setDevice(node.getDevice()).addInput(shape)
                .putAttr("seed", integer(seed)).putAttr("seed2", integer(seed2))
                .putAttr("dtype", type(r.dtype())).putAttr("T", type(DType.INT32));
        boolean uniform = r.distribution() == Distribution.UNIFORM;
        if (r.a() == 0 && r.b() == 1) {
            node.mergeFrom(draw.setName(node.getName()).build());
            return;
        }
        draw.setName(exporter.freshName(op.name() + "/" + r.name()));
        exporter.addNode(draw);
        String loc = exporter.constNode(op, node, uniform ? "min" : "mean", ProtoValues.scalar(r.dtype(), r.a()));
        String scale;
        if (uniform) {
            String max = exporter.constNode(op, node, "max", ProtoValues.scalar(r.dtype(), r.b()));
            scale = exporter.freshName(op.name() + "/sub");
            exporter.addNode(NodeDef.newBuilder().setName(scale).setOp("Sub").setDevice(node.getDevice())
                    .addInput(max).addInput(loc).putAttr("T", type(r.dtype())));
        } else {
            scale = exporter.constNode(op, node, "stddev", ProtoValues.scalar(r.dtype(), r.b()));
        }
        String mul = exporter.freshName(op.name() + "/mul");
        exporter.addNode(NodeDef.newBuilder().setName(mul).setOp("Mul").setDevice(node.getDevice())
                .addInput(draw.getName()).addInput(scale).putAttr("T", type(r.dtype())));
        node.setOp("AddV2").addInput(mul).addInput(loc).putAttr("T", type(r.dtype()));
    }

    /** The TensorFlow op types of the draws, and their distributions. */
    static final Map<String, Distribution> OPS = Map.of("RandomUniform", Distribution.UNIFORM,
            "RandomStandardNormal", Distribution.NORMAL, "TruncatedNormal", Distribution.TRUNCATED_NORMAL);

    /**
     * The nodes of the chain {@code add} ends, if it is one ({@code AddV2(Mul(draw, scale), loc)} with
     * {@code scale} a {@code Const}, or for a uniform draw {@code Sub(max, min)} of two, and {@code loc} a
     * {@code Const}): the mul, the draw, the scale (and the sub's inputs), and loc; otherwise null.
     */
    static Set<String> chain(NodeDef add, Map<String, NodeDef> nodes) {
        if (!add.getOp().equals("AddV2") || add.getInputCount() != 2) return null;
        NodeDef mul = nodes.get(add.getInput(0)), loc = nodes.get(add.getInput(1));
        if (mul == null || loc == null || !mul.getOp().equals("Mul") || mul.getInputCount() != 2
                || !loc.getOp().equals("Const")) return null;
        NodeDef draw = nodes.get(mul.getInput(0)), scale = nodes.get(mul.getInput(1));
        if (draw == null || scale == null || !OPS.containsKey(draw.getOp()) || draw.getInputCount() != 1) return null;
        if (OPS.get(draw.getOp()) == Distribution.UNIFORM) {
            if (!scale.getOp().equals("Sub") || scale.getInputCount() != 2
                    || !scale.getInput(1).equals(loc.getName()) || !isConst(nodes.get(scale.getInput(0)))) return null;
            return Set.of(mul.getName(), draw.getName(), scale.getName(), scale.getInput(0), loc.getName(),
                    draw.getInput(0));
        }
        return scale.getOp().equals("Const")
                ? Set.of(mul.getName(), draw.getName(), scale.getName(), loc.getName(), draw.getInput(0)) : null;
    }

    private static boolean isConst(NodeDef node) {
        return node != null && node.getOp().equals("Const");
    }

    /** The draw a single random node, or a chain that {@link #chain} matched, stands for. */
    static RandomDraw draw(NodeDef node, Map<String, NodeDef> nodes, NodeValues constants,
                           ProtoValues.Where where) {
        if (node.getOp().equals("RandomUniformInt")) {
            DType dtype = constants.attrType(node, "Tout");
            return new RandomDraw(Distribution.UNIFORM, shape(node, constants), dtype,
                    constants.scalar(node.getInput(1), where), constants.scalar(node.getInput(2), where), seed(node, constants));
        }
        if (OPS.containsKey(node.getOp())) {
            return new RandomDraw(OPS.get(node.getOp()), shape(node, constants), constants.attrType(node, "dtype"), 0, 1,
                    seed(node, constants));
        }
        NodeDef mul = nodes.get(node.getInput(0)), draw = nodes.get(mul.getInput(0)), scale = nodes.get(mul.getInput(1));
        Distribution distribution = OPS.get(draw.getOp());
        double a = constants.scalar(node.getInput(1), where);
        double b = distribution == Distribution.UNIFORM ? constants.scalar(scale.getInput(0), where)
                : constants.scalar(scale.getName(), where);
        return new RandomDraw(distribution, shape(draw, constants), constants.attrType(draw, "dtype"), a, b,
                seed(draw, constants));
    }

    private static Shape shape(NodeDef node, NodeValues constants) {
        return constants.shape(node.getInput(0), node.getName());
    }

    private static Long seed(NodeDef node, NodeValues constants) {
        long seed = constants.attrInt(node, "seed", 0), seed2 = constants.attrInt(node, "seed2", 0);
        return seed == 0 && seed2 == 0 ? null : seed2;
    }

    /** Whether a node is a draw of TensorFlow's (its type is one of the random ops). */
    static boolean isDraw(String opType) {
        return OPS.containsKey(opType) || opType.equals("RandomUniformInt");
    }

    static List<Integer> constInputs(String opType) {
        return opType.equals("RandomUniformInt") ? List.of(0, 1, 2) : List.of(0);
    }
}
