package dev.jtensor.ops;

import dev.jtensor.Shape;

/** The input rule shared by the matrix primitives: floating point, rank >= 2, square (where known). */
final class SquareMatrices {

    private SquareMatrices() {
    }

    /** The input's shape with the two matrix dimensions equal: known if either is (a square matrix). */
    static Shape squared(Shape s) {
        if (s.rank() < 2 || s.get(-1) == s.get(-2)) {
            return s;
        }
        int[] dims = s.toArray();
        int n = Math.max(dims[dims.length - 1], dims[dims.length - 2]); // the known one; UNKNOWN is -1
        dims[dims.length - 1] = dims[dims.length - 2] = n;
        return Shape.of(dims);
    }

    static TensorSpec check(Primitive p, TensorSpec in, Shape outputShape) {
        Primitives.requireFloating(p, in, 0);
        Shape s = in.shape();
        if (s.rank() < 2 || !Shape.compatible(s.get(-1), s.get(-2))) {
            throw Primitives.error(p, "Input matrix must be square with rank >= 2, got shape " + s.toBracketString());
        }
        return new TensorSpec(in.dtype(), outputShape);
    }
}
