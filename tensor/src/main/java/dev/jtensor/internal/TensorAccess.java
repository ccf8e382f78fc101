package dev.jtensor.internal;

import dev.jtensor.DType;
import dev.jtensor.Shape;
import dev.jtensor.Tensor;
import dev.jtensor.accel.Backend;
import dev.jtensor.accel.Backends;
import dev.jtensor.accel.Strided;

/**
 * The op layer's door into {@link Tensor} storage, which the public API keeps private. Tensor
 * installs the {@link Bridge} when its class initialises (the JDK's "shared secrets" pattern), so
 * applications never see buffers, backends, offsets or strides.
 */
public final class TensorAccess {

    /** What the op layer may do with a tensor's storage. */
    public interface Bridge {
        /** The kernel view of {@code t}'s storage (its data is null for a symbolic tensor). */
        Strided view(Tensor t);

        /** The backend of the device {@code t} lives on. */
        Backend backend(Tensor t);

        /** A tensor over {@code data}, a buffer of {@code backend}, laid out by {@code offset} and {@code strides}; takes ownership. */
        Tensor create(Backend backend, DType dtype, Shape shape, Object data, int offset, int[] strides);

        /** A symbolic tensor: the output {@code origin} (a graph node's output, printed by its toString) with no value. */
        Tensor symbolic(DType dtype, Shape shape, Backend placement, Object origin);

        /** What a symbolic tensor is the output of; null for a tensor with a value. */
        Object origin(Tensor t);
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

    /** The backend of {@code t}'s device. */
    public static Backend backend(Tensor t) {
        return bridge().backend(t);
    }

    /** A tensor over a buffer of {@code backend}, laid out by {@code offset} and {@code strides}. */
    public static Tensor create(Backend backend, DType dtype, Shape shape, Object data, int offset, int[] strides) {
        return bridge().create(backend, dtype, shape, data, offset, strides);
    }

    /**
     * The kernel view of {@code t}'s values on the host: its own view on the CPU; for a device tensor
     * the same layout over a host copy of the buffer (one download).
     */
    public static Strided hostView(Tensor t) {
        Bridge b = bridge();
        Strided v = b.view(t);
        Backend backend = b.backend(t);
        if (backend == Backends.cpu()) {
            return v;
        }
        return new Strided(backend.download(v.data(), v.extent(t.shape().toArray())), v.offset(), v.strides());
    }

    /** A view of {@code source}'s buffer with another shape and layout (same device). */
    public static Tensor view(Tensor source, DType dtype, Shape shape, int offset, int[] strides) {
        Bridge b = bridge();
        return b.create(b.backend(source), dtype, shape, b.view(source).data(), offset, strides);
    }

    /** A row-major tensor over a buffer of {@code backend}, which it takes ownership of. */
    public static Tensor wrap(Backend backend, DType dtype, Shape shape, Object data) {
        return bridge().create(backend, dtype, shape, data, 0, Strided.rowMajorStrides(shape.toArray()));
    }

    /** A row-major host tensor over the Java array {@code data}, which it takes ownership of. */
    public static Tensor wrap(DType dtype, Shape shape, Object data) {
        return wrap(Backends.cpu(), dtype, shape, data);
    }

    /**
     * A symbolic tensor (no value) for the graph interpreters: {@code origin} names what produced it
     * and is handed back by {@link #origin}.
     */
    public static Tensor symbolic(DType dtype, Shape shape, Backend placement, Object origin) {
        if (origin == null) {
            throw new IllegalArgumentException("a symbolic tensor needs an origin");
        }
        return bridge().symbolic(dtype, shape, placement, origin);
    }

    /** What a symbolic tensor is the output of; null for a tensor with a value. */
    public static Object origin(Tensor t) {
        return bridge().origin(t);
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
