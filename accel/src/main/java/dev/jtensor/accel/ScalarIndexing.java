package dev.jtensor.accel;

/**
 * The scalar indexing kernels: gather (row copies) and its adjoint segmentSum, which adds into an
 * output that the caller zeroes ({@link Backend#allocateZeroed}).
 */
final class ScalarIndexing {

    private ScalarIndexing() {
    }

    static void gather(Object params, int outer, int axisLength, int inner, int[] indices, Object out) {
        int count = indices.length;
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < count; i++) {
                System.arraycopy(params, (o * axisLength + indices[i]) * inner, out, (o * count + i) * inner, inner);
            }
        }
    }

    static void segmentSum(Object data, int inner, int[] ids, Object out) {
        boolean floating = RowBuffers.isFloating(data);
        double[] row = new double[inner], sum = new double[inner];
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0) continue;
            int src = i * inner, dst = ids[i] * inner;
            if (floating) {
                // each addition is rounded to the element type, as a float32 sum would be
                RowBuffers.load(data, src, 1, row, inner);
                RowBuffers.load(out, dst, 1, sum, inner);
                for (int j = 0; j < inner; j++) sum[j] += row[j];
                RowBuffers.store(sum, inner, out, dst, 1);
            } else {
                addIntegerRow(data, src, out, dst, inner);
            }
        }
    }

    /** {@code out[dst + j] += data[src + j]} for int32 or int64 rows, wrapping as Java does. */
    private static void addIntegerRow(Object data, int src, Object out, int dst, int n) {
        switch (out) {
            case int[] o -> { int[] d = (int[]) data; for (int j = 0; j < n; j++) o[dst + j] += d[src + j]; }
            case long[] o -> { long[] d = (long[]) data; for (int j = 0; j < n; j++) o[dst + j] += d[src + j]; }
            default -> throw new IllegalArgumentException("segmentSum of " + out.getClass().getSimpleName());
        }
    }
}
