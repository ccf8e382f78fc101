package dev.jtensor.graph;

import dev.jtensor.DType;
import dev.jtensor.Shape;
import dev.jtensor.Tensor;
import dev.jtensor.accel.Backend;
import dev.jtensor.accel.Backends;
import dev.jtensor.graph.proto.AttrValue;
import dev.jtensor.graph.proto.NodeDef;
import java.util.Map;

/**
 * The attributes of a GraphDef's nodes and the values of its {@code Const} nodes, as an import
 * reads them: each read checks the kind it expects and names the file and the node at fault.
 */
final class NodeValues {

    private final String source;
    private final Map<String, NodeDef> nodes;

    /**
     * @param source the file (or "GraphDef") the nodes come from, for messages
     * @param nodes  the GraphDef's nodes by name, which parameter inputs are looked up in
     */
    NodeValues(String source, Map<String, NodeDef> nodes) {
        this.source = source;
        this.nodes = nodes;
    }

    private ProtoValues.Where at(String node) {
        return new ProtoValues.Where(source, node);
    }


    private AttrValue attr(NodeDef node, String key, AttrValue.ValueCase kind) {
        AttrValue v = node.getAttrMap().get(key);
        if (v == null) {
            throw at(node.getName()).error("(" + node.getOp() + ") has no attribute '" + key + "'");
        }
        if (v.getValueCase() != kind) {
            throw at(node.getName()).error("(" + node.getOp() + ") attribute '" + key + "' is a "
                    + v.getValueCase().name().toLowerCase() + ", not a " + kind.name().toLowerCase());
        }
        return v;
    }

    DType attrType(NodeDef node, String key) {
        return ProtoValues.dtype(attr(node, key, AttrValue.ValueCase.TYPE).getType(), at(node.getName()),
                "attribute '" + key + "'");
    }

    DType attrTypeOr(NodeDef node, String key, DType fallback) {
        return node.getAttrMap().containsKey(key) ? attrType(node, key) : fallback;
    }

    boolean attrBool(NodeDef node, String key, boolean fallback) {
        return node.getAttrMap().containsKey(key) ? attr(node, key, AttrValue.ValueCase.B).getB() : fallback;
    }

    long attrInt(NodeDef node, String key, long fallback) {
        return node.getAttrMap().containsKey(key) ? attr(node, key, AttrValue.ValueCase.I).getI() : fallback;
    }

    Shape attrShape(NodeDef node, String key) {
        return ProtoValues.shape(attr(node, key, AttrValue.ValueCase.SHAPE).getShape(), at(node.getName()),
                "attribute '" + key + "'");
    }

    /** A {@code Const} node's value, on the CPU. */
    Tensor value(NodeDef node) {
        DType declared = attrType(node, "dtype");
        Tensor value = ProtoValues.tensor(attr(node, "value", AttrValue.ValueCase.TENSOR).getTensor(),
                placement(node), at(node.getName()));
        if (value.dtype() != declared) {
            throw at(node.getName()).error("the Const's value is " + value.dtype() + " but its dtype attribute "
                    + declared);
        }
        return value;
    }

    /** The values of the {@code Const} node {@code name}, which a parameter input must be. */
    private Tensor parameter(String name, ProtoValues.Where where) {
        NodeDef node = nodes.get(name);
        if (!node.getOp().equals("Const")) {
            throw where.error("input '" + name + "' is a " + node.getOp() + "; jtensor needs this input as a Const "
                    + "(it becomes a parameter of the operation)");
        }
        return ProtoValues.tensor(attr(node, "value", AttrValue.ValueCase.TENSOR).getTensor(), Backends.cpu(),
                at(name));
    }

    /** The values of an int32 or int64 scalar or vector parameter. */
    int[] ints(String name, ProtoValues.Where where) {
        return ints(name, where, 1);
    }

    /** The values of an integer parameter of rank at most {@code maxRank}, row-major. */
    int[] ints(String name, ProtoValues.Where where, int maxRank) {
        Tensor t = parameter(name, where);
        if (!t.dtype().isInteger() || t.shape().rank() > maxRank) {
            throw where.error("input '" + name + "' must be an int32 or int64 " + (maxRank == 1 ? "vector" : "matrix")
                    + ", not " + t.dtype() + " " + t.shape().toBracketString());
        }
        long[] wide = t.toLongArray();
        int[] out = new int[wide.length];
        for (int i = 0; i < wide.length; i++) {
            if (wide[i] != (int) wide[i]) {
                throw where.error("input '" + name + "' holds " + wide[i] + ", beyond int32");
            }
            out[i] = (int) wide[i];
        }
        return out;
    }

    int scalarInt(String name, ProtoValues.Where where) {
        int[] v = ints(name, where);
        if (v.length != 1 || parameter(name, where).shape().rank() != 0) {
            throw where.error("input '" + name + "' must be an integer scalar");
        }
        return v[0];
    }

    double scalar(String name, ProtoValues.Where where) {
        Tensor t = parameter(name, where);
        if (t.shape().rank() != 0) {
            throw where.error("input '" + name + "' must be a scalar, not of shape " + t.shape().toBracketString());
        }
        return t.doubleValue();
    }

    Shape shape(String name, String node) {
        return Shape.of(ints(name, at(node)));
    }

    /** The device a node's device string names (the thread's default device for none). */
    Backend placement(NodeDef node) {
        return ProtoValues.backend(node.getDevice(), at(node.getName()));
    }
}
