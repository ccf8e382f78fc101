package dev.jtensor.accel;

/**
 * Moves one strided row between a typed array and a {@code double[]} or {@code long[]} scratch
 * row. The type switch happens once per row, so the scalar kernels can be written once for
 * floating point (in double) and once for integers and booleans (in long).
 */
final class RowBuffers {

    private RowBuffers() {
    }

    static boolean isFloating(Object data) {
        return data instanceof float[] || data instanceof double[];
    }

    static void load(Object data, int offset, int stride, double[] row, int n) {
        switch (data) {
            case float[] a -> { for (int i = 0; i < n; i++) row[i] = a[offset + i * stride]; }
            case double[] a -> { for (int i = 0; i < n; i++) row[i] = a[offset + i * stride]; }
            case int[] a -> { for (int i = 0; i < n; i++) row[i] = a[offset + i * stride]; }
            case long[] a -> { for (int i = 0; i < n; i++) row[i] = a[offset + i * stride]; }
            case boolean[] a -> { for (int i = 0; i < n; i++) row[i] = a[offset + i * stride] ? 1 : 0; }
            default -> throw unsupported(data);
        }
    }

    static void load(Object data, int offset, int stride, long[] row, int n) {
        switch (data) {
            // float -> integer conversion truncates toward zero, as C casts (and TensorFlow) do
            case float[] a -> { for (int i = 0; i < n; i++) row[i] = (long) a[offset + i * stride]; }
            case double[] a -> { for (int i = 0; i < n; i++) row[i] = (long) a[offset + i * stride]; }
            case int[] a -> { for (int i = 0; i < n; i++) row[i] = a[offset + i * stride]; }
            case long[] a -> { for (int i = 0; i < n; i++) row[i] = a[offset + i * stride]; }
            case boolean[] a -> { for (int i = 0; i < n; i++) row[i] = a[offset + i * stride] ? 1 : 0; }
            default -> throw unsupported(data);
        }
    }

    static void store(double[] row, int n, Object data, int offset, int stride) {
        switch (data) {
            case float[] a -> { for (int i = 0; i < n; i++) a[offset + i * stride] = (float) row[i]; }
            case double[] a -> { for (int i = 0; i < n; i++) a[offset + i * stride] = row[i]; }
            case int[] a -> { for (int i = 0; i < n; i++) a[offset + i * stride] = (int) row[i]; }
            case long[] a -> { for (int i = 0; i < n; i++) a[offset + i * stride] = (long) row[i]; }
            case boolean[] a -> { for (int i = 0; i < n; i++) a[offset + i * stride] = row[i] != 0; }
            default -> throw unsupported(data);
        }
    }

    static void store(long[] row, int n, Object data, int offset, int stride) {
        switch (data) {
            case float[] a -> { for (int i = 0; i < n; i++) a[offset + i * stride] = row[i]; }
            case double[] a -> { for (int i = 0; i < n; i++) a[offset + i * stride] = row[i]; }
            case int[] a -> { for (int i = 0; i < n; i++) a[offset + i * stride] = (int) row[i]; }
            case long[] a -> { for (int i = 0; i < n; i++) a[offset + i * stride] = row[i]; }
            case boolean[] a -> { for (int i = 0; i < n; i++) a[offset + i * stride] = row[i] != 0; }
            default -> throw unsupported(data);
        }
    }

    static IllegalArgumentException unsupported(Object data) {
        return new IllegalArgumentException("unsupported buffer type: "
                + (data == null ? "null" : data.getClass().getSimpleName()));
    }
}
