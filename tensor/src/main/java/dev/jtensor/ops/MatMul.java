package dev.jtensor.ops;

import dev.jtensor.Shape;
import dev.jtensor.Tensor;
import dev.jtensor.accel.Strided;
import java.util.Arrays;

/**
 * Matrix product over the last two axes, TensorFlow's rules: both operands have rank at least 2
 * (a vector must be reshaped to {@code (n, 1)} or {@code (1, n)} first), the inner dimensions
 * agree, and leading batch dimensions broadcast. Transposes are applied by swapping strides, not
 * by copying.
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
        Storage.arity(this, inputs, 2);
        TensorSpec a = inputs[0], b = inputs[1];
        Storage.requireSameDType(this, a, b, 1);
        Storage.requireNumeric(this, a, 0);
        if (a.shape().rank() < 2 || b.shape().rank() < 2) {
            throw Storage.error(this, "In[0] and In[1] must have rank >= 2 (reshape a vector to (n, 1) or (1, n)): "
                    + a.shape().toBracketString() + " vs. " + b.shape().toBracketString());
        }
        int[] ad = a.shape().toArray(), bd = b.shape().toArray();
        int m = ad[ad.length - (transposeA ? 1 : 2)], ka = ad[ad.length - (transposeA ? 2 : 1)];
        int kb = bd[bd.length - (transposeB ? 1 : 2)], n = bd[bd.length - (transposeB ? 2 : 1)];
        if (ka != kb) {
            throw Storage.error(this, "Matrix size-incompatible: In[0]: " + a.shape().toBracketString()
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
        int rank = Math.max(ad.length, bd.length) - 2;
        int[] batch = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = dimFromBatchEnd(ad, rank - 1 - i), db = dimFromBatchEnd(bd, rank - 1 - i);
            if (da != db && da != 1 && db != 1) {
                throw Storage.error(this, "In[0] and In[1] must have broadcastable batch dimensions: "
                        + Shape.of(ad).toBracketString() + " vs. " + Shape.of(bd).toBracketString());
            }
            batch[i] = da == 1 ? db : da;
        }
        return batch;
    }

    /** Batch dimension {@code fromEnd} positions before the matrix axes, 1 where the operand has none. */
    private static int dimFromBatchEnd(int[] dims, int fromEnd) {
        int index = dims.length - 3 - fromEnd;
        return index >= 0 ? dims[index] : 1;
    }

    @Override
    public Tensor compute(Tensor[] inputs, TensorSpec output) {
        int[] out = output.shape().toArray();
        int batchRank = out.length - 2;
        int[] batch = Arrays.copyOf(out, batchRank);
        Tensor a = inputs[0], b = inputs[1];
        int m = out[batchRank], n = out[batchRank + 1];
        int k = a.shape().get(transposeA ? -2 : -1);
        Object data = Storage.allocate(output);
        Storage.kernels().matmul(batch, m, n, k, operandView(a, batchRank, batch, transposeA),
                operandView(b, batchRank, batch, transposeB), data);
        return Storage.wrap(output, data);
    }

    /** Strides for {@code batch..., rows, cols} with zero strides on broadcast batch axes. */
    private static Strided operandView(Tensor t, int batchRank, int[] batch, boolean transpose) {
        Strided v = Storage.view(t);
        int[] dims = t.shape().toArray(), strides = v.strides();
        int rank = dims.length;
        int[] s = new int[batchRank + 2];
        for (int i = 0; i < batchRank; i++) {
            int src = rank - 2 - (batchRank - i);
            s[i] = src >= 0 && dims[src] == batch[i] ? strides[src] : 0;
        }
        s[batchRank] = strides[rank - (transpose ? 1 : 2)];
        s[batchRank + 1] = strides[rank - (transpose ? 2 : 1)];
        return new Strided(v.data(), v.offset(), s);
    }
}
