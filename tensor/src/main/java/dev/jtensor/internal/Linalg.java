package dev.jtensor.internal;

import dev.jtensor.DType;
import dev.jtensor.Tensor;
import dev.jtensor.ops.Dispatch;
import dev.jtensor.ops.MatMul;
import dev.jtensor.ops.MatrixDeterminant;
import dev.jtensor.ops.MatrixInverse;

/** The linear-algebra frontend: dtype settling around the matrix primitives. */
public final class Linalg {

    private Linalg() {
    }

    /** Matrix product with TensorFlow's rules (rank >= 2, broadcast batch axes, optional transposes). */
    public static Tensor matmul(Tensor a, Tensor b, boolean transposeA, boolean transposeB) {
        Inputs.require("MatMul", 0, a);
        Inputs.require("MatMul", 1, b);
        if (a.dtype() != b.dtype()) {
            if (!DTypeRules.numpyBehavior()) {
                throw DTypeRules.mismatch("MatMul", a.dtype(), b.dtype(), 1);
            }
            DType common = DTypeRules.promote(a.dtype(), b.dtype());
            a = Elementwise.cast(a, common);
            b = Elementwise.cast(b, common);
        }
        return Dispatch.apply(new MatMul(transposeA, transposeB), a, b);
    }

    /** Inverse of each square matrix in the last two axes. */
    public static Tensor inverse(Tensor x) {
        return Dispatch.apply(new MatrixInverse(), x);
    }

    /** Determinant of each square matrix in the last two axes. */
    public static Tensor determinant(Tensor x) {
        return Dispatch.apply(new MatrixDeterminant(), x);
    }
}
