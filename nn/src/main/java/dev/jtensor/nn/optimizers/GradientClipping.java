package dev.jtensor.nn.optimizers;

import dev.jtensor.DType;
import dev.jtensor.InvalidArgumentException;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import java.util.List;

/**
 * Keras 3's gradient clipping, with tensor ops (so a traced step clips at every call): by each
 * gradient's L2 norm ({@code g * clipNorm / max(norm, clipNorm)}, a zero gradient unchanged), by
 * the global norm of all gradients ({@code g * clipNorm * min(1/norm, 1/clipNorm)}, NaN for a
 * non-finite norm), or by value. At most one of the three is set (0 means unset).
 */
record GradientClipping(String optimizer, double clipValue, double clipNorm, double globalClipNorm) {

    GradientClipping {
        int set = (clipValue > 0 ? 1 : 0) + (clipNorm > 0 ? 1 : 0) + (globalClipNorm > 0 ? 1 : 0);
        if (set > 1) {
            throw new InvalidArgumentException("Optimizer '" + optimizer + "': only one of clipNorm, clipValue and "
                    + "globalClipNorm can be set, got clipValue=" + clipValue + ", clipNorm=" + clipNorm
                    + ", globalClipNorm=" + globalClipNorm);
        }
    }

    List<Tensor> clip(List<Tensor> gradients) {
        if (clipNorm > 0) return gradients.stream().map(this::byNorm).toList();
        if (globalClipNorm > 0) return byGlobalNorm(gradients);
        if (clipValue > 0) return gradients.stream().map(g -> TF.clipByValue(g, -clipValue, clipValue)).toList();
        return gradients;
    }

    private Tensor byNorm(Tensor g) {
        Tensor l2sum = g.square().reduceSum();
        Tensor positive = l2sum.greater(0);
        // the two-tap where keeps sqrt's gradient finite at 0, as Keras writes it
        Tensor l2norm = TF.where(positive, TF.where(positive, l2sum, TF.onesLike(l2sum)).sqrt(), l2sum);
        return g.mul(clipNorm).div(l2norm.maximum(clipNorm));
    }

    private List<Tensor> byGlobalNorm(List<Tensor> gradients) {
        Tensor sum = null;
        for (Tensor g : gradients) {
            Tensor s = g.square().reduceSum().cast(DType.FLOAT64);
            sum = sum == null ? s : sum.add(s);
        }
        Tensor norm = sum.sqrt();
        Tensor scale = TF.minimum(TF.constant(1.0).div(norm), 1.0 / globalClipNorm).mul(globalClipNorm)
                .add(norm.sub(norm));   // NaN unless the norm is finite
        return gradients.stream().map(g -> g.mul(scale.cast(g.dtype()))).toList();
    }
}
