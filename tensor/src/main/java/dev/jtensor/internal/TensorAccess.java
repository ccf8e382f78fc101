package dev.jtensor.internal;

import dev.jtensor.DType;
import dev.jtensor.Shape;
import dev.jtensor.Tensor;
import dev.jtensor.accel.Strided;

/**
 * The op layer's door into {@link Tensor} storage, which the public API keeps private. Tensor
 * installs the {@link Bridge} when its class initialises (the JDK's "shared secrets" pattern), so
 * applications never see buffers, offsets or strides.
 */
public final class TensorAccess {

    /** What the op layer may do with a tensor's storage. */
    public interface Bridge {
        /** The kernel view of {@code t}'s storage. */
        Strided view(Tensor t);

        /** A tensor over {@code data} laid out by {@code offset} and {@code strides}; takes ownership. */
        Tensor create(DType dtype, Shape shape, Object data, int offset, int[] strides);
    }

    private static volatile Bridge bridge;

    private TensorAccess() {
    }

    /** Called once by {@link Tensor}'s static initialiser. */
    public static void install(Bridge b) {
        if (bridge != null) {
            throw new IllegalStateException("TensorAccess bridge already installed");
        }
        bridge = b;
    }

    /** The kernel view of {@code t}'s storage. */
    public static Strided view(Tensor t) {
        return bridge().view(t);
    }

    /** A tensor over {@code data} laid out by {@code offset} and {@code strides}. */
    public static Tensor create(DType dtype, Shape shape, Object data, int offset, int[] strides) {
        return bridge().create(dtype, shape, data, offset, strides);
    }

    /** A row-major tensor over {@code data}, which it takes ownership of. */
    public static Tensor wrap(DType dtype, Shape shape, Object data) {
        return bridge().create(dtype, shape, data, 0, Strided.rowMajorStrides(shape.toArray()));
    }

    private static Bridge bridge() {
        Bridge b = bridge;
        if (b == null) {
            try {
                Class.forName(Tensor.class.getName(), true, Tensor.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            b = bridge;
        }
        return b;
    }
}
