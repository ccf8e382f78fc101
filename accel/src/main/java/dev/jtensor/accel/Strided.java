package dev.jtensor.accel;

/**
 * A window onto a flat Java array: element {@code (i0, i1, ...)} lives at
 * {@code offset + i0 * strides[0] + i1 * strides[1] + ...}. Strides are in elements and may be zero
 * (broadcast) or negative (reversed slices).
 *
 * @param data    a {@code float[]}, {@code double[]}, {@code int[]}, {@code long[]} or {@code boolean[]}
 * @param offset  index of element (0, 0, ...)
 * @param strides one stride per dimension of the shape the kernel is given
 */
public record Strided(Object data, int offset, int[] strides) {

    /** A row-major, offset-0 view of {@code data} with the given shape. */
    public static Strided contiguous(Object data, int[] shape) {
        return new Strided(data, 0, rowMajorStrides(shape));
    }

    /**
     * How many elements of the buffer this view spans over {@code shape}: one past the highest element
     * it reaches, which is above the offset only along positive strides (0 when the shape is empty).
     * A device-to-host copy of a view moves this many.
     */
    public int extent(int[] shape) {
        int last = offset;
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] == 0) return 0;
            // a negative stride (a reversed slice) walks down from the offset: it reaches no higher element
            if (strides[d] > 0) last += (shape[d] - 1) * strides[d];
        }
        return last + 1;
    }

    /** Row-major strides of {@code shape}. */
    public static int[] rowMajorStrides(int[] shape) {
        int[] strides = new int[shape.length];
        int s = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            strides[d] = s;
            s *= Math.max(shape[d], 1);
        }
        return strides;
    }
}
