package dev.jtensor.internal;

import dev.jtensor.DType;
import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Shape;
import dev.jtensor.Tensor;
import dev.jtensor.ops.Dispatch;
import dev.jtensor.ops.MatMul;
import dev.jtensor.ops.MatrixDeterminant;
import dev.jtensor.ops.MatrixInverse;
import java.util.Arrays;

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
        if (a.rank() >= 2 && b.rank() >= 2) {
            // broadcast the batch axes with zero-stride views; BroadcastTo's gradient undoes it
            int[] ad = a.shape().toArray(), bd = b.shape().toArray();
            Shape batch;
            try {
                batch = BroadcastShapes.broadcast("MatMul", Shape.of(Arrays.copyOf(ad, ad.length - 2)),
                        Shape.of(Arrays.copyOf(bd, bd.length - 2)));
            } catch (InvalidArgumentException e) {
                throw InvalidArgumentException.of("MatMul", "In[0] and In[1] must have broadcastable batch dimensions: "
                        + a.shape().toBracketString() + " vs. " + b.shape().toBracketString());
            }
            a = Elementwise.broadcastTo(a, withMatrix(batch, ad));
            b = Elementwise.broadcastTo(b, withMatrix(batch, bd));
        }
        return Dispatch.apply(new MatMul(transposeA, transposeB), a, b);
    }

    private static Shape withMatrix(Shape batch, int[] dims) {
        int[] out = Arrays.copyOf(batch.toArray(), batch.rank() + 2);
        out[batch.rank()] = dims[dims.length - 2];
        out[batch.rank() + 1] = dims[dims.length - 1];
        return Shape.of(out);
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
