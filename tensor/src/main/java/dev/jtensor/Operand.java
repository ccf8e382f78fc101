package dev.jtensor;

import dev.jtensor.accel.BinaryOp;
import dev.jtensor.accel.ReduceOp;
import dev.jtensor.accel.UnaryOp;
import dev.jtensor.internal.Elementwise;
import dev.jtensor.internal.Indexing;
import dev.jtensor.internal.Inputs;
import dev.jtensor.internal.Linalg;
import dev.jtensor.internal.Reductions;
import dev.jtensor.internal.ShapeOps;
import java.util.List;

/**
 * Anything an op accepts as an input: a {@link Tensor}, or a variable whose current value is read
 * when the op runs. The fluent API lives here, so {@code a.add(b).matmul(w)} reads the same
 * whether {@code a} is a tensor or a variable; every op returns a plain {@link Tensor}.
 *
 * <p>Methods that take a Java scalar convert it to this operand's dtype first, as TensorFlow
 * converts Python numbers; a value the dtype cannot hold (1.5 for an int32 tensor) is an error
 * unless NumPy behaviour is on.
 */
public interface Operand {

    /** The value to compute with: the tensor itself, or a variable's current value. */
    Tensor asTensor();

    /** The element type. */
    DType dtype();

    /** The dimensions. */
    Shape shape();

    /** Number of dimensions (0 for a scalar). */
    default int rank() {
        return shape().rank();
    }

    /** Number of elements. */
    default int size() {
        return shape().size();
    }

    // ------------------------------------------------------------------ getting values out

    /** The elements in row-major order as floats (converted as by {@link #cast} if needed). */
    default float[] toFloatArray() { return asTensor().values(DType.FLOAT32, float[].class); }
    /** The elements in row-major order as doubles. */
    default double[] toDoubleArray() { return asTensor().values(DType.FLOAT64, double[].class); }
    /** The elements in row-major order as ints (floats truncate toward zero). */
    default int[] toIntArray() { return asTensor().values(DType.INT32, int[].class); }
    /** The elements in row-major order as longs. */
    default long[] toLongArray() { return asTensor().values(DType.INT64, long[].class); }
    /** The elements in row-major order as booleans (non-zero is true). */
    default boolean[] toBooleanArray() { return asTensor().values(DType.BOOL, boolean[].class); }

    /**
     * The values as a nested Java array of the dtype's element type ({@code float[][]} for a
     * float32 matrix), or a boxed value for a scalar. Like TensorFlow's {@code tensor.numpy()}.
     */
    default Object toArray() { return asTensor().nested(); }

    /** The single element as a float; there must be exactly one element. */
    default float floatValue() { return toFloatArray()[asTensor().singleIndex()]; }
    /** The single element as a double. */
    default double doubleValue() { return toDoubleArray()[asTensor().singleIndex()]; }
    /** The single element as an int. */
    default int intValue() { return toIntArray()[asTensor().singleIndex()]; }
    /** The single element as a long. */
    default long longValue() { return toLongArray()[asTensor().singleIndex()]; }
    /** The single element as a boolean. */
    default boolean booleanValue() { return toBooleanArray()[asTensor().singleIndex()]; }

    // ------------------------------------------------------------------ arithmetic

    /** {@code this + other} with broadcasting. */
    default Tensor add(Operand other) { return Elementwise.binary(BinaryOp.ADD, asTensor(), valueOf(other)); }
    /** {@code this + value}. */
    default Tensor add(double value) { return add(Elementwise.scalarLike(value, asTensor())); }
    /** {@code this + value}. */
    default Tensor add(long value) { return add(Elementwise.scalarLike(value, asTensor())); }

    /** {@code this - other} with broadcasting. */
    default Tensor sub(Operand other) { return Elementwise.binary(BinaryOp.SUBTRACT, asTensor(), valueOf(other)); }
    /** {@code this - value}. */
    default Tensor sub(double value) { return sub(Elementwise.scalarLike(value, asTensor())); }
    /** {@code this - value}. */
    default Tensor sub(long value) { return sub(Elementwise.scalarLike(value, asTensor())); }

    /** {@code this * other} elementwise, with broadcasting. */
    default Tensor mul(Operand other) { return Elementwise.binary(BinaryOp.MULTIPLY, asTensor(), valueOf(other)); }
    /** {@code this * value}. */
    default Tensor mul(double value) { return mul(Elementwise.scalarLike(value, asTensor())); }
    /** {@code this * value}. */
    default Tensor mul(long value) { return mul(Elementwise.scalarLike(value, asTensor())); }

    /** {@code this / other}: true division (integers give float64), with broadcasting. */
    default Tensor div(Operand other) { return Elementwise.binary(BinaryOp.DIVIDE, asTensor(), valueOf(other)); }
    /** {@code this / value}. */
    default Tensor div(double value) { return div(Elementwise.scalarLike(value, asTensor())); }
    /** {@code this / value}. */
    default Tensor div(long value) { return div(Elementwise.scalarLike(value, asTensor())); }

    /** {@code floor(this / other)}, Python's {@code //}. */
    default Tensor floorDiv(Operand other) { return Elementwise.binary(BinaryOp.FLOOR_DIV, asTensor(), valueOf(other)); }
    /** {@code this mod other} with the divisor's sign, Python's {@code %}. */
    default Tensor floorMod(Operand other) { return Elementwise.binary(BinaryOp.FLOOR_MOD, asTensor(), valueOf(other)); }

    /** {@code this ^ other} elementwise. */
    default Tensor pow(Operand other) { return Elementwise.binary(BinaryOp.POW, asTensor(), valueOf(other)); }
    /** {@code this ^ value}. */
    default Tensor pow(double value) { return pow(Elementwise.scalarLike(value, asTensor())); }
    /** {@code this ^ value}. */
    default Tensor pow(long value) { return pow(Elementwise.scalarLike(value, asTensor())); }

    /** Elementwise maximum. */
    default Tensor maximum(Operand other) { return Elementwise.binary(BinaryOp.MAXIMUM, asTensor(), valueOf(other)); }
    /** Elementwise maximum with a scalar ({@code x.maximum(0)} is ReLU). */
    default Tensor maximum(double value) { return maximum(Elementwise.scalarLike(value, asTensor())); }
    /** Elementwise minimum. */
    default Tensor minimum(Operand other) { return Elementwise.binary(BinaryOp.MINIMUM, asTensor(), valueOf(other)); }
    /** Elementwise minimum with a scalar. */
    default Tensor minimum(double value) { return minimum(Elementwise.scalarLike(value, asTensor())); }

    /** {@code -this}. */
    default Tensor neg() { return Elementwise.unary(UnaryOp.NEGATIVE, asTensor()); }
    /** {@code |this|}. */
    default Tensor abs() { return Elementwise.unary(UnaryOp.ABS, asTensor()); }
    /** {@code this * this}. */
    default Tensor square() { return Elementwise.unary(UnaryOp.SQUARE, asTensor()); }
    /** Square root. */
    default Tensor sqrt() { return Elementwise.unary(UnaryOp.SQRT, asTensor()); }
    /** {@code e^this}. */
    default Tensor exp() { return Elementwise.unary(UnaryOp.EXP, asTensor()); }
    /** Natural logarithm. */
    default Tensor log() { return Elementwise.unary(UnaryOp.LOG, asTensor()); }
    /** Hyperbolic tangent. */
    default Tensor tanh() { return Elementwise.unary(UnaryOp.TANH, asTensor()); }
    /** Logistic sigmoid. */
    default Tensor sigmoid() { return Elementwise.unary(UnaryOp.SIGMOID, asTensor()); }
    /** {@code max(asTensor(), 0)}. */
    default Tensor relu() { return Elementwise.unary(UnaryOp.RELU, asTensor()); }

    // ------------------------------------------------------------------ comparisons

    /** {@code this == other} elementwise, as bool. */
    default Tensor equal(Operand other) { return Elementwise.binary(BinaryOp.EQUAL, asTensor(), valueOf(other)); }
    /** {@code this == value} elementwise. */
    default Tensor equal(double value) { return equal(Elementwise.scalarLike(value, asTensor())); }
    /** {@code this != other} elementwise. */
    default Tensor notEqual(Operand other) { return Elementwise.binary(BinaryOp.NOT_EQUAL, asTensor(), valueOf(other)); }
    /** {@code this < other} elementwise. */
    default Tensor less(Operand other) { return Elementwise.binary(BinaryOp.LESS, asTensor(), valueOf(other)); }
    /** {@code this < value} elementwise. */
    default Tensor less(double value) { return less(Elementwise.scalarLike(value, asTensor())); }
    /** {@code this <= other} elementwise. */
    default Tensor lessEqual(Operand other) { return Elementwise.binary(BinaryOp.LESS_EQUAL, asTensor(), valueOf(other)); }
    /** {@code this > other} elementwise. */
    default Tensor greater(Operand other) { return Elementwise.binary(BinaryOp.GREATER, asTensor(), valueOf(other)); }
    /** {@code this > value} elementwise. */
    default Tensor greater(double value) { return greater(Elementwise.scalarLike(value, asTensor())); }
    /** {@code this >= other} elementwise. */
    default Tensor greaterEqual(Operand other) { return Elementwise.binary(BinaryOp.GREATER_EQUAL, asTensor(), valueOf(other)); }

    // ------------------------------------------------------------------ linear algebra and reductions

    /** Matrix product {@code this @ other} (both of rank >= 2; batch axes broadcast). */
    default Tensor matmul(Operand other) { return Linalg.matmul(asTensor(), valueOf(other), false, false); }

    /** Sum of all elements. */
    default Tensor reduceSum() { return Reductions.reduce(ReduceOp.SUM, asTensor(), null, false); }
    /** Sum over the given axes (negative count from the end; null for all). */
    default Tensor reduceSum(int... axes) { return Reductions.reduce(ReduceOp.SUM, asTensor(), axes, false); }
    /** Mean of all elements (integer tensors truncate). */
    default Tensor reduceMean() { return Reductions.mean(asTensor(), null, false); }
    /** Mean over the given axes (null for all). */
    default Tensor reduceMean(int... axes) { return Reductions.mean(asTensor(), axes, false); }
    /** Largest element. */
    default Tensor reduceMax() { return Reductions.reduce(ReduceOp.MAX, asTensor(), null, false); }
    /** Largest element over the given axes (null for all). */
    default Tensor reduceMax(int... axes) { return Reductions.reduce(ReduceOp.MAX, asTensor(), axes, false); }
    /** Smallest element. */
    default Tensor reduceMin() { return Reductions.reduce(ReduceOp.MIN, asTensor(), null, false); }
    /** Smallest element over the given axes (null for all). */
    default Tensor reduceMin(int... axes) { return Reductions.reduce(ReduceOp.MIN, asTensor(), axes, false); }

    // ------------------------------------------------------------------ shape

    /** The same elements in a new shape; one dimension may be {@code -1}. */
    default Tensor reshape(int... shape) { return ShapeOps.reshape(asTensor(), shape); }
    /** Permutes the axes; with no arguments (or null) reverses them (a matrix transpose for rank 2). */
    default Tensor transpose(int... perm) { return ShapeOps.transpose(asTensor(), perm); }
    /** Inserts a size-1 axis. */
    default Tensor expandDims(int axis) { return ShapeOps.expandDims(asTensor(), axis); }
    /** Removes size-1 axes (all of them when none, or null, are given). */
    default Tensor squeeze(int... axes) { return ShapeOps.squeeze(asTensor(), axes); }
    /** A view broadcast to a larger shape. */
    default Tensor broadcastTo(int... shape) { return Elementwise.broadcastTo(asTensor(), Inputs.shape("BroadcastTo", shape)); }
    /** Converts to another dtype. */
    default Tensor cast(DType dtype) { return Elementwise.cast(asTensor(), dtype); }

    /**
     * Integer indexing, NumPy's {@code a[i, j]}: each index removes one leading axis; negative
     * indices count from the end. {@code a.get(0)} of a matrix is its first row.
     */
    default Tensor get(int... indices) {
        if (indices == null) {
            return Indexing.get(asTensor(), (Index[]) null);
        }
        Index[] items = new Index[indices.length];
        for (int i = 0; i < indices.length; i++) {
            items[i] = Index.at(indices[i]);
        }
        return Indexing.get(asTensor(), items);
    }

    /** NumPy basic indexing with ranges, steps, new axes and an ellipsis; see {@link Index}. */
    default Tensor get(Index... items) { return Indexing.get(asTensor(), items); }

    /** Splits along {@code axis} into its slices (TensorFlow's {@code unstack}). */
    default List<Tensor> unstack(int axis) { return ShapeOps.unstack(asTensor(), axis); }

    /** The value of an operand argument, keeping null so that the op reports which input was missing. */
    private static Tensor valueOf(Operand other) {
        return other == null ? null : other.asTensor();
    }
}
