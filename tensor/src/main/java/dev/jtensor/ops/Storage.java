package dev.jtensor.ops;

import dev.jtensor.DType;
import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Shape;
import dev.jtensor.Tensor;
import dev.jtensor.accel.KernelProvider;
import dev.jtensor.accel.Kernels;
import dev.jtensor.accel.Strided;
import dev.jtensor.internal.TensorAccess;
import java.util.Arrays;

/** Helpers the primitives share: kernel access, output allocation, layout checks and rule errors. */
final class Storage {

    private Storage() {
    }

    static Kernels kernels() {
        return KernelProvider.kernels();
    }

    static Strided view(Tensor t) {
        return TensorAccess.view(t);
    }

    static Object allocate(TensorSpec spec) {
        return spec.dtype().allocate(spec.shape().size());
    }

    static Tensor wrap(TensorSpec spec, Object data) {
        return TensorAccess.wrap(spec.dtype(), spec.shape(), data);
    }

    static Strided dense(Object data, Shape shape) {
        return Strided.contiguous(data, shape.toArray());
    }

    /** Whether {@code t} is laid out row-major without gaps (size-1 dimensions may have any stride). */
    static boolean isContiguous(Tensor t) {
        int[] shape = t.shape().toArray();
        int[] strides = view(t).strides();
        int expected = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            if (shape[d] != 1 && strides[d] != expected) {
                return false;
            }
            expected *= shape[d];
        }
        return true;
    }

    /** Row-major data of {@code t} starting at index 0: its own buffer when possible, else a copy. */
    static Object denseData(Tensor t) {
        Strided v = view(t);
        if (v.offset() == 0 && isContiguous(t)) {
            return v.data();
        }
        Object copy = t.dtype().allocate(t.size());
        kernels().copy(t.shape().toArray(), v, dense(copy, t.shape()));
        return copy;
    }

    /**
     * The values of an integer index tensor, row-major, widened to {@code long}: index checks run on
     * these, because narrowing int64 indices first would wrap 2^32 + 1 to a valid 1.
     */
    static long[] indexValues(Tensor indices) {
        long[] wide = new long[indices.size()];
        kernels().copy(indices.shape().toArray(), view(indices), dense(wide, indices.shape()));
        return wide;
    }

    /** Sets every element of {@code data} to {@code value}, converted to the array's type. */
    static void fill(Object data, double value) {
        switch (data) {
            case float[] a -> Arrays.fill(a, (float) value);
            case double[] a -> Arrays.fill(a, value);
            case int[] a -> Arrays.fill(a, (int) value);
            case long[] a -> Arrays.fill(a, (long) value);
            case boolean[] a -> Arrays.fill(a, value != 0);
            default -> throw new IllegalArgumentException("not a tensor buffer: " + data);
        }
    }

    static InvalidArgumentException error(Primitive p, String detail) {
        return InvalidArgumentException.of(p.name(), detail);
    }

    static void arity(Primitive p, TensorSpec[] inputs, int expected) {
        if (inputs.length != expected) {
            throw error(p, p.name() + " takes " + expected + " input(s), got " + inputs.length);
        }
    }

    static void requireFloating(Primitive p, TensorSpec in, int index) {
        if (!in.dtype().isFloating()) {
            throw error(p, p.name() + " needs a floating-point input #" + index + ", got " + in.dtype()
                    + " (cast it first)");
        }
    }

    static void requireNumeric(Primitive p, TensorSpec in, int index) {
        if (!in.dtype().isNumeric()) {
            throw error(p, p.name() + " needs a numeric input #" + index + ", got " + in.dtype());
        }
    }

    static void requireDType(Primitive p, TensorSpec in, int index, DType dtype) {
        if (in.dtype() != dtype) {
            throw error(p, p.name() + " needs a " + dtype + " input #" + index + ", got " + in.dtype());
        }
    }

    /** TensorFlow's wording for two inputs of different dtypes. */
    static void requireSameDType(Primitive p, TensorSpec a, TensorSpec b, int indexB) {
        if (a.dtype() != b.dtype()) {
            throw error(p, "cannot compute " + p.name() + " as input #" + indexB + "(zero-based) was expected to be a "
                    + a.dtype() + " tensor but is a " + b.dtype() + " tensor");
        }
    }

    static void requireAxis(Primitive p, int axis, int rank) {
        if (axis < 0 || axis >= rank) {
            throw error(p, "axis " + axis + " is out of range for a tensor of rank " + rank);
        }
    }
}
