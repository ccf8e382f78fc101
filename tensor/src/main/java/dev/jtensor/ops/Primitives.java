package dev.jtensor.ops;

import dev.jtensor.DType;
import dev.jtensor.InvalidArgumentException;
import dev.jtensor.ResourceExhaustedException;
import dev.jtensor.Shape;
import dev.jtensor.Tensor;
import dev.jtensor.accel.Backend;
import dev.jtensor.accel.Backends;
import dev.jtensor.accel.Strided;
import dev.jtensor.internal.Inputs;
import dev.jtensor.internal.TensorAccess;

/**
 * Helpers the primitives share: output allocation on a backend, layout checks, host reads of index
 * data, and the rule checks that word errors as TensorFlow does.
 */
final class Primitives {

    private Primitives() {
    }

    static Strided view(Tensor t) {
        return TensorAccess.view(t);
    }

    /** The most a Java heap can hold: what is larger fails at once instead of after a futile GC. */
    private static final long MAX_HEAP = Runtime.getRuntime().maxMemory();

    /**
     * An output buffer for {@code spec} on {@code backend}; the kernel writes every element.
     *
     * @throws ResourceExhaustedException if it cannot fit (Dispatch adds the op's name)
     */
    static Object allocate(Backend backend, TensorSpec spec) {
        return allocate(backend, spec, false);
    }

    /**
     * The buffer an update of {@code variable} writes its new value into (under the variable's lock):
     * fresh, or, inside a graph run that knows no one reads the old value again, the old value's own.
     */
    static Object allocateUpdate(Backend backend, TensorSpec spec, VariableHandle variable) {
        BufferSource source = Dispatch.bufferSource();
        if (source == null) return allocate(backend, spec);
        checkFits(backend, spec);
        try {
            return source.updateBuffer(variable, backend, spec.dtype().elementClass(), spec.shape().size());
        } catch (OutOfMemoryError e) {
            throw outOfMemory(backend, spec, "the JVM heap has no room for it now");
        }
    }

    /** Tells a graph run's buffer source that {@code variable} has its new value (under its lock). */
    static void updated(VariableHandle variable) {
        BufferSource source = Dispatch.bufferSource();
        if (source != null) source.updated(variable);
    }

    /** A zero-filled output buffer, for kernels that accumulate. */
    static Object allocateZeroed(Backend backend, TensorSpec spec) {
        return allocate(backend, spec, true);
    }

    private static Object allocate(Backend backend, TensorSpec spec, boolean zeroed) {
        checkFits(backend, spec);
        Class<?> type = spec.dtype().elementClass();
        int size = spec.shape().size();
        try {
            if (zeroed) return backend.allocateZeroed(type, size);
            BufferSource source = Dispatch.bufferSource();
            return source == null ? backend.allocate(type, size) : source.allocate(backend, type, size);
        } catch (OutOfMemoryError e) {
            throw outOfMemory(backend, spec, "the JVM heap has no room for it now");
        }
    }

    /**
     * On the CPU, refuses a result larger than the whole heap before trying: a doomed allocation would
     * first make the JVM collect everything. Results that could fit are tried, and a failure is caught.
     */
    static void checkFits(Backend backend, TensorSpec spec) {
        if (backend == Backends.cpu() && bytes(spec) > MAX_HEAP) {
            throw outOfMemory(backend, spec, "the JVM heap holds at most " + gib(MAX_HEAP) + " (raise -Xmx)");
        }
    }

    private static long bytes(TensorSpec spec) {
        return (long) spec.shape().size() * spec.dtype().byteSize();
    }

    private static ResourceExhaustedException outOfMemory(Backend backend, TensorSpec spec, String why) {
        long bytes = bytes(spec);
        return new ResourceExhaustedException("OOM when allocating tensor with shape" + spec.shape().toBracketString()
                + " and type " + spec.dtype() + " on " + backend.device() + ": it needs " + bytes + " bytes ("
                + gib(bytes) + ") but " + why);
    }

    private static String gib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
    }

    static Tensor wrap(Backend backend, TensorSpec spec, Object data) {
        return TensorAccess.wrap(backend, spec.dtype(), spec.shape(), data);
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
    static Object denseData(Backend backend, Tensor t) {
        Strided v = view(t);
        if (v.offset() == 0 && isContiguous(t)) {
            return v.data();
        }
        Object copy = backend.allocate(t.dtype().elementClass(), t.size());
        backend.kernels().copy(t.shape().toArray(), v, dense(copy, t.shape()));
        return copy;
    }

    /**
     * The values of an integer index tensor on the host, row-major, widened to {@code long}: index
     * checks run on these, because narrowing int64 indices first would wrap 2^32 + 1 to a valid 1.
     * Indices on a device come to the host (one transfer): gather and segment sums are planned there.
     */
    static long[] indexValues(Tensor indices) {
        return indices.toLongArray();
    }

    static InvalidArgumentException error(Primitive p, String detail) {
        return InvalidArgumentException.of(p.name(), detail);
    }

    /** {@code value}, checked: a primitive's parameters are never null ("op is null [Op:Binary]"). */
    static <T> T nonNull(String op, String parameter, T value) {
        return Inputs.nonNullInput(op, parameter, value);
    }

    /**
     * The shape of an elementwise op of operands of shapes {@code a} and {@code b}, which must be
     * equal up to unknown dimensions (broadcasts are explicit {@link BroadcastTo} views before it):
     * {@code a} itself when they are equal (the eager fast path: one comparison), else their merge.
     */
    static Shape elementwiseShape(Primitive p, Shape a, Shape b) {
        if (a.equals(b)) return a;
        if (!a.isCompatibleWith(b)) {
            throw error(p, "Incompatible shapes: " + a.toBracketString() + " vs. " + b.toBracketString());
        }
        return a.mergeWith(b);
    }

    /** Checks the number of input specs, and that none is null ("input #1 is null [Op:AddV2]"). */
    static void arity(Primitive p, TensorSpec[] inputs, int expected) {
        requireSpecs(p, inputs);
        if (inputs.length != expected) {
            throw error(p, p.name() + " takes " + expected + " input(s), got " + inputs.length);
        }
    }

    /** Checks that {@code inputs} and its elements are not null, as Dispatch words it. */
    static void requireSpecs(Primitive p, TensorSpec[] inputs) {
        if (inputs == null) {
            throw error(p, "the inputs are null");
        }
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i] == null) {
                throw error(p, "input #" + i + " is null");
            }
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

    /** The wording {@code Variable} has always used for a value of the wrong dtype or shape. */
    static void requireVariableSpec(Primitive p, VariableHandle v, TensorSpec value, String verb) {
        if (value.dtype() != v.dtype() || !value.shape().isCompatibleWith(v.shape())) {
            throw error(p, "Cannot " + verb + " to variable '" + v.name() + "': the variable has shape " + v.shape()
                    + " and dtype " + v.dtype() + ", the value has shape " + value.shape() + " and dtype " + value.dtype());
        }
    }

    /** A variable is updated on its own device only: values from elsewhere are moved explicitly. */
    static void requireVariableDevice(Primitive p, VariableHandle v, Backend backend, String verb) {
        if (backend != v.backend()) {
            throw error(p, "Cannot " + verb + " to variable '" + v.name() + "' on " + v.backend().device()
                    + " a value on " + backend.device() + "; move it with tensor.to(device)");
        }
    }

    static void requireAxis(Primitive p, int axis, int rank) {
        if (axis < 0 || axis >= rank) {
            throw error(p, "axis " + axis + " is out of range for a tensor of rank " + rank);
        }
    }
}
