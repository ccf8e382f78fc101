package dev.jtensor;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The ops that the NumPy reference cases name, each called through jtensor's public API
 * ({@link TF} and {@link Tensor}) with the case's inputs and parameters.
 */
final class ReferenceOps {

    private ReferenceOps() {
    }

    /** An op call: the input tensors in argument order and the case's named parameters. */
    record Call(List<Tensor> inputs, Map<String, String> params) {

        Tensor x() { return inputs.get(0); }
        Tensor y() { return inputs.get(1); }
        Tensor z() { return inputs.get(2); }

        String text(String key) {
            String value = params.get(key);
            if (value == null) {
                throw new IllegalArgumentException("missing parameter '" + key + "'");
            }
            return value;
        }

        boolean has(String key) { return params.containsKey(key); }
        int integer(String key) { return Integer.parseInt(text(key)); }
        long longInteger(String key) { return Long.parseLong(text(key)); }
        double real(String key) { return OpFixtures.parseDouble(text(key)); }
        float real32(String key) { return OpFixtures.parseFloat(text(key)); }
        boolean flag(String key) { return Boolean.parseBoolean(text(key)); }
        DType dtype(String key) { return OpFixtures.dtype(text(key)); }

        /** Comma-separated integers; {@code none} is null (all axes for reductions). */
        int[] ints(String key) {
            String value = text(key);
            return value.equals("none") ? null : OpFixtures.ints(value);
        }

        /** {@code before,after} pairs separated by semicolons. */
        int[][] pairs(String key) {
            return Arrays.stream(text(key).split(";")).map(OpFixtures::ints).toArray(int[][]::new);
        }
    }

    private static final Map<String, Function<Call, List<Tensor>>> OPS = new HashMap<>();

    static {
        registerElementwise();
        registerReductions();
        registerLinearAlgebra();
        registerShapes();
        registerCreation();
    }

    /** Runs {@code op}; ops with one result give a one-element list. */
    static List<Tensor> apply(String op, Call call) {
        Function<Call, List<Tensor>> f = OPS.get(op);
        if (f == null) {
            throw new IllegalArgumentException("no such op in ReferenceOps: " + op);
        }
        return f.apply(call);
    }

    private static void op(String name, Function<Call, Tensor> f) {
        OPS.put(name, c -> List.of(f.apply(c)));
    }

    private static void multiOp(String name, Function<Call, List<Tensor>> f) {
        OPS.put(name, f);
    }

    private static void unary(String name, UnaryOperator<Tensor> f) {
        op(name, c -> f.apply(c.x()));
    }

    private static void binary(String name, BinaryOperator<Tensor> f) {
        op(name, c -> f.apply(c.x(), c.y()));
    }

    private static void registerElementwise() {
        binary("add", TF::add);
        binary("subtract", TF::subtract);
        binary("multiply", TF::multiply);
        binary("divide", TF::divide);
        binary("floorDiv", TF::floorDiv);
        binary("floorMod", TF::floorMod);
        binary("pow", TF::pow);
        binary("maximum", TF::maximum);
        binary("minimum", TF::minimum);
        binary("squaredDifference", TF::squaredDifference);
        binary("equal", TF::equal);
        binary("notEqual", TF::notEqual);
        binary("less", TF::less);
        binary("lessEqual", TF::lessEqual);
        binary("greater", TF::greater);
        binary("greaterEqual", TF::greaterEqual);
        binary("logicalAnd", TF::logicalAnd);
        binary("logicalOr", TF::logicalOr);
        unary("logicalNot", TF::logicalNot);
        unary("negative", TF::negative);
        unary("abs", TF::abs);
        unary("sign", TF::sign);
        unary("square", TF::square);
        unary("sqrt", TF::sqrt);
        unary("rsqrt", TF::rsqrt);
        unary("exp", TF::exp);
        unary("log", TF::log);
        unary("log1p", TF::log1p);
        unary("expm1", TF::expm1);
        unary("sin", TF::sin);
        unary("cos", TF::cos);
        unary("tanh", TF::tanh);
        unary("sigmoid", TF::sigmoid);
        unary("relu", TF::relu);
        unary("softplus", TF::softplus);
        unary("floor", TF::floor);
        unary("ceil", TF::ceil);
        unary("round", TF::round);
        unary("reciprocal", TF::reciprocal);
        op("where", c -> TF.where(c.x(), c.y(), c.z()));
        op("clipByValue", c -> TF.clipByValue(c.x(), c.y(), c.z()));
        op("cast", c -> TF.cast(c.x(), c.dtype("dtype")));
    }

    private static void registerReductions() {
        op("reduceSum", c -> TF.reduceSum(c.x(), c.ints("axes"), c.flag("keepDims")));
        op("reduceMean", c -> TF.reduceMean(c.x(), c.ints("axes"), c.flag("keepDims")));
        op("reduceMax", c -> TF.reduceMax(c.x(), c.ints("axes"), c.flag("keepDims")));
        op("reduceMin", c -> TF.reduceMin(c.x(), c.ints("axes"), c.flag("keepDims")));
        op("reduceProd", c -> TF.reduceProd(c.x(), c.ints("axes"), c.flag("keepDims")));
        op("reduceAll", c -> TF.reduceAll(c.x(), c.ints("axes"), c.flag("keepDims")));
        op("reduceAny", c -> TF.reduceAny(c.x(), c.ints("axes"), c.flag("keepDims")));
        op("reduceVariance", c -> TF.reduceVariance(c.x(), c.ints("axes"), c.flag("keepDims")));
        op("reduceStd", c -> TF.reduceStd(c.x(), c.ints("axes"), c.flag("keepDims")));
        op("reduceLogSumExp", c -> TF.reduceLogSumExp(c.x(), c.ints("axes"), c.flag("keepDims")));
        op("argMax", c -> TF.argMax(c.x(), c.integer("axis")));
        op("argMin", c -> TF.argMin(c.x(), c.integer("axis")));
        op("cumsum", c -> TF.cumsum(c.x(), c.integer("axis"), c.flag("exclusive"), c.flag("reverse")));
        op("softmax", c -> TF.softmax(c.x(), c.integer("axis")));
        op("logSoftmax", c -> TF.logSoftmax(c.x(), c.integer("axis")));
    }

    private static void registerLinearAlgebra() {
        op("matmul", c -> TF.matmul(c.x(), c.y(), c.flag("transposeA"), c.flag("transposeB")));
        unary("matrixTranspose", TF::matrixTranspose);
        unary("matrixInverse", TF::matrixInverse);
        unary("matrixDeterminant", TF::matrixDeterminant);
    }

    private static void registerShapes() {
        op("reshape", c -> TF.reshape(c.x(), c.ints("shape")));
        op("transpose", c -> TF.transpose(c.x(), c.ints("perm")));
        op("expandDims", c -> TF.expandDims(c.x(), c.integer("axis")));
        op("squeeze", c -> TF.squeeze(c.x(), c.ints("axes")));
        op("broadcastTo", c -> TF.broadcastTo(c.x(), c.ints("shape")));
        op("stack", c -> TF.stack(c.inputs(), c.integer("axis")));
        multiOp("unstack", c -> TF.unstack(c.x(), c.integer("axis")));
        op("concat", c -> TF.concat(c.inputs(), c.integer("axis")));
        multiOp("split", c -> c.has("parts")
                ? TF.split(c.x(), c.integer("parts"), c.integer("axis"))
                : TF.split(c.x(), c.ints("sizes"), c.integer("axis")));
        op("tile", c -> TF.tile(c.x(), c.ints("multiples")));
        op("pad", c -> TF.pad(c.x(), c.pairs("paddings"), c.real("constant")));
        op("gather", c -> TF.gather(c.x(), c.y(), c.integer("axis")));
        op("oneHot", c -> TF.oneHot(c.x(), c.integer("depth"), c.real("on"), c.real("off"), c.integer("axis"),
                c.dtype("dtype")));
        op("get", c -> c.x().get(OpFixtures.indexItems(c.text("index"))));
    }

    private static void registerCreation() {
        op("range", ReferenceOps::range);
        op("linspace", c -> c.dtype("dtype") == DType.FLOAT32
                ? TF.linspace(c.real32("start"), c.real32("stop"), c.integer("num"))
                : TF.linspace(c.real("start"), c.real("stop"), c.integer("num")));
        op("eye", c -> {
            int rows = c.integer("rows"), columns = c.integer("columns");
            DType dtype = c.dtype("dtype");
            return rows == columns && dtype == DType.FLOAT32 ? TF.eye(rows) : TF.eye(rows, columns, dtype);
        });
    }

    /** {@code range} through the overload for the case's dtype. */
    private static Tensor range(Call c) {
        return switch (c.dtype("dtype")) {
            case INT32 -> TF.range(c.integer("start"), c.integer("limit"), c.integer("delta"));
            case INT64 -> TF.range(c.longInteger("start"), c.longInteger("limit"), c.longInteger("delta"));
            case FLOAT32 -> TF.range(c.real32("start"), c.real32("limit"), c.real32("delta"));
            case FLOAT64 -> TF.range(c.real("start"), c.real("limit"), c.real("delta"));
            case BOOL -> throw new IllegalArgumentException("no bool range");
        };
    }
}
