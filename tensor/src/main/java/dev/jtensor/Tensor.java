package dev.jtensor;

import dev.jtensor.accel.BinaryOp;
import dev.jtensor.accel.ReduceOp;
import dev.jtensor.accel.Strided;
import dev.jtensor.accel.UnaryOp;
import dev.jtensor.internal.Elementwise;
import dev.jtensor.internal.Indexing;
import dev.jtensor.internal.JavaArrays;
import dev.jtensor.internal.Linalg;
import dev.jtensor.internal.NumpyFormatter;
import dev.jtensor.internal.Reductions;
import dev.jtensor.internal.ShapeOps;
import dev.jtensor.internal.TensorAccess;
import java.util.List;

/**
 * An immutable n-dimensional array of one {@link DType}: the value every op takes and returns.
 *
 * <p>Ops run eagerly: each method returns a new tensor holding its result at once. Reshapes of
 * contiguous data, transposes, slices and broadcasts are views that share storage without
 * copying, which is safe because no tensor is ever modified. Tensors are ordinary garbage-collected
 * objects: there is nothing to close. {@code equals} is identity; compare values with
 * {@link #equal(Tensor)} or by reading them out.
 *
 * {@snippet :
 * Tensor x = TF.constant(new float[][] {{1, 2}, {3, 4}});
 * Tensor y = x.pow(2).add(1).matmul(x);          // (x^2 + 1) @ x
 * System.out.println(y.reduceMean());           // tf.Tensor(49.5, shape=(), dtype=float32)
 * float[] values = y.toFloatArray();
 * }
 *
 * Methods that take a Java scalar convert it to this tensor's dtype first, as TensorFlow converts
 * Python numbers; a value the dtype cannot hold (1.5 for an int32 tensor) is an error unless NumPy
 * behaviour is on.
 */
public final class Tensor {

    static {
        TensorAccess.install(new TensorAccess.Bridge() {
            @Override
            public Strided view(Tensor t) {
                return new Strided(t.data, t.offset, t.strides);
            }

            @Override
            public Tensor create(DType dtype, Shape shape, Object data, int offset, int[] strides) {
                return new Tensor(dtype, shape, data, offset, strides);
            }
        });
    }

    private final DType dtype;
    private final Shape shape;
    private final Object data;
    private final int offset;
    private final int[] strides;

    private Tensor(DType dtype, Shape shape, Object data, int offset, int[] strides) {
        this.dtype = dtype;
        this.shape = shape;
        this.data = data;
        this.offset = offset;
        this.strides = strides;
    }

    // ------------------------------------------------------------------ description

    /** The element type. */
    public DType dtype() {
        return dtype;
    }

    /** The dimensions. */
    public Shape shape() {
        return shape;
    }

    /** Number of dimensions (0 for a scalar). */
    public int rank() {
        return shape.rank();
    }

    /** Number of elements. */
    public int size() {
        return shape.size();
    }

    /**
     * TensorFlow's printed form, values laid out as NumPy prints them:
     * {@code tf.Tensor([1 2 3], shape=(3,), dtype=int32)}. Large tensors are summarised with {@code ...}.
     */
    @Override
    public String toString() {
        return NumpyFormatter.tensorToString(dtype.toString(), shape.toArray(), denseCopy(dtype));
    }

    // ------------------------------------------------------------------ getting values out

    /** The elements in row-major order as floats (converted as by {@link #cast} if needed). */
    public float[] toFloatArray() {
        return (float[]) denseCopy(DType.FLOAT32);
    }

    /** The elements in row-major order as doubles. */
    public double[] toDoubleArray() {
        return (double[]) denseCopy(DType.FLOAT64);
    }

    /** The elements in row-major order as ints (floats truncate toward zero). */
    public int[] toIntArray() {
        return (int[]) denseCopy(DType.INT32);
    }

    /** The elements in row-major order as longs. */
    public long[] toLongArray() {
        return (long[]) denseCopy(DType.INT64);
    }

    /** The elements in row-major order as booleans (non-zero is true). */
    public boolean[] toBooleanArray() {
        return (boolean[]) denseCopy(DType.BOOL);
    }

    /**
     * The values as a nested Java array of this dtype's element type ({@code float[][]} for a
     * float32 matrix), or a boxed value for a scalar. Like TensorFlow's {@code tensor.numpy()}.
     */
    public Object toArray() {
        return JavaArrays.nest(dtype, shape.toArray(), denseCopy(dtype));
    }

    /** The single element as a float; the tensor must have exactly one element. */
    public float floatValue() {
        return toFloatArray()[requireSingle()];
    }

    /** The single element as a double. */
    public double doubleValue() {
        return toDoubleArray()[requireSingle()];
    }

    /** The single element as an int. */
    public int intValue() {
        return toIntArray()[requireSingle()];
    }

    /** The single element as a long. */
    public long longValue() {
        return toLongArray()[requireSingle()];
    }

    /** The single element as a boolean. */
    public boolean booleanValue() {
        return toBooleanArray()[requireSingle()];
    }

    private int requireSingle() {
        if (size() != 1) {
            throw new InvalidArgumentException("only a tensor with exactly one element converts to a scalar, got shape "
                    + shape);
        }
        return 0;
    }

    private Object denseCopy(DType target) {
        Object out = target.allocate(size());
        dev.jtensor.accel.KernelProvider.kernels().copy(shape.toArray(), new Strided(data, offset, strides),
                Strided.contiguous(out, shape.toArray()));
        return out;
    }

    // ------------------------------------------------------------------ arithmetic

    /** {@code this + other} with broadcasting. */
    public Tensor add(Tensor other) { return Elementwise.binary(BinaryOp.ADD, this, other); }
    /** {@code this + value}. */
    public Tensor add(double value) { return add(Elementwise.scalarLike(value, this)); }
    /** {@code this + value}. */
    public Tensor add(long value) { return add(Elementwise.scalarLike(value, this)); }

    /** {@code this - other} with broadcasting. */
    public Tensor sub(Tensor other) { return Elementwise.binary(BinaryOp.SUBTRACT, this, other); }
    /** {@code this - value}. */
    public Tensor sub(double value) { return sub(Elementwise.scalarLike(value, this)); }
    /** {@code this - value}. */
    public Tensor sub(long value) { return sub(Elementwise.scalarLike(value, this)); }

    /** {@code this * other} elementwise, with broadcasting. */
    public Tensor mul(Tensor other) { return Elementwise.binary(BinaryOp.MULTIPLY, this, other); }
    /** {@code this * value}. */
    public Tensor mul(double value) { return mul(Elementwise.scalarLike(value, this)); }
    /** {@code this * value}. */
    public Tensor mul(long value) { return mul(Elementwise.scalarLike(value, this)); }

    /** {@code this / other}: true division (integers give float64), with broadcasting. */
    public Tensor div(Tensor other) { return Elementwise.binary(BinaryOp.DIVIDE, this, other); }
    /** {@code this / value}. */
    public Tensor div(double value) { return div(Elementwise.scalarLike(value, this)); }
    /** {@code this / value}. */
    public Tensor div(long value) { return div(Elementwise.scalarLike(value, this)); }

    /** {@code floor(this / other)}, Python's {@code //}. */
    public Tensor floorDiv(Tensor other) { return Elementwise.binary(BinaryOp.FLOOR_DIV, this, other); }
    /** {@code this mod other} with the divisor's sign, Python's {@code %}. */
    public Tensor floorMod(Tensor other) { return Elementwise.binary(BinaryOp.FLOOR_MOD, this, other); }

    /** {@code this ^ other} elementwise. */
    public Tensor pow(Tensor other) { return Elementwise.binary(BinaryOp.POW, this, other); }
    /** {@code this ^ value}. */
    public Tensor pow(double value) { return pow(Elementwise.scalarLike(value, this)); }
    /** {@code this ^ value}. */
    public Tensor pow(long value) { return pow(Elementwise.scalarLike(value, this)); }

    /** Elementwise maximum. */
    public Tensor maximum(Tensor other) { return Elementwise.binary(BinaryOp.MAXIMUM, this, other); }
    /** Elementwise maximum with a scalar ({@code x.maximum(0)} is ReLU). */
    public Tensor maximum(double value) { return maximum(Elementwise.scalarLike(value, this)); }
    /** Elementwise minimum. */
    public Tensor minimum(Tensor other) { return Elementwise.binary(BinaryOp.MINIMUM, this, other); }
    /** Elementwise minimum with a scalar. */
    public Tensor minimum(double value) { return minimum(Elementwise.scalarLike(value, this)); }

    /** {@code -this}. */
    public Tensor neg() { return Elementwise.unary(UnaryOp.NEGATIVE, this); }
    /** {@code |this|}. */
    public Tensor abs() { return Elementwise.unary(UnaryOp.ABS, this); }
    /** {@code this * this}. */
    public Tensor square() { return Elementwise.unary(UnaryOp.SQUARE, this); }
    /** Square root. */
    public Tensor sqrt() { return Elementwise.unary(UnaryOp.SQRT, this); }
    /** {@code e^this}. */
    public Tensor exp() { return Elementwise.unary(UnaryOp.EXP, this); }
    /** Natural logarithm. */
    public Tensor log() { return Elementwise.unary(UnaryOp.LOG, this); }
    /** Hyperbolic tangent. */
    public Tensor tanh() { return Elementwise.unary(UnaryOp.TANH, this); }
    /** Logistic sigmoid. */
    public Tensor sigmoid() { return Elementwise.unary(UnaryOp.SIGMOID, this); }
    /** {@code max(this, 0)}. */
    public Tensor relu() { return Elementwise.unary(UnaryOp.RELU, this); }

    // ------------------------------------------------------------------ comparisons

    /** {@code this == other} elementwise, as bool. */
    public Tensor equal(Tensor other) { return Elementwise.binary(BinaryOp.EQUAL, this, other); }
    /** {@code this == value} elementwise. */
    public Tensor equal(double value) { return equal(Elementwise.scalarLike(value, this)); }
    /** {@code this != other} elementwise. */
    public Tensor notEqual(Tensor other) { return Elementwise.binary(BinaryOp.NOT_EQUAL, this, other); }
    /** {@code this < other} elementwise. */
    public Tensor less(Tensor other) { return Elementwise.binary(BinaryOp.LESS, this, other); }
    /** {@code this < value} elementwise. */
    public Tensor less(double value) { return less(Elementwise.scalarLike(value, this)); }
    /** {@code this <= other} elementwise. */
    public Tensor lessEqual(Tensor other) { return Elementwise.binary(BinaryOp.LESS_EQUAL, this, other); }
    /** {@code this > other} elementwise. */
    public Tensor greater(Tensor other) { return Elementwise.binary(BinaryOp.GREATER, this, other); }
    /** {@code this > value} elementwise. */
    public Tensor greater(double value) { return greater(Elementwise.scalarLike(value, this)); }
    /** {@code this >= other} elementwise. */
    public Tensor greaterEqual(Tensor other) { return Elementwise.binary(BinaryOp.GREATER_EQUAL, this, other); }

    // ------------------------------------------------------------------ linear algebra and reductions

    /** Matrix product {@code this @ other} (both of rank >= 2; batch axes broadcast). */
    public Tensor matmul(Tensor other) { return Linalg.matmul(this, other, false, false); }

    /** Sum of all elements. */
    public Tensor reduceSum() { return Reductions.reduce(ReduceOp.SUM, this, null, false); }
    /** Sum over the given axes (negative count from the end). */
    public Tensor reduceSum(int... axes) { return Reductions.reduce(ReduceOp.SUM, this, axes, false); }
    /** Mean of all elements (integer tensors truncate). */
    public Tensor reduceMean() { return Reductions.mean(this, null, false); }
    /** Mean over the given axes. */
    public Tensor reduceMean(int... axes) { return Reductions.mean(this, axes, false); }
    /** Largest element. */
    public Tensor reduceMax() { return Reductions.reduce(ReduceOp.MAX, this, null, false); }
    /** Largest element over the given axes. */
    public Tensor reduceMax(int... axes) { return Reductions.reduce(ReduceOp.MAX, this, axes, false); }
    /** Smallest element. */
    public Tensor reduceMin() { return Reductions.reduce(ReduceOp.MIN, this, null, false); }
    /** Smallest element over the given axes. */
    public Tensor reduceMin(int... axes) { return Reductions.reduce(ReduceOp.MIN, this, axes, false); }

    // ------------------------------------------------------------------ shape

    /** The same elements in a new shape; one dimension may be {@code -1}. */
    public Tensor reshape(int... shape) { return ShapeOps.reshape(this, shape); }
    /** Permutes the axes; with no arguments reverses them (a matrix transpose for rank 2). */
    public Tensor transpose(int... perm) { return ShapeOps.transpose(this, perm); }
    /** Inserts a size-1 axis. */
    public Tensor expandDims(int axis) { return ShapeOps.expandDims(this, axis); }
    /** Removes size-1 axes (all of them when none are given). */
    public Tensor squeeze(int... axes) { return ShapeOps.squeeze(this, axes); }
    /** A view broadcast to a larger shape. */
    public Tensor broadcastTo(int... shape) { return Elementwise.broadcastTo(this, Shape.of(shape)); }
    /** Converts to another dtype. */
    public Tensor cast(DType dtype) { return Elementwise.cast(this, dtype); }

    /**
     * Integer indexing, NumPy's {@code a[i, j]}: each index removes one leading axis; negative
     * indices count from the end. {@code a.get(0)} of a matrix is its first row.
     */
    public Tensor get(int... indices) {
        if (indices == null) {
            return Indexing.get(this, (Index[]) null);
        }
        Index[] items = new Index[indices.length];
        for (int i = 0; i < indices.length; i++) {
            items[i] = Index.at(indices[i]);
        }
        return Indexing.get(this, items);
    }

    /** NumPy basic indexing with ranges, steps, new axes and an ellipsis; see {@link Index}. */
    public Tensor get(Index... items) { return Indexing.get(this, items); }

    /** Splits along {@code axis} into its slices (TensorFlow's {@code unstack}). */
    public List<Tensor> unstack(int axis) { return ShapeOps.unstack(this, axis); }
}
