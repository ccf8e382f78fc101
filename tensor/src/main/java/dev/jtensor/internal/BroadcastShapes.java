package dev.jtensor.internal;

import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Shape;

/** NumPy's broadcasting rule for result shapes. */
public final class BroadcastShapes {

    private BroadcastShapes() {
    }

    /**
     * The shape two operands broadcast to: trailing axes aligned, each pair equal or one of them 1.
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
            if (dx != dy && dx != 1 && dy != 1) {
                throw InvalidArgumentException.of(op, "Incompatible shapes: " + a.toBracketString() + " vs. "
                        + b.toBracketString());
            }
            out[rank - i] = dx == 1 ? dy : dx;
        }
        return Shape.of(out);
    }
}
