package dev.jtensor.ops;

import dev.jtensor.Shape;
import dev.jtensor.Tensor;
import dev.jtensor.accel.Backend;
import dev.jtensor.accel.Strided;
import java.util.Arrays;

/**
 * Matrix product over the last two axes, TensorFlow's rules: both operands have rank at least 2
 * (a vector must be reshaped to {@code (n, 1)} or {@code (1, n)} first), the inner dimensions
 * agree (checked where both are known), and the leading batch dimensions are equal (the frontend broadcasts them with
 * {@link BroadcastTo} views first, so a gradient never has to undo a broadcast here). Transposes
 * are applied by swapping strides, not by copying.
 *
 * @param transposeA whether to use the transpose of the last two axes of the first operand
 * @param transposeB whether to use the transpose of the last two axes of the second operand
 */
public record MatMul(boolean transposeA, boolean transposeB) implements Primitive {

    @Override
    public String name() {
        return "MatMul";
    }

    @Override
    public TensorSpec infer(TensorSpec... inputs) {
        Primitives.arity(this, inputs, 2);
        TensorSpec a = inputs[0], b = inputs[1];
        Primitives.requireSameDType(this, a, b, 1);
        Primitives.requireNumeric(this, a, 0);
        if (a.shape().rank() < 2 || b.shape().rank() < 2) {
            throw Primitives.error(this, "In[0] and In[1] must have rank >= 2 (reshape a vector to (n, 1) or (1, n)): "
                    + a.shape().toBracketString() + " vs. " + b.shape().toBracketString());
        }
        int[] ad = a.shape().toArray(), bd = b.shape().toArray();
        int m = ad[ad.length - (transposeA ? 1 : 2)], ka = ad[ad.length - (transposeA ? 2 : 1)];
        int kb = bd[bd.length - (transposeB ? 1 : 2)], n = bd[bd.length - (transposeB ? 2 : 1)];
        if (!Shape.compatible(ka, kb)) {
            throw Primitives.error(this, "Matrix size-incompatible: In[0]: " + a.shape().toBracketString()
                    + ", In[1]: " + b.shape().toBracketString()
                    + (transposeA || transposeB ? " (transposeA=" + transposeA + ", transposeB=" + transposeB + ")" : ""));
        }
        int[] batch = batchShape(ad, bd);
        int[] out = Arrays.copyOf(batch, batch.length + 2);
        out[batch.length] = m;
        out[batch.length + 1] = n;
        return new TensorSpec(a.dtype(), Shape.of(out));
    }

    private int[] batchShape(int[] ad, int[] bd) {
        Shape a = Shape.of(Arrays.copyOf(ad, ad.length - 2)), b = Shape.of(Arrays.copyOf(bd, Math.max(bd.length - 2, 0)));
        if (!a.isCompatibleWith(b)) {
            throw Primitives.error(this, "In[0] and In[1] must have the same batch dimensions: "
                    + Shape.of(ad).toBracketString() + " vs. " + Shape.of(bd).toBracketString());
        }
        return a.mergeWith(b).toArray();
    }

    @Override
    public Tensor compute(Backend backend, Tensor[] inputs, TensorSpec output) {
        int[] out = output.shape().toArray();
        int batchRank = out.length - 2;
        int[] batch = Arrays.copyOf(out, batchRank);
        Tensor a = inputs[0], b = inputs[1];
        int m = out[batchRank], n = out[batchRank + 1];
        int k = a.shape().get(transposeA ? -2 : -1);
        Object data = Primitives.allocate(backend, output);
        backend.kernels().matmul(batch, m, n, k, operandView(a, batchRank, transposeA),
                operandView(b, batchRank, transposeB), data);
        return Primitives.wrap(backend, output, data);
    }

    /** Strides for {@code batch..., rows, cols}, swapping the last two for a transpose. */
    private static Strided operandView(Tensor t, int batchRank, boolean transpose) {
        Strided v = Primitives.view(t);
        int[] strides = v.strides();
        int rank = strides.length;
        int[] s = Arrays.copyOf(strides, rank);
        s[batchRank] = strides[rank - (transpose ? 1 : 2)];
        s[batchRank + 1] = strides[rank - (transpose ? 2 : 1)];
        return new Strided(v.data(), v.offset(), s);
    }
}
