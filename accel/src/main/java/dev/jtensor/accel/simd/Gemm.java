package dev.jtensor.accel.simd;

/**
 * The blocked (Goto/BLIS) driver shared by the float and double engines; the subclasses supply
 * packing and the register-blocked micro-kernel for their element type.
 *
 * <p>For a block of {@code C} it runs, outermost first: columns in {@code nc}-wide blocks; depth in
 * {@code kc}-deep slices, packing {@code B[pc.., jc..]} into {@code kc x nr} column panels; rows in
 * {@code mc}-tall blocks, packing {@code A[ic.., pc..]} into {@code mr x kc} row panels; then, for
 * each A row panel (it stays in L1), every B column panel of the block (streamed from L2/L3), one
 * micro-kernel call per {@code mr x nr} tile. Packing zero-pads the last panels, so the micro-kernel
 * always computes a full tile; an edge tile goes through a scratch tile and only its valid part
 * reaches {@code C}. The first depth slice stores its tiles into {@code C} and later slices add to
 * them, so {@code C} is never cleared or read before it is written.
 *
 * <p>An engine holds its packing buffers and is used by one thread at a time.
 */
abstract class Gemm {

    /** Tile rows, tile columns (a multiple of the vector length), and the cache-block sizes. */
    final int mr, nr, kc, mc, nc;

    Gemm(int mr, int nr, int kc, int mc, int nc) {
        this.mr = mr;
        this.nr = nr;
        this.kc = kc;
        this.mc = roundUp(mc, mr);
        this.nc = roundUp(nc, nr);
    }

    /**
     * {@code C[rows x cols] = A[rows x k] * B[k x cols]}; element {@code (i, p)} of {@code A} is at
     * {@code aBase + i * aRow + p * aCol}, likewise for {@code B}, and {@code C} is row-major with
     * leading dimension {@code ldc} from {@code cBase}. Requires {@code k >= 1}.
     */
    final void multiply(Object a, int aBase, int aRow, int aCol, Object b, int bBase, int bRow, int bCol,
                        Object c, int cBase, int ldc, int rows, int cols, int k) {
        Object bp = packedB(Math.min(kc, k) * Math.min(nc, roundUp(cols, nr)));
        for (int jc = 0; jc < cols; jc += nc) {
            int nb = Math.min(nc, cols - jc);
            for (int pc = 0; pc < k; pc += kc) {
                int kb = Math.min(kc, k - pc);
                packB(b, bBase + pc * bRow + jc * bCol, bRow, bCol, kb, nb, bp, 0);
                for (int ic = 0; ic < rows; ic += mc) {
                    int mb = Math.min(mc, rows - ic);
                    packA(a, aBase + ic * aRow + pc * aCol, aRow, aCol, mb, kb);
                    for (int ir = 0; ir < mb; ir += mr) {
                        int h = Math.min(mr, mb - ir), cRow = cBase + (ic + ir) * ldc + jc;
                        for (int jr = 0; jr < nb; jr += nr) {
                            tile(kb, ir * kb, bp, jr * kb, c, cRow + jr, ldc, h, Math.min(nr, nb - jr), pc > 0);
                        }
                    }
                }
            }
        }
    }

    private void tile(int kb, int aOff, Object bp, int bOff, Object c, int cOff, int ldc, int rows, int cols,
                      boolean accumulate) {
        if (rows == mr && cols == nr) {
            kernel(kb, aOff, bp, bOff, c, cOff, ldc, accumulate);
        } else {
            edgeTile(kb, aOff, bp, bOff, c, cOff, ldc, rows, cols, accumulate);
        }
    }

    /** This engine's own buffer for packed B, grown to at least {@code size} elements. */
    abstract Object packedB(int size);

    /**
     * Packs {@code rows x depth} of A (element {@code (i, p)} at {@code base + i * rowStride + p * colStride})
     * into {@code mr}-row panels: panel {@code q} holds {@code (q * mr + r, p)} at {@code q * mr * depth + p * mr + r},
     * zero past {@code rows}.
     */
    abstract void packA(Object a, int base, int rowStride, int colStride, int rows, int depth);

    /**
     * Packs {@code depth x cols} of B into {@code nr}-column panels from {@code dest[destOff]}: panel
     * {@code q} holds {@code (p, q * nr + j)} at {@code destOff + q * nr * depth + p * nr + j}, zero past {@code cols}.
     */
    abstract void packB(Object b, int base, int rowStride, int colStride, int depth, int cols, Object dest, int destOff);

    /**
     * One full {@code mr x nr} tile: {@code C = Apanel * Bpanel} over {@code kb}, or {@code C +=} it
     * when {@code accumulate}.
     */
    abstract void kernel(int kb, int aOff, Object bp, int bOff, Object c, int cOff, int ldc, boolean accumulate);

    /** A partial tile ({@code rows <= mr}, {@code cols <= nr}) through a scratch tile, stored or added. */
    abstract void edgeTile(int kb, int aOff, Object bp, int bOff, Object c, int cOff, int ldc, int rows, int cols,
                           boolean accumulate);

    static int roundUp(int x, int multiple) {
        return (x + multiple - 1) / multiple * multiple;
    }
}
