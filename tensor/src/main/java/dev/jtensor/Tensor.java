package dev.jtensor;

import dev.jtensor.accel.KernelProvider;
import dev.jtensor.accel.Strided;
import dev.jtensor.internal.JavaArrays;
import dev.jtensor.internal.NumpyFormatter;
import dev.jtensor.internal.TensorAccess;

/**
 * An immutable n-dimensional array of one {@link DType}: the value every op takes and returns.
 * Its ops are the fluent methods of {@link Operand} and the static ones of {@link TF}.
 *
 * <p>Ops run eagerly: each method returns a new tensor holding its result at once. Reshapes of
 * contiguous data, transposes, slices and broadcasts are views that share storage without
 * copying, which is safe because no tensor is ever modified. Tensors are ordinary garbage-collected
 * objects: there is nothing to close. {@code equals} is identity; compare values with
 * {@link #equal(Operand)} or by reading them out.
 *
 * {@snippet :
 * Tensor x = TF.constant(new float[][] {{1, 2}, {3, 4}});
 * Tensor y = x.pow(2).add(1).matmul(x);          // (x^2 + 1) @ x
 * System.out.println(y.reduceMean());           // tf.Tensor(49.5, shape=(), dtype=float32)
 * float[] values = y.toFloatArray();
 * }
 */
public final class Tensor implements Operand {

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

    /** This tensor. */
    @Override
    public Tensor asTensor() {
        return this;
    }

    /** The element type. */
    @Override
    public DType dtype() {
        return dtype;
    }

    /** The dimensions. */
    @Override
    public Shape shape() {
        return shape;
    }


    /**
     * TensorFlow's printed form, values laid out as NumPy prints them:
     * {@code tf.Tensor([1 2 3], shape=(3,), dtype=int32)}. Large tensors are summarised with {@code ...}.
     */
    @Override
    public String toString() {
        return NumpyFormatter.tensorToString(dtype.toString(), shape.toArray(), values(dtype, Object.class));
    }

    /** The elements, row-major, in a new array of {@code target}'s element type. */
    <A> A values(DType target, Class<A> arrayType) {
        Object out = target.allocate(size());
        KernelProvider.kernels().copy(shape.toArray(), new Strided(data, offset, strides),
                Strided.contiguous(out, shape.toArray()));
        return arrayType.cast(out);
    }

    /** The values as a nested Java array (a boxed value for a scalar). */
    Object nested() {
        return JavaArrays.nest(dtype, shape.toArray(), values(dtype, Object.class));
    }

    /** Index 0, after checking that this tensor has exactly one element. */
    int singleIndex() {
        if (size() != 1) {
            throw new InvalidArgumentException("only a tensor with exactly one element converts to a scalar, got shape "
                    + shape);
        }
        return 0;
    }
}
