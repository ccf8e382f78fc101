package dev.jtensor.autodiff;

import static dev.jtensor.TF.*;

import dev.jtensor.Tensor;
import dev.jtensor.internal.Inputs;
import dev.jtensor.ops.Dispatch;
import dev.jtensor.ops.ApplyGradientDescent;
import dev.jtensor.ops.ApplyUpdate;
import dev.jtensor.ops.ArgReduce;
import dev.jtensor.ops.AssignVariable;
import dev.jtensor.ops.Binary;
import dev.jtensor.ops.BroadcastTo;
import dev.jtensor.ops.Call;
import dev.jtensor.ops.Cast;
import dev.jtensor.ops.Concat;
import dev.jtensor.ops.Conv2D;
import dev.jtensor.ops.Cumulative;
import dev.jtensor.ops.Fill;
import dev.jtensor.ops.FusedElementwise;
import dev.jtensor.ops.Gather;
import dev.jtensor.ops.ImagePatches;
import dev.jtensor.ops.ImagePatchesAdjoint;
import dev.jtensor.ops.MatMul;
import dev.jtensor.ops.MatrixDeterminant;
import dev.jtensor.ops.MatrixInverse;
import dev.jtensor.ops.Pad;
import dev.jtensor.ops.Primitive;
import dev.jtensor.ops.RandomDraw;
import dev.jtensor.ops.ReadVariable;
import dev.jtensor.ops.Reduce;
import dev.jtensor.ops.Reshape;
import dev.jtensor.ops.SegmentSum;
import dev.jtensor.ops.Select;
import dev.jtensor.ops.ShapeOf;
import dev.jtensor.ops.StopGradient;
import dev.jtensor.ops.StridedSlice;
import dev.jtensor.ops.ToDevice;
import dev.jtensor.ops.Transpose;
import dev.jtensor.ops.Unary;
import java.util.function.Supplier;

/**
 * The gradient of every primitive: given the inputs {@code x}, the output {@code y} and the
 * gradient {@code g} of the output, the gradients of the inputs ({@code null} for inputs that are
 * not differentiable: integers, booleans, indices). Rules use only public ops, so a backward pass
 * is itself differentiable. The {@code switch} is exhaustive over the sealed primitive set: a new
 * primitive without a rule does not compile.
 *
 * <p>Broadcasting is undone in exactly one place, the {@link BroadcastTo} rule: elementwise and
 * matmul frontends broadcast with explicit {@code BroadcastTo} views, so every other rule sees
 * operands of matching shapes.
 */
public final class GradientTable {

    private GradientTable() {
    }

    /**
     * The gradients of {@code p}'s inputs, one per input, null where there is none. Rules whose
     * inputs' gradients cost real work (matmul, products, quotients) skip inputs whose
     * {@code needed} entry is false, as TensorFlow's tape does for sources it does not track.
     */
    public static Tensor[] gradients(Primitive p, Tensor[] x, Tensor y, Tensor g, boolean[] needed) {
        Inputs.nonNull(p, "GradientTable.gradients", "p");
        Inputs.nonNull(x, "GradientTable.gradients", "x");
        Inputs.nonNull(y, "GradientTable.gradients", "y");
        Inputs.nonNull(g, "GradientTable.gradients", "g");
        Inputs.nonNull(needed, "GradientTable.gradients", "needed");
        return switch (p) {
            case Unary u -> of(UnaryGradients.of(u.op(), x[0], y, g));
            case Binary b -> BinaryGradients.of(b.op(), x[0], x[1], y, g, needed);
            case Select s -> of(null, where(x[0], g, zeros(g.dtype())), where(x[0], zeros(g.dtype()), g));
            case Reduce r -> of(ReductionGradients.reduce(r, x[0], y, g));
            case ArgReduce a -> of((Tensor) null);
            case Cumulative c -> of(c.product()
                    ? ReductionGradients.cumprodGradient(c, x[0], y, g)
                    : cumsum(g, c.axis(), c.exclusive(), !c.reverse()));
            case MatMul m -> matmulGradients(m, x[0], x[1], g, needed);
            case Reshape r -> of(reshape(g, x[0].shape().toArray()));
            case Transpose t -> of(transpose(g, t.inverse()));
            // a shape donor's values are never read: no gradient
            case BroadcastTo b -> x.length == 1 ? of(ShapeGradients.sumToShape(g, x[0].shape()))
                    : of(ShapeGradients.sumToShape(g, x[0].shape()), null);
            case StridedSlice s -> of(ShapeGradients.stridedSlice(s, x[0], g));
            case Concat c -> ShapeGradients.concat(c, x, g);
            case Pad pad -> of(ShapeGradients.unpad(pad, x[0], g));
            case Gather gather -> of(ShapeGradients.gather(gather, x[0], x[1], g), null);
            case SegmentSum s -> of(ShapeGradients.segmentSum(x[0], x[1], g), null);
            case Cast c -> of(x[0].dtype().isFloating() && c.dtype().isFloating() ? cast(g, x[0].dtype()) : null);
            // d(A^-1) = -A^-T g A^-T
            case MatrixInverse inv -> of(matmul(matmul(y, g, true, false), y, false, true).neg());
            // d det(A) = det(A) A^-T
            case MatrixDeterminant det -> of(expandDims(expandDims(g.mul(y), -1), -1)
                    .mul(matrixTranspose(matrixInverse(x[0]))));
            case StopGradient s -> of((Tensor) null);
            case Fill f -> of(reduceSum(g));
            // state and randomness: reads and draws have no tensor inputs; updates are not differentiable
            case ReadVariable r -> of();
            case RandomDraw r -> of();
            case AssignVariable a -> of((Tensor) null);
            case ApplyGradientDescent a -> of(null, null);
            case ApplyUpdate u -> of(new Tensor[x.length]);
            case Call c -> c.body().gradient(x, y, g, needed);
            case ToDevice t -> of(g.to(x[0].device()));
            case ShapeOf s -> of((Tensor) null);
            case FusedElementwise f -> FusedGradients.of(f, x, g);
            // linear maps, each the other's adjoint (a pad value is a constant: no gradient)
            case ImagePatches patches -> of(ShapeGradients.imagePatches(patches, x[0], g));
            case ImagePatchesAdjoint a -> of(Dispatch.apply(new ImagePatches(a.windows(), 0), g));
            case Conv2D c -> ConvolutionGradients.conv2d(c, x[0], x[1], g, needed);
        };
    }

    private static Tensor[] matmulGradients(MatMul m, Tensor a, Tensor b, Tensor g, boolean[] needed) {
        boolean ta = m.transposeA(), tb = m.transposeB();
        if (!ta && !tb) return lazy(needed, () -> matmul(g, b, false, true), () -> matmul(a, g, true, false));
        if (!ta) return lazy(needed, () -> matmul(g, b), () -> matmul(g, a, true, false));
        if (!tb) return lazy(needed, () -> matmul(b, g, false, true), () -> matmul(a, g));
        return lazy(needed, () -> matmul(b, g, true, true), () -> matmul(g, a, true, true));
    }

    /** The two gradients of a binary rule, each computed only if it is needed. */
    static Tensor[] lazy(boolean[] needed, Supplier<Tensor> first, Supplier<Tensor> second) {
        return new Tensor[] {needed[0] ? first.get() : null, needed[1] ? second.get() : null};
    }

    private static Tensor[] of(Tensor... grads) {
        return grads;
    }
}
