package dev.jtensor.tornado;

import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.types.arrays.DoubleArray;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;
import uk.ac.manchester.tornado.api.types.arrays.LongArray;

/**
 * Batched matrix products over strided operands: float32 in {@value #TILE}x{@value #TILE} tiles
 * staged in local memory (one work group per output tile, z over the batch), other types one work
 * item per output element. Arguments from {@link #M}: sizes, each operand's offset and row and
 * column strides, the batch shape and per-operand batch strides.
 */
final class LinearAlgebra {

    static final int TILE = 16;
    static final int M = 0, N = 1, K = 2, A_OFF = 3, A_ROW = 4, A_COL = 5, B_OFF = 6, B_ROW = 7, B_COL = 8,
            OUT_OFF = 9, CODE = 10, BATCH_RANK = 11, BATCH_SHAPE = 12, MAX_BATCH_RANK = 8,
            A_BATCH = BATCH_SHAPE + MAX_BATCH_RANK, B_BATCH = A_BATCH + MAX_BATCH_RANK;

    private LinearAlgebra() {
    }

    static int batchOffset(IntArray a, int strides, int batch) {
        return Memory.offset(a, a.get(BATCH_RANK), BATCH_SHAPE, strides, batch);
    }

    public static void matmulTiled(KernelContext c, IntArray a, DoubleArray s, FloatArray f, DoubleArray d, IntArray i, LongArray l) {
        int m = a.get(M), n = a.get(N), k = a.get(K);
        int lx = c.localIdx, ly = c.localIdy;
        int col = c.groupIdx * TILE + lx, row = c.groupIdy * TILE + ly, batch = c.globalIdz;
        int aBase = a.get(A_OFF) + batchOffset(a, A_BATCH, batch), bBase = a.get(B_OFF) + batchOffset(a, B_BATCH, batch);
        int aRow = a.get(A_ROW), aCol = a.get(A_COL), bRow = a.get(B_ROW), bCol = a.get(B_COL);
        float[] aTile = c.allocateFloatLocalArray(TILE * TILE);
        float[] bTile = c.allocateFloatLocalArray(TILE * TILE);
        float sum = 0.0f;
        for (int t = 0; t < k; t += TILE) {
            int ak = t + lx, bk = t + ly;
            aTile[ly * TILE + lx] = row < m && ak < k ? f.get(aBase + row * aRow + ak * aCol) : 0.0f;
            bTile[ly * TILE + lx] = bk < k && col < n ? f.get(bBase + bk * bRow + col * bCol) : 0.0f;
            c.localBarrier();
            for (int q = 0; q < TILE; q++) {
                sum += aTile[ly * TILE + q] * bTile[q * TILE + lx];
            }
            c.localBarrier();
        }
        if (row < m && col < n) {
            f.set(a.get(OUT_OFF) + (batch * m + row) * n + col, sum);
        }
    }

    /** float64 and integer products: one work item per output element; floating sums in double, integers in long. */
    public static void matmul(KernelContext c, IntArray a, DoubleArray s, FloatArray f, DoubleArray d, IntArray i, LongArray l) {
        int m = a.get(M), n = a.get(N), k = a.get(K), code = a.get(CODE);
        int col = c.globalIdx, row = c.globalIdy, batch = c.globalIdz;
        if (row < m && col < n) {
            int aBase = a.get(A_OFF) + batchOffset(a, A_BATCH, batch) + row * a.get(A_ROW);
            int bBase = a.get(B_OFF) + batchOffset(a, B_BATCH, batch) + col * a.get(B_COL);
            int aCol = a.get(A_COL), bRow = a.get(B_ROW);
            int out = a.get(OUT_OFF) + (batch * m + row) * n + col;
            if (code == ElementCode.F64) {
                double sum = 0.0;
                for (int q = 0; q < k; q++) sum += d.get(aBase + q * aCol) * d.get(bBase + q * bRow);
                d.set(out, sum);
            } else {
                long sum = 0;
                for (int q = 0; q < k; q++) {
                    sum += Memory.loadL(code, aBase + q * aCol, f, d, i, l) * Memory.loadL(code, bBase + q * bRow, f, d, i, l);
                }
                Memory.storeL(code, out, sum, f, d, i, l);
            }
        }
    }
}
