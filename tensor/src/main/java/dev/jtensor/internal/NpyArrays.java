package dev.jtensor.internal;

import dev.jtensor.DType;
import dev.jtensor.Operand;
import dev.jtensor.Shape;
import dev.jtensor.Tensor;
import dev.jtensor.internal.io.NpyArray;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Tensors to and from {@link NpyArray}, the file codecs' exchange type (for {@code NumpyFiles},
 * {@code SafeTensors} and the nn module's checkpoints).
 */
public final class NpyArrays {

    private NpyArrays() {
    }

    /** The tensor's dtype, shape and values in C order (copied to the host). */
    public static NpyArray of(Tensor t) {
        Object data = switch (t.dtype()) {
            case FLOAT32 -> t.toFloatArray();
            case FLOAT64 -> t.toDoubleArray();
            case INT32 -> t.toIntArray();
            case INT64 -> t.toLongArray();
            case BOOL -> t.toBooleanArray();
        };
        return new NpyArray(t.dtype().toString(), t.shape().toArray(), data);
    }

    /** Named tensors as arrays, in map order; {@code method} names the caller in errors. */
    public static Map<String, NpyArray> of(String method, Map<String, ? extends Operand> tensors) {
        Inputs.nonNull(tensors, method, "tensors");
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        tensors.forEach((name, t) -> arrays.put(Inputs.nonNull(name, method, "a name in tensors"),
                of(Inputs.nonNull(t, method, "tensors[\"" + name + "\"]").asTensor())));
        return arrays;
    }

    /** A host tensor over the array's data, which it takes over. */
    public static Tensor tensor(NpyArray a) {
        DType dtype = DType.valueOf(a.dtype().toUpperCase(Locale.ROOT));
        return TensorAccess.wrap(dtype, Shape.of(a.shape()), a.data());
    }
}
