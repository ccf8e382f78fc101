package dev.jtensor;

import dev.jtensor.accel.Backend;
import dev.jtensor.accel.Backends;
import dev.jtensor.accel.Device;
import dev.jtensor.accel.Strided;
import dev.jtensor.internal.JavaArrays;
import dev.jtensor.internal.NumpyFormatter;
import dev.jtensor.internal.TensorAccess;
import dev.jtensor.ops.Dispatch;
import dev.jtensor.ops.ToDevice;

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
 *
 * <p>A tensor's value lives on a {@link #device()}: the CPU unless it was created under
 * {@link TF#withDevice} or moved with {@link #to(Device)}. Ops run on their inputs' device and
 * leave their result there; inputs on two different devices are an error that names both (move
 * one with {@code to}). Reading values ({@link #toFloatArray()}, {@code toString}) copies them to
 * the host.
 *
 * <p>A tensor may also be <em>symbolic</em>: the output of a node of a graph being built, with a
 * dtype and a (possibly partly unknown) shape but no value. The same ops accept it and give
 * symbolic results; reading its values is a {@link FailedPreconditionException}: run it in a session.
 */
public final class Tensor implements Operand {

    static {
        TensorAccess.install(new TensorAccess.Bridge() {
            @Override
            public Strided view(Tensor t) {
                return new Strided(t.data, t.offset, t.strides);
            }

            @Override
            public Backend backend(Tensor t) {
                return t.backend;
            }

            @Override
            public Tensor create(Backend backend, DType dtype, Shape shape, Object data, int offset, int[] strides) {
                return new Tensor(dtype, shape, backend, data, offset, strides, null);
            }

            @Override
            public Tensor symbolic(DType dtype, Shape shape, Backend placement, Object origin) {
                return new Tensor(dtype, shape, placement, null, 0, null, origin);
            }

            @Override
            public Object origin(Tensor t) {
                return t.origin;
            }
        });
    }

    private final DType dtype;
    private final Shape shape;
    private final Backend backend;
    private final Object data;
    private final int offset;
    private final int[] strides;
    /** What a symbolic tensor is the output of (a graph node); null for a tensor with a value. */
    private final Object origin;

    private Tensor(DType dtype, Shape shape, Backend backend, Object data, int offset, int[] strides, Object origin) {
        this.dtype = dtype;
        this.shape = shape;
        this.backend = backend;
        this.data = data;
        this.offset = offset;
        this.strides = strides;
        this.origin = origin;
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

    /** The dimensions; a symbolic tensor's may be partly unknown. */
    @Override
    public Shape shape() {
        return shape;
    }

    /** Where the value lives (for a symbolic tensor: where it will be computed). */
    public Device device() {
        return backend.device();
    }

    /** Whether this is a graph node's output, with no value until a session runs it. */
    public boolean isSymbolic() {
        return origin != null;
    }

    /**
     * This tensor's value on {@code device}: this tensor itself if it is there already, otherwise a
     * copy (a {@link ToDevice} op: one transfer through the host when neither side is the CPU). Tapes
     * record it, and its gradient is copied back.
     *
     * {@snippet :
     * Tensor onGpu = TF.constant(new float[] {1, 2}).to(Device.parse("gpu:0"));
     * }
     *
     * @throws InvalidArgumentException if the device is not available
     */
    public Tensor to(Device device) {
        if (device == null) {
            throw new InvalidArgumentException("Tensor.to: the device is null");
        }
        return device.equals(device()) ? this : Dispatch.apply(new ToDevice(device), this);
    }

    /**
     * TensorFlow's printed form, values laid out as NumPy prints them:
     * {@code tf.Tensor([1 2 3], shape=(3,), dtype=int32)}. Large tensors are summarised with {@code ...}.
     * A symbolic tensor prints as TensorFlow's graph tensors do: {@code Tensor("add:0", shape=(None, 3), dtype=float32)}.
     */
    @Override
    public String toString() {
        if (origin != null) {
            return "Tensor(\"" + origin + "\", shape=" + shape + ", dtype=" + dtype + ")";
        }
        return NumpyFormatter.tensorToString(dtype.toString(), shape.toArray(), values(dtype, Object.class));
    }

    /** The elements, row-major, in a new host array of {@code target}'s element type. */
    <A> A values(DType target, Class<A> arrayType) {
        if (origin != null) {
            throw symbolicRead();
        }
        Object out = target.allocate(size());
        Backends.cpu().kernels().copy(shape.toArray(), TensorAccess.hostView(this), Strided.contiguous(out, shape.toArray()));
        return arrayType.cast(out);
    }

    FailedPreconditionException symbolicRead() {
        return new FailedPreconditionException("Tensor \"" + origin + "\" is symbolic: it is the output of a graph "
                + "node and has no value until the graph runs. Evaluate it in a Session (session.run(tensor)) "
                + "instead of reading it while building the graph.");
    }

    /** The values as a nested Java array (a boxed value for a scalar). */
    Object nested() {
        return JavaArrays.nest(dtype, shape.toArray(), values(dtype, Object.class));
    }

    /** Index 0, after checking that this tensor has exactly one element. */
    int singleIndex() {
        if (origin != null) {
            throw symbolicRead();
        }
        if (size() != 1) {
            throw new InvalidArgumentException("only a tensor with exactly one element converts to a scalar, got shape "
                    + shape);
        }
        return 0;
    }
}
