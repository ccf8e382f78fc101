package dev.jtensor.proptests;

import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Where building a catalogue case on placeholders whose dimensions are all unknown is not
 * expected to give the eager values, for {@link GraphForwardProperties}: refusals by design (a
 * clear error while the graph is built, as TensorFlow gives), specs whose function reads the
 * inputs' static shapes, and the library's known gaps, each named so that it can be fixed and
 * struck off.
 */
final class UnknownDimensionLimits {

    /** Fragments of the build-time errors of ops that cannot build before a size is known, by design. */
    private static final List<String> BY_DESIGN = List.of(
            // StridedSlice: an index or bound counting from the end, or a negative step; Split into equal parts
            "of unknown size",
            // Unpack: the number of outputs is the axis's size (TensorFlow's own message)
            "Cannot infer argument `num`",
            // ExpandDims of a tensor with more than one unknown dimension, Tile of a partly unknown shape:
            // refused while building with this message until supported
            "is not supported yet",
            // TF.nn's convolution and pooling: only an image's batch dimension may be unknown
            "only an image's batch dimension may be unknown");

    /** A case the library does not handle on unknown dimensions today. */
    private record Gap(String what, Predicate<Case> applies) {
    }

    private static final List<Gap> GAPS = List.of(
            new Gap("the spec's function reads the input's static shape (x.size(), x.shape())",
                    c -> List.of("x.reshape(-1)", "x.broadcastTo(2, ...)").contains(c.spec().name())),
            // ARCHITECTURE.md, "Unknown dimensions": two unknown dimensions meeting in a broadcast are assumed equal
            new Gap("limit: an elementwise op of broadcasting shapes ([5] and [1]) on unknown dimensions builds without a "
                    + "BroadcastTo and fails when it runs: 'Incompatible shapes: [5] vs. [1] [Op:AddV2]' from Binary.infer",
                    c -> c.spec().broadcastable() && !allSameShape(c.inputs())),
            new Gap("limit: matmul of broadcasting batch dimensions on unknown dimensions fails when it runs: 'In[0] and "
                    + "In[1] must have the same batch dimensions: [4,1,3,3] vs. [1,1,3,1] [Op:MatMul]'",
                    c -> c.spec().name().startsWith("matmul(") && !sameBatch(c.inputs())),
            new Gap("gap: squeeze of an unknown dimension is refused ('Can not squeeze dim[0], expected a dimension of 1, "
                    + "got ?'), where TensorFlow assumes it is 1 and checks when it runs",
                    c -> c.spec().name().equals("squeeze(x, axes)")));

    private UnknownDimensionLimits() {
    }

    /** Whether a build-time error is one of the documented refusals. */
    static boolean rejectedByDesign(InvalidArgumentException e) {
        String message = String.valueOf(e.getMessage());
        return BY_DESIGN.stream().anyMatch(message::contains);
    }

    /** The known gap that covers {@code c}, if any. */
    static Optional<String> knownGap(Case c) {
        return GAPS.stream().filter(gap -> gap.applies().test(c)).map(Gap::what).findFirst();
    }

    private static boolean allSameShape(List<Tensor> xs) {
        return xs.stream().map(Tensor::shape).distinct().count() <= 1;
    }

    /** Whether the matmul operands have the same batch dimensions (all but the last two). */
    private static boolean sameBatch(List<Tensor> xs) {
        int[] a = xs.get(0).shape().toArray(), b = xs.get(1).shape().toArray();
        return Arrays.equals(a, 0, Math.max(0, a.length - 2), b, 0, Math.max(0, b.length - 2));
    }
}
