package dev.jtensor.ops;

import dev.jtensor.Shape;
import dev.jtensor.Tensor;
import dev.jtensor.accel.Backend;
import dev.jtensor.accel.Strided;
import dev.jtensor.internal.TensorAccess;
import java.util.Arrays;

/**
 * Permutes the axes: output axis {@code i} is input axis {@code perm[i]}. Always a view.
 *
 * @param perm a permutation of {@code 0 .. rank-1}
 */
public record Transpose(int[] perm) implements Primitive {

    public Transpose {
        Primitives.nonNull("Transpose", "perm", perm);
        perm = perm.clone();
    }

    @Override
    public int[] perm() {
        return perm.clone();
    }

    @Override
    public String name() {
        return "Transpose";
    }

    @Override
    public TensorSpec infer(TensorSpec... inputs) {
        Primitives.arity(this, inputs, 1);
        int rank = inputs[0].shape().rank();
        if (perm.length != rank) {
            throw Primitives.error(this, "transpose expects a vector of size " + rank + ". But input(1) is a vector of size "
                    + perm.length + " (perm " + Arrays.toString(perm) + " for shape "
                    + inputs[0].shape().toBracketString() + ")");
        }
        boolean[] seen = new boolean[rank];
        int[] dims = inputs[0].shape().toArray();
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int p = perm[i];
            if (p < 0 || p >= rank) {
                throw Primitives.error(this, "perm[" + i + "] = " + p + " is out of range [0, " + rank + ")");
            }
            if (seen[p]) {
                throw Primitives.error(this, p + " is duplicated in perm " + Arrays.toString(perm));
            }
            seen[p] = true;
            out[i] = dims[p];
        }
        return new TensorSpec(inputs[0].dtype(), Shape.of(out));
    }

    /** The permutation that undoes this one. */
    public int[] inverse() {
        int[] inv = new int[perm.length];
        for (int i = 0; i < perm.length; i++) {
            inv[perm[i]] = i;
        }
        return inv;
    }

    @Override
    public Tensor compute(Backend backend, Tensor[] inputs, TensorSpec output) {
        Strided v = Primitives.view(inputs[0]);
        int[] strides = new int[perm.length];
        for (int i = 0; i < perm.length; i++) {
            strides[i] = v.strides()[perm[i]];
        }
        return TensorAccess.view(inputs[0], output.dtype(), output.shape(), v.offset(), strides);
    }

    // records compare arrays by identity: equal parameters must make equal primitives (graph dedup, caches)
    @Override
    public boolean equals(Object o) {
        return o instanceof Transpose t && Arrays.equals(perm, t.perm);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(perm);
    }

    @Override
    public String toString() {
        return "Transpose[perm=" + Arrays.toString(perm) + "]";
    }
}
