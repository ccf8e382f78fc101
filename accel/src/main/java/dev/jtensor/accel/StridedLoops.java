package dev.jtensor.accel;

/**
 * Walks an index space row by row for several operands at once. The innermost dimension is the
 * row; before walking, dimensions that every operand lays out contiguously are merged, so dense
 * data becomes one long row and the per-row overhead disappears.
 */
public final class StridedLoops {

    /** Receives one row: the base offset of each operand (read-only) and the row length. */
    @FunctionalInterface
    public interface RowVisitor {
        void row(int[] offsets, int length);
    }

    private StridedLoops() {
    }

    /**
     * Calls {@code visitor} once per row of {@code shape}. {@code strides[k]} and {@code offsets[k]}
     * describe operand {@code k}; the row's inner strides are {@link Layout#innerStride}.
     *
     * @return the merged layout (its inner strides are what the visitor must use)
     */
    public static Layout forEachRow(int[] shape, int[][] strides, int[] offsets, RowVisitor visitor) {
        Layout layout = Layout.merge(shape, strides);
        forEachRow(layout, offsets, visitor);
        return layout;
    }

    /** Calls {@code visitor} once per row of an already merged layout. */
    public static void forEachRow(Layout layout, int[] offsets, RowVisitor visitor) {
        int rank = layout.shape.length;
        for (int d : layout.shape) {
            if (d == 0) {
                return;
            }
        }
        int operands = offsets.length;
        int rowLength = rank == 0 ? 1 : layout.shape[rank - 1];
        int[] current = offsets.clone();
        if (rank <= 1) {
            visitor.row(current, rowLength);
            return;
        }
        int[] index = new int[rank - 1];
        while (true) {
            visitor.row(current, rowLength);
            int d = rank - 2;
            while (d >= 0) {
                index[d]++;
                for (int k = 0; k < operands; k++) {
                    current[k] += layout.strides[k][d];
                }
                if (index[d] < layout.shape[d]) {
                    break;
                }
                for (int k = 0; k < operands; k++) {
                    current[k] -= layout.strides[k][d] * layout.shape[d];
                }
                index[d] = 0;
                d--;
            }
            if (d < 0) {
                return;
            }
        }
    }

    /** Calls {@code action} with the offset of every element of a strided index space, row-major. */
    static void forEachElement(int[] shape, int[] strides, int offset, java.util.function.IntConsumer action) {
        int size = sizeOf(shape);
        if (size == 0) {
            return;
        }
        int[] index = new int[shape.length];
        int current = offset;
        for (int e = 0; e < size; e++) {
            action.accept(current);
            for (int d = shape.length - 1; d >= 0; d--) {
                current += strides[d];
                if (++index[d] < shape[d]) break;
                current -= strides[d] * shape[d];
                index[d] = 0;
            }
        }
    }

    /** The element count of {@code shape}. */
    static int sizeOf(int[] shape) {
        int size = 1;
        for (int d : shape) size *= d;
        return size;
    }

    /** Shape and per-operand strides after merging contiguous dimensions and dropping size-1 ones. */
    public record Layout(int[] shape, int[][] strides) {

        /** {@link #merge(int[], int[][])} of the operands' strides, in order. */
        public static Layout merge(int[] shape, Strided... operands) {
            int[][] strides = new int[operands.length][];
            for (int k = 0; k < operands.length; k++) strides[k] = operands[k].strides();
            return merge(shape, strides);
        }

        /** The operands' offsets, in order: the first row's positions for {@link StridedLoops#forEachRow}. */
        public static int[] offsets(Strided... operands) {
            int[] offsets = new int[operands.length];
            for (int k = 0; k < operands.length; k++) offsets[k] = operands[k].offset();
            return offsets;
        }

        /** Merges dimensions that every operand lays out contiguously, dropping size-1 ones. */
        public static Layout merge(int[] shape, int[][] strides) {
            int operands = strides.length;
            int[] mergedShape = new int[shape.length];
            int[][] mergedStrides = new int[operands][shape.length];
            int rank = 0;
            for (int d = 0; d < shape.length; d++) {
                if (shape[d] == 1) {
                    continue;
                }
                if (rank > 0 && mergeable(mergedShape, mergedStrides, rank - 1, shape[d], strides, d)) {
                    mergedShape[rank - 1] *= shape[d];
                    for (int k = 0; k < operands; k++) {
                        mergedStrides[k][rank - 1] = strides[k][d];
                    }
                    continue;
                }
                mergedShape[rank] = shape[d];
                for (int k = 0; k < operands; k++) {
                    mergedStrides[k][rank] = strides[k][d];
                }
                rank++;
            }
            int[][] outStrides = new int[operands][];
            for (int k = 0; k < operands; k++) {
                outStrides[k] = java.util.Arrays.copyOf(mergedStrides[k], rank);
            }
            return new Layout(java.util.Arrays.copyOf(mergedShape, rank), outStrides);
        }

        private static boolean mergeable(int[] mergedShape, int[][] mergedStrides, int last, int size,
                                         int[][] strides, int d) {
            for (int k = 0; k < strides.length; k++) {
                if (mergedStrides[k][last] != strides[k][d] * size) {
                    return false;
                }
            }
            return true;
        }

        /** Length of a row: the innermost dimension, or 1 for rank 0. */
        public int rowLength() {
            return shape.length == 0 ? 1 : shape[shape.length - 1];
        }

        /** Stride of the row (innermost) dimension for operand {@code k}; 0 for rank 0. */
        public int innerStride(int k) {
            return shape.length == 0 ? 0 : strides[k][shape.length - 1];
        }
    }
}
