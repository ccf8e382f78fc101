package dev.jtensor.internal;

import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Shape;

/**
 * NumPy's broadcasting rule for result shapes, with TensorFlow's rule for unknown dimensions: an
 * unknown dimension against a known {@code n > 1} gives {@code n} (it must be {@code n} or 1 when
 * the graph runs); against 1 or another unknown it stays unknown. Two unknown dimensions are
 * assumed equal (or one of them 1) when the op is written; the run-time shapes are checked when it
 * runs.
 */
public final class BroadcastShapes {

    private BroadcastShapes() {
    }

    /**
     * The shape two operands broadcast to: trailing axes aligned, each pair equal or one of them 1.
     *
     * {@snippet :
     * broadcast("AddV2", Shape.of(2, 3), Shape.of(3));         // (2, 3)
     * broadcast("AddV2", Shape.of(-1, 3), Shape.of(4, 1, 1));  // (4, None, 3)
     * }
     *
     * @throws InvalidArgumentException "Incompatible shapes: [2,3] vs. [4,3] [Op:op]"
     */
    public static Shape broadcast(String op, Shape a, Shape b) {
        if (a.equals(b)) {
            return a;
        }
        int[] x = a.toArray(), y = b.toArray();
        int rank = Math.max(x.length, y.length);
        int[] out = new int[rank];
        for (int i = 1; i <= rank; i++) {
            int dx = i <= x.length ? x[x.length - i] : 1;
            int dy = i <= y.length ? y[y.length - i] : 1;
            if (!compatible(dx, dy)) {
                throw InvalidArgumentException.of(op, "Incompatible shapes: " + a.toBracketString() + " vs. "
                        + b.toBracketString());
            }
            out[rank - i] = dim(dx, dy);
        }
        return Shape.of(out);
    }

    /** Whether two aligned dimensions broadcast: equal, one of them 1, or one unknown. */
    public static boolean compatible(int a, int b) {
        return a == b || a == 1 || b == 1 || a == Shape.UNKNOWN || b == Shape.UNKNOWN;
    }

    /** The broadcast of two {@link #compatible} dimensions. */
    public static int dim(int a, int b) {
        if (a == 1) return b;
        if (b == 1 || b == Shape.UNKNOWN) return a;
        return b;
    }
}
