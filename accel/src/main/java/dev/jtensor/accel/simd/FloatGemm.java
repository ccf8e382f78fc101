package dev.jtensor.accel.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float32 engine: packing, and an {@code 8 x 2L} micro-kernel ({@code L} lanes of the preferred
 * species) that keeps its 16 accumulators in registers, broadcasts 8 elements of the A panel and
 * loads 2 vectors of the B panel per step of the depth (16 FMAs to 10 loads), accumulating in float.
 * The depth is blocked by {@link #KC} (the 8-row A panel stays in L1 while the B panels stream past
 * it), A is packed {@link #MC} rows and B {@link #NC} columns at a time.
 *
 * <p>The double engine ({@code DoubleGemm}) is the float engine's source with float replaced by double
 * and half the depth block: the Vector API is slow through generics. {@code DoubleGemmTest} keeps the
 * two in step.
 */
final class FloatGemm extends Gemm {

    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    static final int MR = 8, NR = 2 * L;
    static final int KC = 512, MC = 96, NC = 2048;

    private final float[] ap = new float[roundUp(MC, MR) * KC];
    private float[] bp = new float[0];
    private final float[] tile = new float[MR * NR];
    /** 8 transposed columns of B. */
    private final float[] columns = new float[MR * KC];

    FloatGemm() {
        super(MR, NR, KC, MC, NC);
    }

    @Override
    Object packedB(int size) {
        if (bp.length < size) bp = new float[size];
        return bp;
    }

    @Override
    void packA(Object data, int base, int rs, int cs, int rows, int depth) {
        float[] a = (float[]) data;
        float[] ap = this.ap;
        int full = rows / MR * MR;
        for (int i0 = 0; i0 < full; i0 += MR) {
            int panel = i0 * depth, src = base + i0 * rs;
            if (cs == 1) {
                int p = transpose8(a, src, rs, depth, ap, panel);
                for (; p < depth; p++) {
                    int d = panel + p * MR, s = src + p;
                    for (int r = 0; r < MR; r++) ap[d + r] = a[s + r * rs];
                }
            } else if (rs == 1) {
                // transposed A: the panel's rows are contiguous for each p (a plain loop: an
                // arraycopy call per 8 elements costs more than the copy)
                for (int p = 0; p < depth; p++) {
                    int d = panel + p * MR, s = src + p * cs;
                    for (int r = 0; r < MR; r++) ap[d + r] = a[s + r];
                }
            } else {
                for (int p = 0; p < depth; p++) {
                    int d = panel + p * MR, s = src + p * cs;
                    for (int r = 0; r < MR; r++) ap[d + r] = a[s + r * rs];
                }
            }
        }
        if (full < rows) {
            int panel = full * depth, h = rows - full;
            java.util.Arrays.fill(ap, panel, panel + MR * depth, 0f);
            for (int p = 0; p < depth; p++) {
                int d = panel + p * MR, s = base + full * rs + p * cs;
                for (int r = 0; r < h; r++) ap[d + r] = a[s + r * rs];
            }
        }
    }

    /** Lane indexes that interleave the low (from 0) or high (from L/2) halves of two vectors. */
    private static final FloatVector ZIP_LO = zipIndexes(0), ZIP_HI = zipIndexes(L / 2);

    private static FloatVector zipIndexes(int from) {
        float[] idx = new float[L];
        for (int i = 0; i < L / 2; i++) {
            idx[2 * i] = from + i;
            idx[2 * i + 1] = L + from + i;
        }
        return FloatVector.fromArray(S, idx, 0);
    }

    /**
     * Packs 8 rows of a row-major A ({@code a[src + r * rs + p]}) into {@code ap[panel + p * 8 + r]}, L
     * columns at a time: 8 vector loads, an 8 x L transpose by three rounds of interleaving (row r
     * with r + 4, then r + 2, then r + 1), 8 vector stores. Returns the first column not packed (0 with
     * one-lane vectors, which cannot interleave).
     */
    private static int transpose8(float[] a, int src, int rs, int depth, float[] ap, int panel) {
        int p = 0;
        if (L < 2) return p;
        for (; p + L <= depth; p += L) {
            int s = src + p;
            FloatVector r0 = FloatVector.fromArray(S, a, s), r1 = FloatVector.fromArray(S, a, s + rs),
                    r2 = FloatVector.fromArray(S, a, s + 2 * rs), r3 = FloatVector.fromArray(S, a, s + 3 * rs),
                    r4 = FloatVector.fromArray(S, a, s + 4 * rs), r5 = FloatVector.fromArray(S, a, s + 5 * rs),
                    r6 = FloatVector.fromArray(S, a, s + 6 * rs), r7 = FloatVector.fromArray(S, a, s + 7 * rs);
            // round 1: rows r and r + 4, low and high halves of the columns
            FloatVector a0l = ZIP_LO.selectFrom(r0, r4), a0h = ZIP_HI.selectFrom(r0, r4);
            FloatVector a1l = ZIP_LO.selectFrom(r1, r5), a1h = ZIP_HI.selectFrom(r1, r5);
            FloatVector a2l = ZIP_LO.selectFrom(r2, r6), a2h = ZIP_HI.selectFrom(r2, r6);
            FloatVector a3l = ZIP_LO.selectFrom(r3, r7), a3h = ZIP_HI.selectFrom(r3, r7);
            // round 2: (r, r + 4) pairs with (r + 2, r + 6)
            FloatVector bll = ZIP_LO.selectFrom(a0l, a2l), blh = ZIP_HI.selectFrom(a0l, a2l);
            FloatVector cll = ZIP_LO.selectFrom(a1l, a3l), clh = ZIP_HI.selectFrom(a1l, a3l);
            FloatVector bhl = ZIP_LO.selectFrom(a0h, a2h), bhh = ZIP_HI.selectFrom(a0h, a2h);
            FloatVector chl = ZIP_LO.selectFrom(a1h, a3h), chh = ZIP_HI.selectFrom(a1h, a3h);
            // round 3: even rows with odd rows; the results are the packed panel, in column order
            int d = panel + p * MR;
            ZIP_LO.selectFrom(bll, cll).intoArray(ap, d);
            ZIP_HI.selectFrom(bll, cll).intoArray(ap, d + L);
            ZIP_LO.selectFrom(blh, clh).intoArray(ap, d + 2 * L);
            ZIP_HI.selectFrom(blh, clh).intoArray(ap, d + 3 * L);
            ZIP_LO.selectFrom(bhl, chl).intoArray(ap, d + 4 * L);
            ZIP_HI.selectFrom(bhl, chl).intoArray(ap, d + 5 * L);
            ZIP_LO.selectFrom(bhh, chh).intoArray(ap, d + 6 * L);
            ZIP_HI.selectFrom(bhh, chh).intoArray(ap, d + 7 * L);
        }
        return p;
    }

    @Override
    void packB(Object data, int base, int rs, int cs, int depth, int cols, Object dest, int off) {
        float[] b = (float[]) data;
        float[] bp = (float[]) dest;
        int full = cols / NR * NR;
        if (cs == 1) {
            // row-major B: read each row once, sequentially, and scatter its nr-wide pieces (two
            // vectors; an arraycopy call per piece costs several times more) to the panels
            for (int p = 0; p < depth; p++) {
                int src = base + p * rs;
                for (int j0 = 0; j0 < full; j0 += NR) {
                    int d = off + j0 * depth + p * NR;
                    FloatVector.fromArray(S, b, src + j0).intoArray(bp, d);
                    FloatVector.fromArray(S, b, src + j0 + L).intoArray(bp, d + L);
                }
            }
        } else if (rs == 1 && NR % MR == 0) {
            // transposed B: each column is contiguous along p; transpose 8 columns at a time
            for (int j0 = 0; j0 < full; j0 += NR) {
                int panel = off + j0 * depth;
                for (int jj = 0; jj < NR; jj += MR) {
                    int src = base + (j0 + jj) * cs;
                    int p = transpose8(b, src, cs, depth, columns, 0);
                    for (int q = 0; q < p; q++) {
                        int d = panel + q * NR + jj, c = q * MR;
                        for (int r = 0; r < MR; r++) bp[d + r] = columns[c + r];
                    }
                    for (; p < depth; p++) {
                        for (int r = 0; r < MR; r++) bp[panel + p * NR + jj + r] = b[src + r * cs + p];
                    }
                }
            }
        } else {
            for (int j0 = 0; j0 < full; j0 += NR) {
                int panel = off + j0 * depth;
                for (int j = 0; j < NR; j++) {
                    int src = base + (j0 + j) * cs;
                    for (int p = 0; p < depth; p++) bp[panel + p * NR + j] = b[src + p * rs];
                }
            }
        }
        if (full < cols) {
            int panel = off + full * depth, w = cols - full;
            java.util.Arrays.fill(bp, panel, panel + NR * depth, 0f);
            for (int p = 0; p < depth; p++) {
                int src = base + p * rs + full * cs, dst = panel + p * NR;
                for (int j = 0; j < w; j++) bp[dst + j] = b[src + j * cs];
            }
        }
    }

    /**
     * {@code out[outBase + j] = sum_p x[p] * B[p, j]} for {@code j < cols}, element {@code (p, j)} of B at
     * {@code bBase + p * bRow + j * bCol}: a vector times a matrix, or (with A's strides) a matrix times
     * a vector. B needs unit stride along one axis: along j, it is read in rows of {@code 4 L} columns
     * accumulated in registers; along p, each output is a vector dot product.
     */
    static void vecMat(int k, int cols, float[] x, int xBase, int xStride, float[] b, int bBase, int bRow, int bCol,
                       float[] out, int outBase) {
        if (bCol == 1 && (bRow != 1 || cols >= L)) {
            // slices of 128 rows of B, so that a slice's pieces of 4 L columns stay few pages apart
            for (int p0 = 0; p0 < k; p0 += 128) {
                int p1 = Math.min(k, p0 + 128);
                boolean first = p0 == 0;
                int j = 0;
                for (; j + 4 * L <= cols; j += 4 * L) {
                    int o = outBase + j;
                    FloatVector s0 = first ? FloatVector.broadcast(S, 0f) : FloatVector.fromArray(S, out, o);
                    FloatVector s1 = first ? FloatVector.broadcast(S, 0f) : FloatVector.fromArray(S, out, o + L);
                    FloatVector s2 = first ? FloatVector.broadcast(S, 0f) : FloatVector.fromArray(S, out, o + 2 * L);
                    FloatVector s3 = first ? FloatVector.broadcast(S, 0f) : FloatVector.fromArray(S, out, o + 3 * L);
                    for (int p = p0; p < p1; p++) {
                        FloatVector xp = FloatVector.broadcast(S, x[xBase + p * xStride]);
                        int row = bBase + p * bRow + j;
                        s0 = xp.fma(FloatVector.fromArray(S, b, row), s0);
                        s1 = xp.fma(FloatVector.fromArray(S, b, row + L), s1);
                        s2 = xp.fma(FloatVector.fromArray(S, b, row + 2 * L), s2);
                        s3 = xp.fma(FloatVector.fromArray(S, b, row + 3 * L), s3);
                    }
                    s0.intoArray(out, o);
                    s1.intoArray(out, o + L);
                    s2.intoArray(out, o + 2 * L);
                    s3.intoArray(out, o + 3 * L);
                }
                for (; j + L <= cols; j += L) {
                    FloatVector s0 = first ? FloatVector.broadcast(S, 0f) : FloatVector.fromArray(S, out, outBase + j);
                    for (int p = p0; p < p1; p++) {
                        s0 = FloatVector.broadcast(S, x[xBase + p * xStride]).fma(FloatVector.fromArray(S, b, bBase + p * bRow + j), s0);
                    }
                    s0.intoArray(out, outBase + j);
                }
                // FMAs as in the lanes: a column's bits do not depend on where its block of columns starts
                for (; j < cols; j++) {
                    float sum = first ? 0f : out[outBase + j];
                    for (int p = p0; p < p1; p++) sum = Math.fma(x[xBase + p * xStride], b[bBase + p * bRow + j], sum);
                    out[outBase + j] = sum;
                }
            }
        } else {
            if (xStride != 1) {
                float[] dense = new float[k];
                for (int p = 0; p < k; p++) dense[p] = x[xBase + p * xStride];
                x = dense;
                xBase = 0;
            }
            for (int j = 0; j < cols; j++) {
                int col = bBase + j * bCol;
                FloatVector s0 = FloatVector.broadcast(S, 0f), s1 = s0, s2 = s0, s3 = s0;
                int p = 0;
                for (; p + 4 * L <= k; p += 4 * L) {
                    s0 = FloatVector.fromArray(S, x, xBase + p).fma(FloatVector.fromArray(S, b, col + p), s0);
                    s1 = FloatVector.fromArray(S, x, xBase + p + L).fma(FloatVector.fromArray(S, b, col + p + L), s1);
                    s2 = FloatVector.fromArray(S, x, xBase + p + 2 * L).fma(FloatVector.fromArray(S, b, col + p + 2 * L), s2);
                    s3 = FloatVector.fromArray(S, x, xBase + p + 3 * L).fma(FloatVector.fromArray(S, b, col + p + 3 * L), s3);
                }
                for (; p + L <= k; p += L) {
                    s0 = FloatVector.fromArray(S, x, xBase + p).fma(FloatVector.fromArray(S, b, col + p), s0);
                }
                float sum = SimdReductions.addLanes(s0.add(s1).add(s2.add(s3)));
                for (; p < k; p++) sum += x[xBase + p] * b[col + p];
                out[outBase + j] = sum;
            }
        }
    }

    @Override
    void kernel(int kb, int aOff, Object bp, int bOff, Object c, int cOff, int ldc, boolean accumulate) {
        micro(kb, ap, aOff, (float[]) bp, bOff, (float[]) c, cOff, ldc, accumulate);
    }

    @Override
    void edgeTile(int kb, int aOff, Object bp, int bOff, Object data, int cOff, int ldc, int rows, int cols,
                  boolean accumulate) {
        float[] c = (float[]) data;
        micro(kb, ap, aOff, (float[]) bp, bOff, tile, 0, NR, false);
        for (int r = 0; r < rows; r++) {
            int dst = cOff + r * ldc, src = r * NR;
            for (int j = 0; j < cols; j++) c[dst + j] = accumulate ? c[dst + j] + tile[src + j] : tile[src + j];
        }
    }

    private static void micro(int kb, float[] a, int ao, float[] b, int bo, float[] c, int co, int ldc,
                              boolean accumulate) {
        // The whole tile stays in this one method, stores included: when C2 does not inline a call that
        // takes accumulators (a store helper did not, past its inlining node budget), it boxes them on
        // every step of the loop, at a fifth of the speed.
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00,
                c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00, c60 = c00, c61 = c00,
                c70 = c00, c71 = c00;
        for (int p = 0; p < kb; p++) {
            int ai = ao + p * MR, bi = bo + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, b, bi);
            FloatVector b1 = FloatVector.fromArray(S, b, bi + L);
            FloatVector a0 = FloatVector.broadcast(S, a[ai]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, a[ai + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(S, a[ai + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(S, a[ai + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            FloatVector a4 = FloatVector.broadcast(S, a[ai + 4]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            FloatVector a5 = FloatVector.broadcast(S, a[ai + 5]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
            FloatVector a6 = FloatVector.broadcast(S, a[ai + 6]);
            c60 = a6.fma(b0, c60);
            c61 = a6.fma(b1, c61);
            FloatVector a7 = FloatVector.broadcast(S, a[ai + 7]);
            c70 = a7.fma(b0, c70);
            c71 = a7.fma(b1, c71);
        }
        if (accumulate) {
            c00 = c00.add(FloatVector.fromArray(S, c, co));
            c01 = c01.add(FloatVector.fromArray(S, c, co + L));
            c10 = c10.add(FloatVector.fromArray(S, c, co + ldc));
            c11 = c11.add(FloatVector.fromArray(S, c, co + ldc + L));
            c20 = c20.add(FloatVector.fromArray(S, c, co + 2 * ldc));
            c21 = c21.add(FloatVector.fromArray(S, c, co + 2 * ldc + L));
            c30 = c30.add(FloatVector.fromArray(S, c, co + 3 * ldc));
            c31 = c31.add(FloatVector.fromArray(S, c, co + 3 * ldc + L));
            c40 = c40.add(FloatVector.fromArray(S, c, co + 4 * ldc));
            c41 = c41.add(FloatVector.fromArray(S, c, co + 4 * ldc + L));
            c50 = c50.add(FloatVector.fromArray(S, c, co + 5 * ldc));
            c51 = c51.add(FloatVector.fromArray(S, c, co + 5 * ldc + L));
            c60 = c60.add(FloatVector.fromArray(S, c, co + 6 * ldc));
            c61 = c61.add(FloatVector.fromArray(S, c, co + 6 * ldc + L));
            c70 = c70.add(FloatVector.fromArray(S, c, co + 7 * ldc));
            c71 = c71.add(FloatVector.fromArray(S, c, co + 7 * ldc + L));
        }
        c00.intoArray(c, co);
        c01.intoArray(c, co + L);
        c10.intoArray(c, co + ldc);
        c11.intoArray(c, co + ldc + L);
        c20.intoArray(c, co + 2 * ldc);
        c21.intoArray(c, co + 2 * ldc + L);
        c30.intoArray(c, co + 3 * ldc);
        c31.intoArray(c, co + 3 * ldc + L);
        c40.intoArray(c, co + 4 * ldc);
        c41.intoArray(c, co + 4 * ldc + L);
        c50.intoArray(c, co + 5 * ldc);
        c51.intoArray(c, co + 5 * ldc + L);
        c60.intoArray(c, co + 6 * ldc);
        c61.intoArray(c, co + 6 * ldc + L);
        c70.intoArray(c, co + 7 * ldc);
        c71.intoArray(c, co + 7 * ldc + L);
    }
}
