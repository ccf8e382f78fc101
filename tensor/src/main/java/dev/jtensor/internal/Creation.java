package dev.jtensor.internal;

import dev.jtensor.DType;
import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Shape;
import dev.jtensor.Tensor;
import dev.jtensor.accel.Backend;
import dev.jtensor.accel.Backends;
import dev.jtensor.accel.Strided;
import dev.jtensor.ops.Dispatch;
import dev.jtensor.ops.Fill;
import java.lang.reflect.Array;
import java.util.Arrays;

/** Tensors made from Java values and from sizes: constants, fills, ranges, identity matrices. */
public final class Creation {

    private Creation() {
    }

    /**
     * A tensor from a Java scalar or nested array, optionally converted to {@code dtype} and given
     * {@code shape} (a scalar fills the shape; an array of equal size is reshaped).
     *
     * @param dtype null to keep the Java type's dtype
     * @param shape null to keep the array's shape
     */
    public static Tensor constant(Object value, DType dtype, int[] shape) {
        if (value instanceof Tensor t) {
            if (t.isSymbolic() || TensorAccess.backend(t) != Backends.cpu()) {
                Tensor c = dtype == null ? t : Elementwise.cast(t, dtype);
                return shape == null ? c : ShapeOps.reshape(c, shape);
            }
            Tensor c = dtype == null ? t : convert(t.dtype(), TensorAccess.view(t), t.shape(), dtype, t.toString());
            return shape == null ? c : ShapeOps.reshape(c, shape);
        }
        JavaArrays.Flat flat = JavaArrays.flatten(value);
        Shape source = Shape.of(flat.shape());
        Tensor t = placed(dtype == null || dtype == flat.dtype()
                ? TensorAccess.wrap(flat.dtype(), source, flat.data())
                : convert(flat.dtype(), Strided.contiguous(flat.data(), flat.shape()), source, dtype, describe(value)));
        if (shape == null) {
            return t;
        }
        Shape target = Shape.of(shape);
        if (!target.isFullyDefined()) {
            throw new InvalidArgumentException("constant: the shape " + target + " must be fully defined (a dimension "
                    + "of -1, None, is known only in a graph)");
        }
        if (source.rank() == 0) {
            return fill(target, t);
        }
        if (source.size() != target.size()) {
            throw new InvalidArgumentException("constant: a value with " + source.size() + " elements (shape "
                    + source + ") cannot take shape " + target + " with " + target.size() + " elements");
        }
        return ShapeOps.reshape(t, shape);
    }

    private static String describe(Object value) {
        return value.getClass().isArray() ? value.getClass().getComponentType().getSimpleName() + " array"
                : String.valueOf(value);
    }

    /** Converts, refusing values the target cannot hold exactly (1.5 to int32, 2 to bool, ...). */
    private static Tensor convert(DType from, Strided src, Shape shape, DType to, String what) {
        Object out = to.allocate(shape.size());
        Backends.cpu().kernels().copy(shape.toArray(), src, Strided.contiguous(out, shape.toArray()));
        if (from != to && !to.isFloating()) {
            Object back = from.allocate(shape.size());
            Backends.cpu().kernels().copy(shape.toArray(), Strided.contiguous(out, shape.toArray()),
                    Strided.contiguous(back, shape.toArray()));
            Object original = from.allocate(shape.size());
            Backends.cpu().kernels().copy(shape.toArray(), src, Strided.contiguous(original, shape.toArray()));
            if (!Arrays.deepEquals(new Object[] {back}, new Object[] {original})) {
                int i = 0;
                while (java.util.Objects.equals(Array.get(back, i), Array.get(original, i))) i++;
                throw new InvalidArgumentException("Cannot convert " + what + " of dtype " + from
                        + " to EagerTensor of dtype " + to + " without losing values: element " + i
                        + " (row-major) is " + Array.get(original, i));
            }
        }
        return TensorAccess.wrap(to, shape, out);
    }

    /**
     * {@code host}, a tensor just made over a Java array, on the thread's default device: itself on
     * the CPU, else uploaded. Inside a graph's scope it becomes a constant node of the graph
     * ({@link Dispatch#constant}), as TensorFlow's {@code tf.constant} in a graph.
     */
    public static Tensor placed(Tensor host) {
        return Dispatch.constant(placed(host, ThreadSettings.backend()));
    }

    /** {@code t} on {@code backend}'s device: itself if it is there, else a copy. */
    public static Tensor placed(Tensor t, Backend backend) {
        return TensorAccess.backend(t) == backend ? t : t.to(backend.device());
    }

    /** A scalar of {@code dtype} holding {@code value} on the default device (truncated toward zero for integers). */
    public static Tensor scalar(double value, DType dtype) {
        return placed(hostScalar(value, dtype));
    }

    /** A host scalar of {@code dtype} holding {@code value} (truncated toward zero for integer dtypes). */
    public static Tensor hostScalar(double value, DType dtype) {
        Object data = dtype.allocate(1);
        switch (data) {
            case float[] a -> a[0] = (float) value;
            case double[] a -> a[0] = value;
            case int[] a -> a[0] = (int) value;
            case long[] a -> a[0] = (long) value;
            case boolean[] a -> a[0] = value != 0;
            default -> throw new IllegalStateException();
        }
        return TensorAccess.wrap(dtype, Shape.scalar(), data);
    }

    /** An int64 scalar on the host. */
    public static Tensor hostScalar(long value) {
        return TensorAccess.wrap(DType.INT64, Shape.scalar(), new long[] {value});
    }

    /** An int64 scalar on the default device. */
    public static Tensor scalar(long value) {
        return placed(hostScalar(value));
    }

    /** {@code shape} filled with {@code value} of {@code dtype}. */
    public static Tensor fill(Shape shape, double value, DType dtype) {
        return fill(shape, scalar(value, DTypeRules.require("Fill", dtype)));
    }

    /** A bool tensor of {@code shape} filled with {@code value}. */
    public static Tensor fill(Shape shape, boolean value) {
        return fill(shape, scalar(value ? 1 : 0, DType.BOOL));
    }

    /**
     * A tensor of {@code like}'s shape and device filled with {@code value} of {@code dtype} (zerosLike,
     * onesLike). When {@code like}'s shape is partly unknown (a symbolic tensor), the scalar is
     * broadcast with {@code like} as the shape donor, so the run-time shape fills the unknown dimensions.
     */
    public static Tensor fillLike(Tensor like, double value, DType dtype) {
        Tensor scalar = placed(hostScalar(value, DTypeRules.require("Fill", dtype)), TensorAccess.backend(like));
        if (!like.shape().isFullyDefined()) {
            return Elementwise.broadcastTo(scalar, like.shape(), like);
        }
        return fill(like.shape(), scalar);
    }

    /** {@code shape} filled with the single element of {@code scalar}, as a dense tensor on its device. */
    public static Tensor fill(Shape shape, Tensor scalar) {
        return Dispatch.apply(new Fill(shape), scalar);
    }

    /**
     * {@code start, start + delta, ...} up to but excluding {@code limit}, as TensorFlow's
     * {@code tf.range}.
     */
    public static Tensor range(double start, double limit, double delta, DType dtype) {
        DTypeRules.require("Range", dtype);
        if (dtype == DType.BOOL) {
            throw InvalidArgumentException.of("Range", "dtype bool is not supported (use an integer or floating-point dtype)");
        }
        for (double v : new double[] {start, limit, delta}) {
            if (!DTypeRules.fits(v, dtype)) {
                throw InvalidArgumentException.of("Range", "Cannot convert " + v + " to EagerTensor of dtype " + dtype
                        + " (start " + start + ", limit " + limit + ", delta " + delta + ")");
            }
        }
        if (delta == 0 || Double.isNaN(delta) || Double.isNaN(start) || Double.isNaN(limit)) {
            throw InvalidArgumentException.of("Range", "Requires delta != 0 and finite bounds: start " + start
                    + ", limit " + limit + ", delta " + delta);
        }
        if (delta > 0 ? start > limit : start < limit) {
            throw InvalidArgumentException.of("Range", "Requires start " + (delta > 0 ? "<=" : ">=")
                    + " limit when delta " + (delta > 0 ? "> 0" : "< 0") + ": " + start + "/" + limit);
        }
        double count = Math.ceil((limit - start) / delta);
        if (count > Integer.MAX_VALUE - 8) {
            throw InvalidArgumentException.of("Range", "Requires a size below 2^31, got " + count + " elements");
        }
        int n = (int) count;
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = start + i * delta;
        }
        return fromDoubles(values, Shape.of(n), dtype);
    }

    /** {@code num} evenly spaced values from {@code start} to {@code stop} inclusive. */
    public static Tensor linspace(double start, double stop, int num, DType dtype) {
        if (num <= 0) {
            throw InvalidArgumentException.of("LinSpace", "Requires num > 0: " + num);
        }
        if (!DTypeRules.require("LinSpace", dtype).isFloating()) {
            throw InvalidArgumentException.of("LinSpace", "Requires a floating-point dtype, got " + dtype);
        }
        double[] values = new double[num];
        double step = num == 1 ? 0 : (stop - start) / (num - 1);
        for (int i = 0; i < num; i++) {
            values[i] = i == num - 1 && num > 1 ? stop : start + i * step;
        }
        return fromDoubles(values, Shape.of(num), dtype);
    }

    /** An {@code rows x columns} matrix with ones on the diagonal. */
    public static Tensor eye(int rows, int columns, DType dtype) {
        DTypeRules.require("Eye", dtype);
        Shape shape = Shape.of(rows, columns);
        double[] values = new double[shape.size()];
        for (int i = 0; i < Math.min(rows, columns); i++) {
            values[i * columns + i] = 1;
        }
        return fromDoubles(values, shape, dtype);
    }

    /** A tensor of {@code dtype} from double values (rounded or truncated by the cast rules). */
    public static Tensor fromDoubles(double[] values, Shape shape, DType dtype) {
        if (dtype == DType.FLOAT64) {
            return placed(TensorAccess.wrap(dtype, shape, values));
        }
        Object out = dtype.allocate(values.length);
        Backends.cpu().kernels().copy(shape.toArray(), Strided.contiguous(values, shape.toArray()),
                Strided.contiguous(out, shape.toArray()));
        return placed(TensorAccess.wrap(dtype, shape, out));
    }
}
