package dev.jtensor.graph;

import com.google.protobuf.ByteString;
import dev.jtensor.DType;
import dev.jtensor.Shape;
import dev.jtensor.Tensor;
import dev.jtensor.accel.Backend;
import dev.jtensor.accel.Backends;
import dev.jtensor.accel.Device;
import dev.jtensor.internal.TensorAccess;
import dev.jtensor.internal.ThreadSettings;
import dev.jtensor.graph.proto.AttrValue;
import dev.jtensor.graph.proto.DataType;
import dev.jtensor.graph.proto.TensorProto;
import dev.jtensor.graph.proto.TensorShapeProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * The conversions between jtensor's values and TensorFlow's protobuf messages that export and
 * import share: dtypes ({@code DT_FLOAT}...), shapes (unknown dimensions as {@code size: -1}),
 * tensors ({@code TensorProto}: scalars in the typed {@code *_val} field as TensorFlow writes them,
 * larger tensors as little-endian {@code tensor_content}), device strings and attribute values.
 * Reading checks everything and reports what is wrong through {@link Where}.
 */
final class ProtoValues {

    private ProtoValues() {
    }

    /** Where a value being read comes from, for error messages: a node of a file (or of a GraphDef in memory). */
    record Where(String source, String node) {
        GraphDefException error(String detail) {
            return new GraphDefException(source, node, detail);
        }
    }

    // ------------------------------------------------------------------ dtypes

    static DataType dataType(DType dtype) {
        return switch (dtype) {
            case FLOAT32 -> DataType.DT_FLOAT;
            case FLOAT64 -> DataType.DT_DOUBLE;
            case INT32 -> DataType.DT_INT32;
            case INT64 -> DataType.DT_INT64;
            case BOOL -> DataType.DT_BOOL;
        };
    }

    static DType dtype(DataType type, Where where, String what) {
        return switch (type) {
            case DT_FLOAT -> DType.FLOAT32;
            case DT_DOUBLE -> DType.FLOAT64;
            case DT_INT32 -> DType.INT32;
            case DT_INT64 -> DType.INT64;
            case DT_BOOL -> DType.BOOL;
            default -> throw where.error(what + " has dtype " + type.name() + ", which jtensor does not support "
                    + "(float32, float64, int32, int64 and bool only)");
        };
    }

    // ------------------------------------------------------------------ shapes

    static TensorShapeProto shape(Shape shape) {
        TensorShapeProto.Builder b = TensorShapeProto.newBuilder();
        for (int d : shape.toArray()) {
            b.addDim(TensorShapeProto.Dim.newBuilder().setSize(d));
        }
        return b.build();
    }

    static Shape shape(TensorShapeProto proto, Where where, String what) {
        if (proto.getUnknownRank()) {
            throw where.error(what + " has an unknown rank; jtensor needs the rank of every tensor (dimensions may "
                    + "be unknown)");
        }
        int[] dims = new int[proto.getDimCount()];
        for (int i = 0; i < dims.length; i++) {
            long size = proto.getDim(i).getSize();
            if (size < -1 || size > Integer.MAX_VALUE) {
                throw where.error(what + " has dimension " + i + " of size " + size + " (sizes are -1 for unknown, "
                        + "or 0 to 2^31-1)");
            }
            dims[i] = (int) size;
        }
        return Shape.of(dims);
    }

    // ------------------------------------------------------------------ tensors

    /** A value as TensorFlow writes a {@code Const}'s: one element in the typed field, more as raw little-endian bytes. */
    static TensorProto tensor(Tensor value) {
        TensorProto.Builder b = TensorProto.newBuilder().setDtype(dataType(value.dtype())).setTensorShape(shape(value.shape()));
        int size = value.shape().size();
        if (size == 1) {
            switch (value.dtype()) {
                case FLOAT32 -> b.addFloatVal(value.floatValue());
                case FLOAT64 -> b.addDoubleVal(value.doubleValue());
                case INT32 -> b.addIntVal(value.intValue());
                case INT64 -> b.addInt64Val(value.longValue());
                case BOOL -> b.addBoolVal(value.booleanValue());
            }
            return b.build();
        }
        ByteBuffer bytes = ByteBuffer.allocate(size * value.dtype().byteSize()).order(ByteOrder.LITTLE_ENDIAN);
        switch (value.dtype()) {
            case FLOAT32 -> bytes.asFloatBuffer().put(value.toFloatArray());
            case FLOAT64 -> bytes.asDoubleBuffer().put(value.toDoubleArray());
            case INT32 -> bytes.asIntBuffer().put(value.toIntArray());
            case INT64 -> bytes.asLongBuffer().put(value.toLongArray());
            case BOOL -> {
                for (boolean v : value.toBooleanArray()) bytes.put((byte) (v ? 1 : 0));
            }
        }
        return b.setTensorContent(ByteString.copyFrom(bytes.array())).build();
    }

    /**
     * The value a {@code TensorProto} holds, on {@code backend}: from {@code tensor_content}, or from the
     * typed field, whose last value fills the rest of the shape when it holds fewer (TensorFlow's rule).
     */
    static Tensor tensor(TensorProto proto, Backend backend, Where where) {
        DType dtype = dtype(proto.getDtype(), where, "the tensor value");
        Shape shape = shape(proto.getTensorShape(), where, "the tensor value");
        if (!shape.isFullyDefined()) {
            throw where.error("the tensor value has shape " + shape.toBracketString() + " with unknown dimensions");
        }
        int size = shape.size();
        Object data = proto.getTensorContent().isEmpty() ? fromTypedField(proto, dtype, size, where)
                : fromContent(proto.getTensorContent(), dtype, size, where);
        return TensorAccess.wrap(backend, dtype, shape, backend.upload(data));
    }

    private static Object fromContent(ByteString content, DType dtype, int size, Where where) {
        if ((long) size * dtype.byteSize() != content.size()) {
            throw where.error("the tensor value's tensor_content has " + content.size() + " bytes, but " + size
                    + " " + dtype + " values need " + (long) size * dtype.byteSize());
        }
        ByteBuffer bytes = content.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        Object data = dtype.allocate(size);
        switch (data) {
            case float[] a -> bytes.asFloatBuffer().get(a);
            case double[] a -> bytes.asDoubleBuffer().get(a);
            case int[] a -> bytes.asIntBuffer().get(a);
            case long[] a -> bytes.asLongBuffer().get(a);
            case boolean[] a -> {
                for (int i = 0; i < size; i++) a[i] = bytes.get(i) != 0;
            }
            default -> throw new IllegalStateException("no buffer for " + dtype);
        }
        return data;
    }

    private static Object fromTypedField(TensorProto proto, DType dtype, int size, Where where) {
        List<?> values = switch (dtype) {
            case FLOAT32 -> proto.getFloatValList();
            case FLOAT64 -> proto.getDoubleValList();
            case INT32 -> proto.getIntValList();
            case INT64 -> proto.getInt64ValList();
            case BOOL -> proto.getBoolValList();
        };
        if (values.size() > size || values.isEmpty() && size > 0) {
            throw where.error("the tensor value holds " + values.size() + " " + dtype + " values for shape "
                    + shape(proto.getTensorShape(), where, "the tensor value").toBracketString() + " of " + size
                    + " elements");
        }
        Object data = dtype.allocate(size);
        for (int i = 0; i < size; i++) {
            Object v = values.get(Math.min(i, values.size() - 1));
            switch (data) {
                case float[] a -> a[i] = (Float) v;
                case double[] a -> a[i] = (Double) v;
                case int[] a -> a[i] = (Integer) v;
                case long[] a -> a[i] = (Long) v;
                case boolean[] a -> a[i] = (Boolean) v;
                default -> throw new IllegalStateException("no buffer for " + dtype);
            }
        }
        return data;
    }

    // ------------------------------------------------------------------ devices

    /**
     * TensorFlow's device string for an operation placed on {@code backend}: empty on the CPU (no
     * constraint, TensorFlow's default), {@code /device:GPU:0} and the like elsewhere.
     */
    static String deviceString(Backend backend) {
        Device d = backend.device();
        return d.equals(Device.CPU) ? "" : "/device:" + d.type().toUpperCase(java.util.Locale.ROOT) + ":" + d.index();
    }

    /**
     * The backend a device string names: its last {@code /device:TYPE:N} (or legacy {@code /TYPE:N})
     * part, {@code /job}, {@code /replica} and {@code /task} being ignored; the thread's default device
     * for an empty string.
     */
    static Backend backend(String spec, Where where) {
        if (spec.isEmpty()) {
            return ThreadSettings.backend();
        }
        String device = null;
        for (String part : spec.split("/")) {
            if (part.isEmpty() || part.startsWith("job:") || part.startsWith("replica:") || part.startsWith("task:")) {
                continue;
            }
            device = part;
        }
        try {
            if (device == null) {
                return ThreadSettings.backend();
            }
            return Backends.of(Device.parse(device.startsWith("device:") ? device.substring(7) : device));
        } catch (IllegalArgumentException e) {
            throw where.error("device '" + spec + "' is not available here (" + e.getMessage() + ")");
        }
    }

    // ------------------------------------------------------------------ attribute values

    static AttrValue type(DType dtype) {
        return AttrValue.newBuilder().setType(dataType(dtype)).build();
    }

    static AttrValue bool(boolean b) {
        return AttrValue.newBuilder().setB(b).build();
    }

    static AttrValue string(String s) {
        return AttrValue.newBuilder().setS(ByteString.copyFromUtf8(s)).build();
    }

    /** A host scalar of {@code dtype} holding {@code value} (bool: non-zero is true). */
    static Tensor scalar(DType dtype, double value) {
        Object data = switch (dtype) {
            case FLOAT32 -> new float[] {(float) value};
            case FLOAT64 -> new double[] {value};
            case INT32 -> new int[] {(int) value};
            case INT64 -> new long[] {(long) value};
            case BOOL -> new boolean[] {value != 0};
        };
        return TensorAccess.wrap(dtype, Shape.scalar(), data);
    }

    static AttrValue integer(long i) {
        return AttrValue.newBuilder().setI(i).build();
    }

    static AttrValue integers(long... values) {
        AttrValue.ListValue.Builder list = AttrValue.ListValue.newBuilder();
        for (long v : values) list.addI(v);
        return AttrValue.newBuilder().setList(list).build();
    }

    static AttrValue shapeAttr(Shape shape) {
        return AttrValue.newBuilder().setShape(shape(shape)).build();
    }
}
