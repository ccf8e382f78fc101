package dev.jtensor.internal;

import dev.jtensor.InvalidArgumentException;
import java.util.Arrays;

/** Turns user axes (negative ones count from the end) into checked non-negative ones. */
public final class Axes {

    private Axes() {
    }

    /**
     * {@code axis} within {@code [-rank, rank)}, made non-negative.
     *
     * @throws InvalidArgumentException naming the op, the axis and the rank
     */
    public static int normalize(String op, int axis, int rank) {
        if (axis < -rank || axis >= rank) {
            throw InvalidArgumentException.of(op, "axis " + axis + " is out of range [" + -rank + ", " + rank
                    + ") for a tensor of rank " + rank);
        }
        return axis < 0 ? axis + rank : axis;
    }

    /**
     * The position of a new axis inserted into a tensor of rank {@code rank} (expandDims, stack,
     * oneHot): within {@code [-rank-1, rank]}, made non-negative.
     *
     * @throws InvalidArgumentException naming the op, the axis and the rank of the input
     */
    public static int normalizeNew(String op, int axis, int rank) {
        if (axis < -rank - 1 || axis > rank) {
            throw InvalidArgumentException.of(op, "axis " + axis + " is out of range [" + (-rank - 1) + ", "
                    + (rank + 1) + ") for a new axis in a tensor of rank " + rank);
        }
        return axis < 0 ? axis + rank + 1 : axis;
    }

    /** Distinct normalised axes in increasing order; {@code null} means all axes. */
    public static int[] normalizeAll(String op, int[] axes, int rank) {
        if (axes == null) {
            int[] all = new int[rank];
            Arrays.setAll(all, i -> i);
            return all;
        }
        int[] out = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            if (axes[i] < -rank || axes[i] >= rank) {
                throw InvalidArgumentException.of(op, "Invalid reduction dimension " + axes[i] + " for input with "
                        + rank + " dimensions");
            }
            out[i] = axes[i] < 0 ? axes[i] + rank : axes[i];
        }
        Arrays.sort(out);
        for (int i = 1; i < out.length; i++) {
            if (out[i] == out[i - 1]) {
                throw InvalidArgumentException.of(op, "Axes contains duplicate dimension: " + out[i]
                        + " (given " + Arrays.toString(axes) + ")");
            }
        }
        return out;
    }
}
