package dev.jtensor.nn.losses;

import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Tensor;
import dev.jtensor.internal.Inputs;

/**
 * Keras's {@code squeeze_or_expand_to_same_rank}: two tensors whose ranks differ by one, the longer
 * ending in a dimension of 1, are brought to one rank, so that labels of shape {@code (batch,)} meet
 * predictions of shape {@code (batch, 1)} and per-sample weights meet per-sample losses.
 *
 * {@snippet :
 * SameRank pair = SameRank.of(TF.zeros(4), TF.zeros(4, 1));    // both (4, 1): a rank-1 side is expanded
 * SameRank pair2 = SameRank.of(TF.zeros(4, 3), TF.zeros(4, 3, 1)); // both (4, 3): the longer is squeezed
 * }
 *
 * @param first  the first tensor, possibly squeezed or expanded
 * @param second the second tensor, possibly squeezed or expanded
 */
public record SameRank(Tensor first, Tensor second) {

    /** @throws InvalidArgumentException if a tensor is null */
    public SameRank {
        Inputs.nonNull(first, "SameRank", "first");
        Inputs.nonNull(second, "SameRank", "second");
    }

    /**
     * Aligns {@code x1} and {@code x2}: if one has rank one more than the other and its last
     * dimension is 1, the shorter is expanded when it has rank 1, otherwise the longer is squeezed.
     * Any other pair is returned as given.
     */
    public static SameRank of(Tensor x1, Tensor x2) {
        Inputs.nonNull(x1, "SameRank.of", "x1");
        Inputs.nonNull(x2, "SameRank.of", "x2");
        int r1 = x1.rank(), r2 = x2.rank();
        if (r1 == r2 + 1 && x1.shape().get(r1 - 1) == 1) {
            return r2 == 1 ? new SameRank(x1, x2.expandDims(-1)) : new SameRank(x1.squeeze(-1), x2);
        }
        if (r2 == r1 + 1 && x2.shape().get(r2 - 1) == 1) {
            return r1 == 1 ? new SameRank(x1.expandDims(-1), x2) : new SameRank(x1, x2.squeeze(-1));
        }
        return new SameRank(x1, x2);
    }
}
