package dev.jtensor.accel.simd;

import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * All of B packed once for the threads that compute row blocks of one product, so that no thread
 * packs B again. B is cut into depth slices of {@code kc} and groups of column panels; whichever
 * thread first needs a group of a slice packs it, a thread that finds it being packed waits for it.
 * Waiting is only ever for a group a running thread is packing, so this cannot deadlock, also when
 * the tasks run one after another on one thread.
 */
final class SharedPanels {

    private static final int UNPACKED = 0, PACKING = 1, PACKED = 2;

    private final Object b;
    private final int bBase, bRow, bCol, depth, cols, kc, colsPadded, groupCols, groups;
    private final Object buffer;
    private final AtomicIntegerArray state;

    /**
     * B is {@code depth x cols} at {@code b[bBase + p * bRow + j * bCol]}; {@code buffer} must hold
     * {@link #size} elements.
     */
    SharedPanels(Object b, int bBase, int bRow, int bCol, int depth, int cols, int kc, int nr, Object buffer) {
        this.b = b;
        this.bBase = bBase;
        this.bRow = bRow;
        this.bCol = bCol;
        this.depth = depth;
        this.cols = cols;
        this.kc = kc;
        this.colsPadded = Gemm.roundUp(cols, nr);
        this.groupCols = 2 * nr;
        this.groups = (cols + groupCols - 1) / groupCols;
        this.buffer = buffer;
        this.state = new AtomicIntegerArray(slices(depth, kc) * groups);
    }

    /** Elements of the packed copy of a {@code depth x cols} B. */
    static long size(int depth, int cols, int kc, int nr) {
        return (long) slices(depth, kc) * kc * Gemm.roundUp(cols, nr);
    }

    private static int slices(int depth, int kc) {
        return (depth + kc - 1) / kc;
    }

    int cols() {
        return cols;
    }

    int depth() {
        return depth;
    }

    int groups() {
        return groups;
    }

    int groupCols() {
        return groupCols;
    }

    Object buffer() {
        return buffer;
    }

    /** Where depth slice {@code slice} starts; its panel of columns from {@code j} is at {@code + j * kb}. */
    int sliceOffset(int slice) {
        return slice * kc * colsPadded;
    }

    /** Makes sure group {@code group} of slice {@code slice} is packed, packing it with {@code engine} if nobody has. */
    void ensurePacked(Gemm engine, int slice, int group) {
        int i = slice * groups + group;
        if (state.get(i) == PACKED) return;
        if (state.compareAndSet(i, UNPACKED, PACKING)) {
            int pc = slice * kc, kb = Math.min(kc, depth - pc), j0 = group * groupCols;
            engine.packB(b, bBase + pc * bRow + j0 * bCol, bRow, bCol, kb, Math.min(groupCols, cols - j0),
                    buffer, sliceOffset(slice) + j0 * kb);
            state.set(i, PACKED);
        } else {
            while (state.get(i) != PACKED) Thread.onSpinWait();
        }
    }
}
