package dev.jtensor;

import dev.jtensor.accel.Backends;
import dev.jtensor.accel.BinaryOp;
import dev.jtensor.accel.Device;
import dev.jtensor.accel.ReduceOp;
import dev.jtensor.accel.UnaryOp;
import dev.jtensor.internal.Convolutions;
import dev.jtensor.internal.Creation;
import dev.jtensor.internal.DTypeRules;
import dev.jtensor.internal.Elementwise;
import dev.jtensor.internal.Inputs;
import dev.jtensor.internal.Linalg;
import dev.jtensor.internal.Reductions;
import dev.jtensor.internal.ShapeOps;
import dev.jtensor.internal.SoftmaxOps;
import dev.jtensor.ops.Dispatch;
import dev.jtensor.ops.Distribution;
import dev.jtensor.ops.RandomDraw;
import dev.jtensor.ops.ShapeOf;
import dev.jtensor.ops.StopGradient;
import java.util.Arrays;
import java.util.List;

/**
 * The static facade: TensorFlow's ops under TensorFlow's names (camelCase), for
 * {@code import static dev.jtensor.TF.*}.
 *
 * {@snippet :
 * import static dev.jtensor.TF.*;
 *
 * Tensor a = constant(new float[][] {{1, 2}, {3, 4}});
 * Tensor b = add(a, 1);                          // broadcasting a Java scalar
 * Tensor c = matmul(a, transpose(b));
 * Tensor m = reduceMean(c, 0);                    // mean over axis 0
 * Tensor s = stack(List.of(a, b), -1);            // shape (2, 2, 2)
 * System.out.println(reduceMean(constant(new int[] {1, 2, 3, 4})));
 * // tf.Tensor(2, shape=(), dtype=int32)    (integer mean truncates, as in TensorFlow)
 * }
 *
 * <p>Java values keep their types: {@code float} and {@code float[]} give float32, {@code double}
 * gives float64, {@code int} int32, {@code long} int64, {@code boolean} bool. Mixed dtypes are an
 * error (TensorFlow's strict rule) unless {@link #enableNumpyBehavior()} turns on NumPy's
 * promotion.
 */
public final class TF {

    private TF() {
    }

    // ================================================================== creation

    /** A float32 scalar. */
    public static Tensor constant(float value) { return Creation.constant(value, null, null); }
    /** A float64 scalar. */
    public static Tensor constant(double value) { return Creation.constant(value, null, null); }
    /** An int32 scalar. */
    public static Tensor constant(int value) { return Creation.constant(value, null, null); }
    /** An int64 scalar. */
    public static Tensor constant(long value) { return Creation.constant(value, null, null); }
    /** A bool scalar. */
    public static Tensor constant(boolean value) { return Creation.constant(value, null, null); }

    /**
     * A tensor from a Java array, nested to any depth ({@code float[][]}, {@code int[]}, ...) or
     * a boxed scalar; the shape is the array's and must be rectangular.
     */
    public static Tensor constant(Object value) { return Creation.constant(value, null, null); }

    /**
     * A tensor from a Java value converted to {@code dtype}; values the dtype cannot hold exactly
     * (1.5 as int32) are an error; {@code dtype} may be null to keep the value's.
     */
    public static Tensor constant(Object value, DType dtype) { return Creation.constant(value, dtype, null); }

    /**
     * A tensor of {@code shape} from a Java value: a scalar fills the shape, an array of the same
     * size is reshaped. {@code dtype} may be null to keep the value's, and {@code shape} null keeps the
     * value's shape (TensorFlow's {@code shape=None}).
     *
     * {@snippet :
     * TF.constant(0f, null, 2, 3);                                // 2x3 zeros, float32
     * TF.constant(new int[] {1, 2, 3, 4, 5, 6}, DType.FLOAT32, 2, 3);
     * }
     */
    public static Tensor constant(Object value, DType dtype, int... shape) {
        return Creation.constant(value, dtype, shape);
    }

    /** A float32 tensor of zeros. */
    public static Tensor zeros(int... shape) { return zeros(DType.FLOAT32, shape); }
    /** A tensor of zeros of the given dtype. */
    public static Tensor zeros(DType dtype, int... shape) { return Creation.fill(Inputs.shape("Fill", shape), 0, dtype); }
    /** A float32 tensor of ones. */
    public static Tensor ones(int... shape) { return ones(DType.FLOAT32, shape); }
    /** A tensor of ones of the given dtype. */
    public static Tensor ones(DType dtype, int... shape) { return Creation.fill(Inputs.shape("Fill", shape), 1, dtype); }

    /** A tensor of {@code shape} filled with a Java scalar, keeping its type ({@code 2f} gives float32). */
    public static Tensor fill(int[] shape, Number value) {
        Shape dims = Inputs.shape("Fill", shape);
        return Creation.fill(dims, Creation.constant(Inputs.nonNullInput("Fill", "value", value), null, null));
    }

    /** A bool tensor of {@code shape} filled with {@code value}. */
    public static Tensor fill(int[] shape, boolean value) { return Creation.fill(Inputs.shape("Fill", shape), value); }
    /** Zeros with the shape and dtype of {@code x}. */
    public static Tensor zerosLike(Operand x) { return Creation.fillLike(Inputs.require("ZerosLike", 0, in(x)), 0, in(x).dtype()); }
    /** Ones with the shape and dtype of {@code x}. */
    public static Tensor onesLike(Operand x) { return Creation.fillLike(Inputs.require("OnesLike", 0, in(x)), 1, in(x).dtype()); }

    /** int32 {@code 0, 1, ..., limit - 1}. */
    public static Tensor range(int limit) { return range(0, limit, 1); }
    /** int32 {@code start, start + delta, ...} up to but excluding {@code limit}. */
    public static Tensor range(int start, int limit, int delta) { return Creation.range(start, limit, delta, DType.INT32); }
    /** int64 range. */
    public static Tensor range(long start, long limit, long delta) { return Creation.range(start, limit, delta, DType.INT64); }
    /** float32 range. */
    public static Tensor range(float start, float limit, float delta) { return Creation.range(start, limit, delta, DType.FLOAT32); }
    /** float64 range. */
    public static Tensor range(double start, double limit, double delta) { return Creation.range(start, limit, delta, DType.FLOAT64); }
    /** A range of the given dtype. */
    public static Tensor range(double start, double limit, double delta, DType dtype) { return Creation.range(start, limit, delta, dtype); }

    /** float32 {@code num} evenly spaced values from {@code start} to {@code stop} inclusive. */
    public static Tensor linspace(float start, float stop, int num) { return Creation.linspace(start, stop, num, DType.FLOAT32); }
    /** float64 evenly spaced values. */
    public static Tensor linspace(double start, double stop, int num) { return Creation.linspace(start, stop, num, DType.FLOAT64); }

    /** A float32 {@code n x n} identity matrix. */
    public static Tensor eye(int n) { return Creation.eye(n, n, DType.FLOAT32); }
    /** An identity-like {@code rows x columns} matrix of the given dtype. */
    public static Tensor eye(int rows, int columns, DType dtype) { return Creation.eye(rows, columns, dtype); }

    // ================================================================== random

    /**
     * Sets the global random seed, making the sequence of random ops repeatable (TensorFlow's
     * {@code tf.random.set_seed}). See {@link #randomNormal(int[], double, double, DType, Long)}.
     */
    public static void setSeed(long seed) { Settings.setSeed(seed); }

    /** float32 standard normal values. */
    public static Tensor randomNormal(int... shape) { return randomNormal(shape, 0, 1, DType.FLOAT32, null); }
    /** float32 normal values with the given mean and standard deviation. */
    public static Tensor randomNormal(int[] shape, double mean, double stddev) { return randomNormal(shape, mean, stddev, DType.FLOAT32, null); }

    /**
     * Normal values. The generator is SplitMix64 ({@link java.util.SplittableRandom}) with the
     * JDK's ziggurat for normals. With an op {@code seed} the call is repeatable: the same seed gives
     * the same values; without one, a global seed ({@link #setSeed}) makes the sequence of calls
     * repeatable; with neither, values differ between runs.
     *
     * @param seed op seed, or null
     */
    public static Tensor randomNormal(int[] shape, double mean, double stddev, DType dtype, Long seed) {
        return Dispatch.apply(new RandomDraw(Distribution.NORMAL, Inputs.shape("RandomStandardNormal", shape), dtype, mean, stddev, seed));
    }

    /** float32 uniform values in {@code [0, 1)}. */
    public static Tensor randomUniform(int... shape) { return randomUniform(shape, 0, 1, DType.FLOAT32, null); }
    /** float32 uniform values in {@code [minval, maxval)}. */
    public static Tensor randomUniform(int[] shape, double minval, double maxval) { return randomUniform(shape, minval, maxval, DType.FLOAT32, null); }

    /** Uniform values in {@code [minval, maxval)}; integer dtypes draw integers. Seeds as for {@link #randomNormal(int[], double, double, DType, Long)}. */
    public static Tensor randomUniform(int[] shape, double minval, double maxval, DType dtype, Long seed) {
        return Dispatch.apply(new RandomDraw(Distribution.UNIFORM, Inputs.shape("RandomUniform", shape), dtype, minval, maxval, seed));
    }

    /** Normal values redrawn until within two standard deviations of the mean. */
    public static Tensor truncatedNormal(int[] shape, double mean, double stddev, DType dtype, Long seed) {
        return Dispatch.apply(new RandomDraw(Distribution.TRUNCATED_NORMAL, Inputs.shape("TruncatedNormal", shape), dtype, mean, stddev, seed));
    }

    // ================================================================== elementwise

    /** {@code a + b} with broadcasting. */
    public static Tensor add(Operand a, Operand b) { return Elementwise.binary(BinaryOp.ADD, in(a), in(b)); }
    /** {@code a + value}. */
    public static Tensor add(Operand a, double value) { return Elementwise.binary(BinaryOp.ADD, in(a), value); }
    /** {@code a - b}. */
    public static Tensor subtract(Operand a, Operand b) { return Elementwise.binary(BinaryOp.SUBTRACT, in(a), in(b)); }
    /** {@code a * b} elementwise. */
    public static Tensor multiply(Operand a, Operand b) { return Elementwise.binary(BinaryOp.MULTIPLY, in(a), in(b)); }
    /** {@code a * value}. */
    public static Tensor multiply(Operand a, double value) { return Elementwise.binary(BinaryOp.MULTIPLY, in(a), value); }
    /** {@code a / b}, true division: integers give float64 as in TensorFlow. */
    public static Tensor divide(Operand a, Operand b) { return Elementwise.binary(BinaryOp.DIVIDE, in(a), in(b)); }
    /** {@code floor(a / b)}. */
    public static Tensor floorDiv(Operand a, Operand b) { return Elementwise.binary(BinaryOp.FLOOR_DIV, in(a), in(b)); }
    /** {@code a mod b} taking the sign of {@code b}. */
    public static Tensor floorMod(Operand a, Operand b) { return Elementwise.binary(BinaryOp.FLOOR_MOD, in(a), in(b)); }
    /** {@code a ^ b}. */
    public static Tensor pow(Operand a, Operand b) { return Elementwise.binary(BinaryOp.POW, in(a), in(b)); }
    /** {@code a ^ exponent}. */
    public static Tensor pow(Operand a, double exponent) { return Elementwise.binary(BinaryOp.POW, in(a), exponent); }
    /** Elementwise maximum ({@code maximum(x, 0)} is ReLU). */
    public static Tensor maximum(Operand a, Operand b) { return Elementwise.binary(BinaryOp.MAXIMUM, in(a), in(b)); }
    /** Elementwise maximum with a scalar. */
    public static Tensor maximum(Operand a, double value) { return Elementwise.binary(BinaryOp.MAXIMUM, in(a), value); }
    /** Elementwise minimum. */
    public static Tensor minimum(Operand a, Operand b) { return Elementwise.binary(BinaryOp.MINIMUM, in(a), in(b)); }
    /** Elementwise minimum with a scalar. */
    public static Tensor minimum(Operand a, double value) { return Elementwise.binary(BinaryOp.MINIMUM, in(a), value); }
    /** {@code (a - b)^2}. */
    public static Tensor squaredDifference(Operand a, Operand b) { return Elementwise.squaredDifference(in(a), in(b)); }

    /** {@code -x}. */
    public static Tensor negative(Operand x) { return Elementwise.unary(UnaryOp.NEGATIVE, in(x)); }
    /** {@code |x|}. */
    public static Tensor abs(Operand x) { return Elementwise.unary(UnaryOp.ABS, in(x)); }
    /** {@code -1, 0, 1} by sign. */
    public static Tensor sign(Operand x) { return Elementwise.unary(UnaryOp.SIGN, in(x)); }
    /** {@code x * x}. */
    public static Tensor square(Operand x) { return Elementwise.unary(UnaryOp.SQUARE, in(x)); }
    /** Square root. */
    public static Tensor sqrt(Operand x) { return Elementwise.unary(UnaryOp.SQRT, in(x)); }
    /** {@code 1 / sqrt(x)}. */
    public static Tensor rsqrt(Operand x) { return Elementwise.unary(UnaryOp.RSQRT, in(x)); }
    /** {@code e^x}. */
    public static Tensor exp(Operand x) { return Elementwise.unary(UnaryOp.EXP, in(x)); }
    /** Natural logarithm. */
    public static Tensor log(Operand x) { return Elementwise.unary(UnaryOp.LOG, in(x)); }
    /** {@code log(1 + x)}, accurate for small x. */
    public static Tensor log1p(Operand x) { return Elementwise.unary(UnaryOp.LOG1P, in(x)); }
    /** {@code e^x - 1}, accurate for small x. */
    public static Tensor expm1(Operand x) { return Elementwise.unary(UnaryOp.EXPM1, in(x)); }
    /** Sine. */
    public static Tensor sin(Operand x) { return Elementwise.unary(UnaryOp.SIN, in(x)); }
    /** Cosine. */
    public static Tensor cos(Operand x) { return Elementwise.unary(UnaryOp.COS, in(x)); }
    /** Hyperbolic tangent. */
    public static Tensor tanh(Operand x) { return Elementwise.unary(UnaryOp.TANH, in(x)); }
    /** Logistic sigmoid {@code 1 / (1 + e^-x)}. */
    public static Tensor sigmoid(Operand x) { return Elementwise.unary(UnaryOp.SIGMOID, in(x)); }
    /** {@code max(x, 0)}. */
    public static Tensor relu(Operand x) { return Elementwise.unary(UnaryOp.RELU, in(x)); }
    /** {@code log(1 + e^x)}, stable for large x. */
    public static Tensor softplus(Operand x) { return Elementwise.unary(UnaryOp.SOFTPLUS, in(x)); }
    /** Round toward negative infinity. */
    public static Tensor floor(Operand x) { return Elementwise.unary(UnaryOp.FLOOR, in(x)); }
    /** Round toward positive infinity. */
    public static Tensor ceil(Operand x) { return Elementwise.unary(UnaryOp.CEIL, in(x)); }
    /** Round half to even (banker's rounding), as TensorFlow and NumPy. */
    public static Tensor round(Operand x) { return Elementwise.unary(UnaryOp.ROUND, in(x)); }
    /** {@code 1 / x}. */
    public static Tensor reciprocal(Operand x) { return Elementwise.unary(UnaryOp.RECIPROCAL, in(x)); }

    /** {@code a == b}, as bool. */
    public static Tensor equal(Operand a, Operand b) { return Elementwise.binary(BinaryOp.EQUAL, in(a), in(b)); }
    /** {@code a != b}. */
    public static Tensor notEqual(Operand a, Operand b) { return Elementwise.binary(BinaryOp.NOT_EQUAL, in(a), in(b)); }
    /** {@code a < b}. */
    public static Tensor less(Operand a, Operand b) { return Elementwise.binary(BinaryOp.LESS, in(a), in(b)); }
    /** {@code a <= b}. */
    public static Tensor lessEqual(Operand a, Operand b) { return Elementwise.binary(BinaryOp.LESS_EQUAL, in(a), in(b)); }
    /** {@code a > b}. */
    public static Tensor greater(Operand a, Operand b) { return Elementwise.binary(BinaryOp.GREATER, in(a), in(b)); }
    /** {@code a >= b}. */
    public static Tensor greaterEqual(Operand a, Operand b) { return Elementwise.binary(BinaryOp.GREATER_EQUAL, in(a), in(b)); }
    /** Elementwise and of bool tensors. */
    public static Tensor logicalAnd(Operand a, Operand b) { return Elementwise.binary(BinaryOp.LOGICAL_AND, in(a), in(b)); }
    /** Elementwise or of bool tensors. */
    public static Tensor logicalOr(Operand a, Operand b) { return Elementwise.binary(BinaryOp.LOGICAL_OR, in(a), in(b)); }
    /** Elementwise not of a bool tensor. */
    public static Tensor logicalNot(Operand x) { return Elementwise.unary(UnaryOp.LOGICAL_NOT, in(x)); }
    /** Whether each element is finite. */
    public static Tensor isFinite(Operand x) { return Elementwise.isFinite(in(x)); }

    /** {@code cond ? x : y} elementwise, broadcasting all three. */
    public static Tensor where(Operand cond, Operand x, Operand y) { return Elementwise.where(in(cond), in(x), in(y)); }
    /** Clips to {@code [lo, hi]}. */
    public static Tensor clipByValue(Operand x, Operand lo, Operand hi) { return Elementwise.clipByValue(in(x), in(lo), in(hi)); }

    /** Clips to {@code [lo, hi]} given as Java scalars. */
    public static Tensor clipByValue(Operand x, double lo, double hi) {
        return Elementwise.clipByValue(in(x), lo, hi);
    }

    // ================================================================== reductions

    /** Sum of all elements. */
    public static Tensor reduceSum(Operand x) { return Reductions.reduce(ReduceOp.SUM, in(x), null, false); }
    /** Sum over {@code axes} (negative count from the end; null for all, TensorFlow's {@code axis=None}). */
    public static Tensor reduceSum(Operand x, int... axes) { return Reductions.reduce(ReduceOp.SUM, in(x), axes, false); }
    /** Sum over {@code axes} ({@code null} for all), keeping them as size 1 if {@code keepDims}. */
    public static Tensor reduceSum(Operand x, int[] axes, boolean keepDims) { return Reductions.reduce(ReduceOp.SUM, in(x), axes, keepDims); }
    /** Mean of all elements; integers truncate ({@code [1, 2, 3, 4]} gives 2). */
    public static Tensor reduceMean(Operand x) { return Reductions.mean(in(x), null, false); }
    /** Mean over {@code axes} (null for all). */
    public static Tensor reduceMean(Operand x, int... axes) { return Reductions.mean(in(x), axes, false); }
    /** Mean over {@code axes} (null for all), optionally keeping them. */
    public static Tensor reduceMean(Operand x, int[] axes, boolean keepDims) { return Reductions.mean(in(x), axes, keepDims); }
    /** Largest element. */
    public static Tensor reduceMax(Operand x) { return Reductions.reduce(ReduceOp.MAX, in(x), null, false); }
    /** Largest element over {@code axes} (null for all). */
    public static Tensor reduceMax(Operand x, int... axes) { return Reductions.reduce(ReduceOp.MAX, in(x), axes, false); }
    /** Largest element over {@code axes} (null for all), optionally keeping them. */
    public static Tensor reduceMax(Operand x, int[] axes, boolean keepDims) { return Reductions.reduce(ReduceOp.MAX, in(x), axes, keepDims); }
    /** Smallest element. */
    public static Tensor reduceMin(Operand x) { return Reductions.reduce(ReduceOp.MIN, in(x), null, false); }
    /** Smallest element over {@code axes} (null for all). */
    public static Tensor reduceMin(Operand x, int... axes) { return Reductions.reduce(ReduceOp.MIN, in(x), axes, false); }
    /** Smallest element over {@code axes} (null for all), optionally keeping them. */
    public static Tensor reduceMin(Operand x, int[] axes, boolean keepDims) { return Reductions.reduce(ReduceOp.MIN, in(x), axes, keepDims); }
    /** Product over {@code axes} (all when none, or null, are given). */
    public static Tensor reduceProd(Operand x, int... axes) { return Reductions.reduce(ReduceOp.PROD, in(x), axes == null || axes.length == 0 ? null : axes, false); }
    /** Product over {@code axes} (null for all), optionally keeping them. */
    public static Tensor reduceProd(Operand x, int[] axes, boolean keepDims) { return Reductions.reduce(ReduceOp.PROD, in(x), axes, keepDims); }
    /** Logical and over {@code axes} (all when none, or null, are given). */
    public static Tensor reduceAll(Operand x, int... axes) { return Reductions.reduce(ReduceOp.ALL, in(x), axes == null || axes.length == 0 ? null : axes, false); }
    /** Logical and over {@code axes} (null for all), optionally keeping them. */
    public static Tensor reduceAll(Operand x, int[] axes, boolean keepDims) { return Reductions.reduce(ReduceOp.ALL, in(x), axes, keepDims); }
    /** Logical or over {@code axes} (all when none, or null, are given). */
    public static Tensor reduceAny(Operand x, int... axes) { return Reductions.reduce(ReduceOp.ANY, in(x), axes == null || axes.length == 0 ? null : axes, false); }
    /** Logical or over {@code axes} (null for all), optionally keeping them. */
    public static Tensor reduceAny(Operand x, int[] axes, boolean keepDims) { return Reductions.reduce(ReduceOp.ANY, in(x), axes, keepDims); }
    /** Population variance over {@code axes} ({@code null} for all). */
    public static Tensor reduceVariance(Operand x, int[] axes, boolean keepDims) { return Reductions.variance(in(x), axes, keepDims); }
    /** Population standard deviation over {@code axes} ({@code null} for all). */
    public static Tensor reduceStd(Operand x, int[] axes, boolean keepDims) { return Reductions.std(in(x), axes, keepDims); }
    /** {@code log(sum(exp(x)))} over {@code axes} (null for all), stable for large values. */
    public static Tensor reduceLogSumExp(Operand x, int[] axes, boolean keepDims) { return SoftmaxOps.logSumExp(in(x), axes, keepDims); }
    /** int64 index of the largest element along axis 0. */
    public static Tensor argMax(Operand x) { return argMax(in(x), 0); }
    /** int64 index of the largest element along {@code axis} (first one on ties). */
    public static Tensor argMax(Operand x, int axis) { return Reductions.argReduce(true, in(x), axis); }
    /** int64 index of the smallest element along axis 0. */
    public static Tensor argMin(Operand x) { return argMin(in(x), 0); }
    /** int64 index of the smallest element along {@code axis}. */
    public static Tensor argMin(Operand x, int axis) { return Reductions.argReduce(false, in(x), axis); }
    /** Running sum along {@code axis}. */
    public static Tensor cumsum(Operand x, int axis) { return Reductions.cumulative(false, in(x), axis, false, false); }
    /** Running sum along {@code axis}, optionally exclusive of each element and/or from the end. */
    public static Tensor cumsum(Operand x, int axis, boolean exclusive, boolean reverse) { return Reductions.cumulative(false, in(x), axis, exclusive, reverse); }
    /** Running product along {@code axis}. */
    public static Tensor cumprod(Operand x, int axis) { return Reductions.cumulative(true, in(x), axis, false, false); }
    /** Running product along {@code axis}, optionally exclusive of each element and/or from the end. */
    public static Tensor cumprod(Operand x, int axis, boolean exclusive, boolean reverse) { return Reductions.cumulative(true, in(x), axis, exclusive, reverse); }

    // ================================================================== composites

    /** {@code x} unchanged, but no gradient flows back through the result. */
    public static Tensor stopGradient(Operand x) { return Dispatch.apply(new StopGradient(), in(x)); }

    /** Softmax along the last axis. */
    public static Tensor softmax(Operand x) { return SoftmaxOps.softmax(in(x), -1); }
    /** Softmax along {@code axis}. */
    public static Tensor softmax(Operand x, int axis) { return SoftmaxOps.softmax(in(x), axis); }
    /** Log-softmax along the last axis. */
    public static Tensor logSoftmax(Operand x) { return SoftmaxOps.logSoftmax(in(x), -1); }
    /** Log-softmax along {@code axis}. */
    public static Tensor logSoftmax(Operand x, int axis) { return SoftmaxOps.logSoftmax(in(x), axis); }

    // ================================================================== linear algebra

    /** Matrix product {@code a @ b}; both need rank >= 2 (TensorFlow's rule). */
    public static Tensor matmul(Operand a, Operand b) { return Linalg.matmul(in(a), in(b), false, false); }
    /** Matrix product with optional transposes of the last two axes. */
    public static Tensor matmul(Operand a, Operand b, boolean transposeA, boolean transposeB) { return Linalg.matmul(in(a), in(b), transposeA, transposeB); }
    /** Permutes axes ({@code perm} empty or null: reverses them). */
    public static Tensor transpose(Operand x, int... perm) { return ShapeOps.transpose(in(x), perm); }
    /** Swaps the last two axes. */
    public static Tensor matrixTranspose(Operand x) { return ShapeOps.matrixTranspose(in(x)); }
    /** Inverse of each square matrix in the last two axes. */
    public static Tensor matrixInverse(Operand x) { return Linalg.inverse(in(x)); }
    /** Determinant of each square matrix in the last two axes. */
    public static Tensor matrixDeterminant(Operand x) { return Linalg.determinant(in(x)); }

    // ================================================================== shapes

    /**
     * The run-time dimensions of {@code x} as an int32 vector, TensorFlow's {@code tf.shape}. For a
     * symbolic tensor whose {@link Tensor#shape()} has unknown dimensions this is the graph node that
     * gives them when the graph runs.
     *
     * {@snippet :
     * shape(zeros(2, 3));   // tf.Tensor([2 3], shape=(2,), dtype=int32)
     * }
     */
    public static Tensor shape(Operand x) { return Dispatch.apply(new ShapeOf(), Inputs.require("Shape", 0, in(x))); }
    /** The same elements in a new shape; one dimension may be {@code -1}. */
    public static Tensor reshape(Operand x, int... shape) { return ShapeOps.reshape(in(x), shape); }
    /** Inserts a size-1 axis at {@code axis}. */
    public static Tensor expandDims(Operand x, int axis) { return ShapeOps.expandDims(in(x), axis); }
    /** Removes size-1 axes (all of them when none, or null, are given). */
    public static Tensor squeeze(Operand x, int... axes) { return ShapeOps.squeeze(in(x), axes); }
    /** A view of {@code x} broadcast to {@code shape}. */
    public static Tensor broadcastTo(Operand x, int... shape) { return Elementwise.broadcastTo(in(x), Inputs.shape("BroadcastTo", shape)); }
    /** Converts to {@code dtype}. */
    public static Tensor cast(Operand x, DType dtype) { return Elementwise.cast(in(x), dtype); }
    /** Joins tensors along a new axis ({@code -rank-1 .. rank}). */
    public static Tensor stack(List<? extends Operand> values, int axis) { return ShapeOps.stack(tensors(values), axis); }
    /** Joins tensors along a new leading axis. */
    public static Tensor stack(Operand... values) { return ShapeOps.stack(values == null ? null : tensors(Arrays.asList(values)), 0); }
    /** Splits along {@code axis} into its slices. */
    public static List<Tensor> unstack(Operand x, int axis) { return ShapeOps.unstack(in(x), axis); }
    /** Joins tensors along an existing axis; the other dimensions must agree. */
    public static Tensor concat(List<? extends Operand> values, int axis) { return ShapeOps.concat(tensors(values), axis); }
    /** Splits into {@code parts} equal pieces along {@code axis}. */
    public static List<Tensor> split(Operand x, int parts, int axis) { return ShapeOps.split(in(x), parts, axis); }
    /** Splits into pieces of the given sizes along {@code axis} (one size may be {@code -1}). */
    public static List<Tensor> split(Operand x, int[] sizes, int axis) { return ShapeOps.split(in(x), sizes, axis); }
    /** Repeats {@code x} {@code multiples[d]} times along each axis. */
    public static Tensor tile(Operand x, int... multiples) { return ShapeOps.tile(in(x), multiples); }
    /** Pads with zeros; {@code paddings[d] = {before, after}}. */
    public static Tensor pad(Operand x, int[][] paddings) { return ShapeOps.pad(in(x), paddings, 0); }
    /** Pads with a constant value. */
    public static Tensor pad(Operand x, int[][] paddings, double constant) { return ShapeOps.pad(in(x), paddings, constant); }
    /** Slices of {@code params} along {@code axis} chosen by integer {@code indices}. */
    public static Tensor gather(Operand params, Operand indices, int axis) { return ShapeOps.gather(in(params), in(indices), axis); }
    /** Rows of {@code params} (axis 0) chosen by {@code indices}. */
    public static Tensor gather(Operand params, int... indices) { return ShapeOps.gather(in(params), constant(Inputs.nonNullInput("GatherV2", "indices", indices)), 0); }
    /**
     * Sums slices of {@code data} into {@code numSegments} segments by id (TensorFlow's
     * {@code unsorted_segment_sum}): {@code segmentIds}' shape is a prefix of {@code data}'s, and
     * the result has shape {@code (numSegments,) + data.shape[segmentIds.rank:]}; segments no id
     * names are zero, slices with a negative id are dropped.
     *
     * {@snippet :
     * unsortedSegmentSum(constant(new float[] {1, 2, 3, 4}), constant(new int[] {0, 2, 0, -1}), 3); // [4, 0, 2]
     * }
     */
    public static Tensor unsortedSegmentSum(Operand data, Operand segmentIds, int numSegments) {
        return ShapeOps.unsortedSegmentSum(in(data), in(segmentIds), numSegments);
    }
    /** float32 one-hot vectors of length {@code depth} on a new last axis. */
    public static Tensor oneHot(Operand indices, int depth) { return ShapeOps.oneHot(in(indices), depth, 1, 0, -1, DType.FLOAT32); }

    /** One-hot encoding with explicit on/off values, axis and dtype. */
    public static Tensor oneHot(Operand indices, int depth, double on, double off, int axis, DType dtype) {
        return ShapeOps.oneHot(in(indices), depth, on, off, axis, dtype);
    }

    /** The value of an operand, keeping null so that the frontend reports which input it was. */
    private static Tensor in(Operand x) {
        return x == null ? null : x.asTensor();
    }

    private static List<Tensor> tensors(List<? extends Operand> values) {
        return values == null ? null : values.stream().map(TF::in).toList();
    }

    // ================================================================== nn

    /**
     * Neural-network ops under TensorFlow's {@code tf.nn} names: 2-D convolution and pooling over
     * NHWC images ({@code [batch, height, width, channels]}, float32 or float64). Height, width and
     * channels must be known; the batch dimension may be unknown (a graph placeholder of shape
     * {@code (None, 28, 28, 1)}). Spatial parameters ({@code strides}, {@code ksize},
     * {@code dilations}) take TensorFlow's forms: one value for both axes, {@code {h, w}}, or
     * {@code {1, h, w, 1}}. Padding is {@code "SAME"} or {@code "VALID"} in any case, with
     * TensorFlow's rule: SAME gives {@code ceil(in / stride)} windows and pads by
     * {@code max((out - 1) * stride + k - in, 0)}, the odd element after.
     *
     * {@snippet :
     * import static dev.jtensor.TF.*;
     *
     * Tensor images = randomNormal(64, 28, 28, 1);
     * Tensor filter = randomNormal(3, 3, 1, 32);
     * Tensor features = nn.conv2d(images, filter, new int[] {1, 1}, "SAME");   // (64, 28, 28, 32)
     * Tensor pooled = nn.maxPool2d(relu(features), new int[] {2, 2}, new int[] {2, 2}, "VALID");   // (64, 14, 14, 32)
     * }
     *
     * <p>Every op is composed from {@link dev.jtensor.ops.ImagePatches} (im2col), whose gradient is
     * its adjoint, so gradients of every order come from the tape's ordinary rules.
     */
    public static final class nn {

        private nn() {
        }

        /**
         * 2-D convolution (cross-correlation, as TensorFlow's {@code tf.nn.conv2d}):
         * {@code out[n, i, j, o] = sum over (kh, kw, c) of input[n, i*sh + kh - padTop, j*sw + kw - padLeft, c]
         * * filter[kh, kw, c, o]}, zero outside the image.
         *
         * @param input   {@code [N, H, W, C]}
         * @param filter  {@code [KH, KW, C, OC]} (TensorFlow's HWIO layout), of the input's dtype
         * @param strides {@code {sh, sw}}, one value, or {@code {1, sh, sw, 1}}
         * @param padding {@code "SAME"} or {@code "VALID"}
         * @return {@code [N, OH, OW, OC]}
         * @throws InvalidArgumentException ({@code ... [Op:Conv2D]}) for a wrong rank, a channel mismatch,
         *                                  non-positive or malformed strides, an unknown padding or a non-float dtype
         */
        public static Tensor conv2d(Operand input, Operand filter, int[] strides, String padding) {
            return Convolutions.conv2d(in(input), in(filter), strides, padding, new int[] {1, 1});
        }

        /**
         * {@link #conv2d(Operand, Operand, int[], String)} with dilated (atrous) windows: tap
         * {@code (kh, kw)} reads {@code dilations[0] * kh} rows and {@code dilations[1] * kw} columns from
         * the window's corner (same forms as {@code strides}; {@code {1, 1}} is plain convolution).
         *
         * {@snippet :
         * Tensor y = TF.nn.conv2d(x, filter, new int[] {1, 1}, "VALID", new int[] {2, 2});
         * }
         */
        public static Tensor conv2d(Operand input, Operand filter, int[] strides, String padding, int[] dilations) {
            return Convolutions.conv2d(in(input), in(filter), strides, padding, dilations);
        }

        /**
         * Max pooling ({@code tf.nn.max_pool2d}): the largest element of each {@code ksize} window; SAME
         * padding never wins (it is -inf). Its gradient shares each window's gradient equally among the
         * elements that attain the maximum (TensorFlow's {@code reduce_max} rule; TensorFlow's
         * {@code MaxPoolGrad} gives it all to the first): the same wherever the maximum is unique.
         *
         * {@snippet :
         * Tensor pooled = TF.nn.maxPool2d(x, new int[] {2, 2}, new int[] {2, 2}, "SAME");
         * }
         *
         * @param ksize   window size {@code {kh, kw}}, one value, or {@code {1, kh, kw, 1}}
         * @param strides as for {@link #conv2d(Operand, Operand, int[], String)}
         * @throws InvalidArgumentException ({@code ... [Op:MaxPool]}) for bad input as {@code conv2d}
         */
        public static Tensor maxPool2d(Operand input, int[] ksize, int[] strides, String padding) {
            return Convolutions.maxPool2d(in(input), ksize, strides, padding);
        }

        /**
         * Average pooling ({@code tf.nn.avg_pool2d}): the mean of each {@code ksize} window over the
         * pixels inside the image, so SAME padding is not averaged in, as TensorFlow's {@code AvgPool}.
         *
         * {@snippet :
         * Tensor pooled = TF.nn.avgPool2d(x, new int[] {3, 3}, new int[] {2, 2}, "SAME");
         * }
         *
         * @throws InvalidArgumentException ({@code ... [Op:AvgPool]}) for bad input as {@code conv2d}
         */
        public static Tensor avgPool2d(Operand input, int[] ksize, int[] strides, String padding) {
            return Convolutions.avgPool2d(in(input), ksize, strides, padding);
        }

        /**
         * The windows of each image side by side ({@code tf.image.extract_patches}, im2col):
         * {@code [N, H, W, C]} gives {@code [N, OH, OW, KH * KW * C]}, each window's pixels in
         * {@code (kh, kw, c)} order, zero outside the image.
         *
         * {@snippet :
         * Tensor patches = TF.nn.extractImagePatches(x, new int[] {3, 3}, new int[] {1, 1}, new int[] {1, 1}, "SAME");
         * }
         *
         * @param sizes window size; {@code strides}, {@code rates} (dilations) as for conv2d
         */
        public static Tensor extractImagePatches(Operand images, int[] sizes, int[] strides, int[] rates,
                                                 String padding) {
            return Convolutions.extractImagePatches(in(images), sizes, strides, rates, padding);
        }
    }

    // ================================================================== configuration

    /**
     * Turns on NumPy's type promotion for the whole process, as TensorFlow's
     * {@code tnp.experimental_enable_numpy_behavior()}: {@code int32 + float32} gives float64
     * instead of an error, and integer input to {@code exp} and friends is cast to float64.
     */
    public static void enableNumpyBehavior() { Settings.setNumpyBehavior(true); }
    /** Returns to TensorFlow's strict dtype rule. */
    public static void disableNumpyBehavior() { Settings.setNumpyBehavior(false); }
    /** Whether NumPy behaviour is on for the current thread. */
    public static boolean isNumpyBehavior() { return Settings.numpyBehavior(); }
    /** NumPy's promotion on or off for the current thread until the scope closes ({@link Settings}). */
    public static Settings.Scope withNumpyBehavior(boolean on) { return Settings.withNumpyBehavior(on); }

    /**
     * Creates tensors on {@code device} on the current thread until the scope closes, as TensorFlow's
     * {@code with tf.device("GPU:0")}: constants, fills and random tensors are placed there, and ops
     * run wherever their inputs are.
     *
     * {@snippet :
     * try (var onGpu = TF.withDevice("gpu:0")) {
     *     Tensor w = TF.randomNormal(784, 256);     // lives on gpu:0
     * }
     * }
     *
     * @throws InvalidArgumentException if the device is not available
     */
    public static Settings.Scope withDevice(String device) {
        return Settings.withDevice(parseDevice(Inputs.nonNull(device, "TF.withDevice", "device")));
    }

    private static Device parseDevice(String device) {
        try {
            return Device.parse(device);
        } catch (IllegalArgumentException e) {
            throw new InvalidArgumentException(e.getMessage());
        }
    }

    /**
     * The devices of a type ({@code "CPU"} or {@code "GPU"}, any case; null for all), as
     * {@code tf.config.list_physical_devices}: the CPU, and the devices of the backends on the class path.
     */
    public static List<PhysicalDevice> listPhysicalDevices(String deviceType) {
        List<PhysicalDevice> out = new java.util.ArrayList<>();
        for (Device d : Backends.devices()) {
            String type = d.type().toUpperCase(java.util.Locale.ROOT);
            if (deviceType == null || deviceType.equalsIgnoreCase(type)) out.add(new PhysicalDevice(physicalName(d), type));
        }
        return List.copyOf(out);
    }

    private static String physicalName(Device d) {
        return "/physical_device:" + d.type().toUpperCase(java.util.Locale.ROOT) + ":" + d.index();
    }

    /**
     * What a listed device is, as {@code tf.config.experimental.get_device_details}: its
     * {@code device_name}, its {@code memory_limit} in bytes where known, and what else its backend
     * reports.
     *
     * {@snippet :
     * for (PhysicalDevice gpu : TF.listPhysicalDevices("GPU")) {
     *     System.out.println(gpu.name() + ": " + TF.getDeviceDetails(gpu).get("device_name"));
     * }
     * }
     *
     * @throws InvalidArgumentException if the device is not one {@link #listPhysicalDevices} lists
     */
    public static java.util.Map<String, Object> getDeviceDetails(PhysicalDevice device) {
        Inputs.nonNull(device, "TF.getDeviceDetails", "device");
        for (Device d : Backends.devices()) {
            if (device.name().equals(physicalName(d))) return Backends.of(d).details();
        }
        throw new InvalidArgumentException("TF.getDeviceDetails: " + device.name() + " is not a device here; the devices are "
                + listPhysicalDevices(null).stream().map(PhysicalDevice::name).toList());
    }
}
