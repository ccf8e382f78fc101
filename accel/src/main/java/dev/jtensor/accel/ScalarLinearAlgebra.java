package dev.jtensor.accel;

import java.util.Arrays;

/**
 * The scalar linear algebra: batched matmul in i-p-j order over a dense copy of B, and inverse and
 * determinant through {@link LuDecomposition}, all in double (or long) precision. Each output row
 * is accumulated in a zeroed scratch row and then stored whole, so {@code k == 0} writes zeros.
 */
final class ScalarLinearAlgebra {

    private ScalarLinearAlgebra() {
    }

    static void matmul(int[] batchShape, int m, int n, int k, Strided a, Strided b, Object out) {
        int rank = batchShape.length;
        int[] as = a.strides(), bs = b.strides();
        int aRow = as[rank], aCol = as[rank + 1], bRow = bs[rank], bCol = bs[rank + 1];
        boolean floating = RowBuffers.isFloating(a.data());
        int[] bOffsets = new int[StridedLoops.sizeOf(batchShape)];
        int[] t = {0};
        StridedLoops.forEachElement(batchShape, Arrays.copyOf(bs, rank), b.offset(), off -> bOffsets[t[0]++] = off);
        // B is loaded once per batch into a dense scratch matrix, so the i-p-j loop below runs over
        // plain arrays (which the JIT vectorises) instead of re-reading strided rows per (i, p)
        double[] bDense = floating ? new double[k * n] : null, aRowBuf = floating ? new double[k] : null;
        double[] acc = floating ? new double[n] : null;
        long[] bDenseL = floating ? null : new long[k * n], aRowL = floating ? null : new long[k];
        long[] accL = floating ? null : new long[n];
        double[] rowD = floating ? new double[n] : null;
        long[] rowL = floating ? null : new long[n];
        int[] batchIndex = {0};
        StridedLoops.forEachElement(batchShape, Arrays.copyOf(as, rank), a.offset(), aBase -> {
            int bBase = bOffsets[batchIndex[0]];
            int outBase = batchIndex[0]++ * m * n;
            for (int p = 0; p < k; p++) {
                if (floating) {
                    RowBuffers.load(b.data(), bBase + p * bRow, bCol, rowD, n);
                    System.arraycopy(rowD, 0, bDense, p * n, n);
                } else {
                    RowBuffers.load(b.data(), bBase + p * bRow, bCol, rowL, n);
                    System.arraycopy(rowL, 0, bDenseL, p * n, n);
                }
            }
            for (int i = 0; i < m; i++) {
                if (floating) {
                    Arrays.fill(acc, 0);
                    RowBuffers.load(a.data(), aBase + i * aRow, aCol, aRowBuf, k);
                    for (int p = 0; p < k; p++) {
                        double aip = aRowBuf[p];
                        int row = p * n;
                        for (int j = 0; j < n; j++) acc[j] += aip * bDense[row + j];
                    }
                    RowBuffers.store(acc, n, out, outBase + i * n, 1);
                } else {
                    Arrays.fill(accL, 0);
                    RowBuffers.load(a.data(), aBase + i * aRow, aCol, aRowL, k);
                    for (int p = 0; p < k; p++) {
                        long aip = aRowL[p];
                        int row = p * n;
                        for (int j = 0; j < n; j++) accL[j] += aip * bDenseL[row + j];
                    }
                    RowBuffers.store(accL, n, out, outBase + i * n, 1);
                }
            }
        });
    }

    static void matrixInverse(int batch, int n, Object in, Object out) {
        double[] m = new double[n * n];
        for (int b = 0; b < batch; b++) {
            RowBuffers.load(in, b * n * n, 1, m, n * n);
            double[] inv = LuDecomposition.of(m, n).inverse();
            RowBuffers.store(inv, n * n, out, b * n * n, 1);
        }
    }

    static void matrixDeterminant(int batch, int n, Object in, Object out) {
        double[] m = new double[n * n];
        double[] dets = new double[batch];
        for (int b = 0; b < batch; b++) {
            RowBuffers.load(in, b * n * n, 1, m, n * n);
            dets[b] = LuDecomposition.of(m, n).determinant();
        }
        RowBuffers.store(dets, batch, out, 0, 1);
    }
}
