package dev.jtensor.internal.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/** Converts the element bytes of a {@code .npy} file to and from flat Java arrays. */
final class NpyData {

    /** Bytes converted per step; a multiple of every item size. */
    private static final int CHUNK = 1 << 16;

    private NpyData() {}

    /**
     * Reads {@code count} elements laid out as {@code descr}, widening narrow integer types.
     *
     * <p>The result array grows as bytes arrive instead of being allocated from the header's count, so
     * a short file that claims a huge shape fails with a message rather than an OutOfMemoryError.
     */
    static Object read(InputStream in, NpyDescr descr, int count) throws IOException {
        NpyDescr.Kind kind = descr.kind();
        int size = kind.itemSize;
        byte[] buf = new byte[CHUNK];
        ByteBuffer bb = ByteBuffer.wrap(buf).order(descr.order());
        Object out = allocate(kind.dtype, Math.min(count, CHUNK));
        int filled = 0;
        while (filled < count) {
            int n = Math.min(CHUNK / size, count - filled);
            int got = in.readNBytes(buf, 0, n * size);
            if (got < n * size) {
                throw new NpyFormatException("npy: data ends after " + ((long) filled * size + got) + " of "
                        + (long) count * size + " bytes");
            }
            int capacity = java.lang.reflect.Array.getLength(out);
            if (filled + n > capacity) {
                out = copyOf(out, (int) Math.min(count, Math.max(filled + n, 2L * capacity)));
            }
            decode(kind, bb, n, out, filled);
            filled += n;
        }
        return out;
    }

    private static void decode(NpyDescr.Kind kind, ByteBuffer bb, int n, Object out, int at) {
        bb.clear();
        switch (kind) {
            case F4 -> bb.asFloatBuffer().get((float[]) out, at, n);
            case F8 -> bb.asDoubleBuffer().get((double[]) out, at, n);
            case I4 -> bb.asIntBuffer().get((int[]) out, at, n);
            case I8 -> bb.asLongBuffer().get((long[]) out, at, n);
            case B1 -> {
                boolean[] o = (boolean[]) out;
                for (int i = 0; i < n; i++) {
                    o[at + i] = bb.get(i) != 0;  // NumPy also treats any non-zero byte as True
                }
            }
            case I1, U1, I2, U2 -> {
                int[] o = (int[]) out;
                for (int i = 0; i < n; i++) {
                    o[at + i] = switch (kind) {
                        case I1 -> bb.get(i);
                        case U1 -> bb.get(i) & 0xff;
                        case I2 -> bb.getShort(2 * i);
                        default -> bb.getShort(2 * i) & 0xffff;
                    };
                }
            }
            case U4 -> {
                long[] o = (long[]) out;
                for (int i = 0; i < n; i++) {
                    o[at + i] = bb.getInt(4 * i) & 0xffff_ffffL;
                }
            }
        }
    }

    /** Writes the elements of {@code a} little-endian, in the order they are stored (C order). */
    static void write(OutputStream out, NpyArray a) throws IOException {
        NpyDescr.Kind kind = NpyDescr.parse(NpyDescr.forWriting(a.dtype())).kind();
        int size = kind.itemSize;
        byte[] buf = new byte[CHUNK];
        ByteBuffer bb = ByteBuffer.wrap(buf).order(ByteOrder.LITTLE_ENDIAN);
        Object data = a.data();
        int count = a.size();
        for (int at = 0; at < count; ) {
            int n = Math.min(CHUNK / size, count - at);
            bb.clear();
            switch (data) {
                case float[] f -> bb.asFloatBuffer().put(f, at, n);  // raw bits: NaN payloads survive
                case double[] d -> bb.asDoubleBuffer().put(d, at, n);
                case int[] i -> bb.asIntBuffer().put(i, at, n);
                case long[] l -> bb.asLongBuffer().put(l, at, n);
                case boolean[] b -> {
                    for (int i = 0; i < n; i++) {
                        buf[i] = (byte) (b[at + i] ? 1 : 0);
                    }
                }
                default -> throw new IllegalStateException("validated by NpyArray");
            }
            out.write(buf, 0, n * size);
            at += n;
        }
    }

    /**
     * Reorders column-major data into row-major. Fortran-order data of shape {@code (d0, ..., dk)} is
     * C-order data of the reversed shape, so this walks the C indices and follows Fortran strides.
     */
    static Object fortranToC(Object data, int[] shape) {
        int count = java.lang.reflect.Array.getLength(data);
        if (shape.length < 2 || count == 0) {
            return data;  // identical layouts
        }
        int rank = shape.length;
        int[] fStride = new int[rank];
        int s = 1;
        for (int d = 0; d < rank; d++) {
            fStride[d] = s;
            s *= shape[d];
        }
        int[] index = new int[rank];
        int[] from = new int[count];
        int offset = 0;
        for (int c = 0; c < count; c++) {
            from[c] = offset;
            for (int d = rank - 1; d >= 0; d--) {  // odometer over C order, last axis fastest
                offset += fStride[d];
                if (++index[d] < shape[d]) {
                    break;
                }
                offset -= fStride[d] * shape[d];
                index[d] = 0;
            }
        }
        Object out = allocate(NpyArray.dtypeOf(data), count);
        switch (data) {
            case float[] f -> {
                float[] o = (float[]) out;
                for (int i = 0; i < count; i++) {
                    o[i] = f[from[i]];
                }
            }
            case double[] d -> {
                double[] o = (double[]) out;
                for (int i = 0; i < count; i++) {
                    o[i] = d[from[i]];
                }
            }
            case int[] v -> {
                int[] o = (int[]) out;
                for (int i = 0; i < count; i++) {
                    o[i] = v[from[i]];
                }
            }
            case long[] l -> {
                long[] o = (long[]) out;
                for (int i = 0; i < count; i++) {
                    o[i] = l[from[i]];
                }
            }
            case boolean[] b -> {
                boolean[] o = (boolean[]) out;
                for (int i = 0; i < count; i++) {
                    o[i] = b[from[i]];
                }
            }
            default -> throw new IllegalStateException("not an element array");
        }
        return out;
    }

    private static Object allocate(String dtype, int n) {
        return switch (dtype) {
            case "float32" -> new float[n];
            case "float64" -> new double[n];
            case "int32" -> new int[n];
            case "int64" -> new long[n];
            case "bool" -> new boolean[n];
            default -> throw new IllegalStateException("unknown dtype " + dtype);
        };
    }

    private static Object copyOf(Object a, int n) {
        return switch (a) {
            case float[] f -> Arrays.copyOf(f, n);
            case double[] d -> Arrays.copyOf(d, n);
            case int[] i -> Arrays.copyOf(i, n);
            case long[] l -> Arrays.copyOf(l, n);
            case boolean[] b -> Arrays.copyOf(b, n);
            default -> throw new IllegalStateException("not an element array");
        };
    }
}
