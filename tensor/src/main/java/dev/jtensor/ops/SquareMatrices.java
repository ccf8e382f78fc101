package dev.jtensor.ops;

import dev.jtensor.Shape;

/** The input rule shared by the matrix primitives: floating point, rank >= 2, square. */
final class SquareMatrices {

    private SquareMatrices() {
    }

    static TensorSpec check(Primitive p, TensorSpec in, Shape outputShape) {
        Primitives.requireFloating(p, in, 0);
        Shape s = in.shape();
        if (s.rank() < 2 || s.get(-1) != s.get(-2)) {
            throw Primitives.error(p, "Input matrix must be square with rank >= 2, got shape " + s.toBracketString());
        }
        return new TensorSpec(in.dtype(), outputShape);
    }
}
