package dev.jtensor.proptests;

import static dev.jtensor.TF.*;
import static dev.jtensor.proptests.Domain.ANY;

import dev.jtensor.Tensor;
import dev.jtensor.proptests.Params.Split;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Catalogue entries for ops that move elements: reshape, transpose, expandDims, squeeze,
 * broadcastTo, stack/unstack, concat/split, tile, pad, gather and NumPy indexing. Ops that return a
 * list are checked through a function of all the pieces, so every piece's gradient counts.
 */
final class ShapeSpecs {

    private ShapeSpecs() {
    }

    static List<GradientSpec<?>> all() {
        return List.of(
                GradientSpec.of("reshape(x, shape)", Layouts.reshape(), (xs, p) -> reshape(xs.get(0), p.values()), ANY),
                GradientSpec.of("transpose(x, perm)", Layouts.transpose(), (xs, p) -> transpose(xs.get(0), p.values()), ANY),
                GradientSpec.of("matrixTranspose(x)", Layouts.rankAtLeast(2), (xs, p) -> matrixTranspose(xs.get(0)), ANY),
                GradientSpec.of("expandDims(x, axis)", Layouts.expandDims(), (xs, p) -> expandDims(xs.get(0), p.axis()), ANY),
                GradientSpec.of("squeeze(x, axes)", Layouts.squeeze(), (xs, p) -> squeeze(xs.get(0), p.values()), ANY),
                GradientSpec.of("broadcastTo(x, shape)", Layouts.broadcastTo(),
                        (xs, p) -> broadcastTo(xs.get(0), p.values()), ANY),
                GradientSpec.of("stack(values, axis)", Layouts.stack(3), (xs, p) -> stack(xs, p.axis()), ANY, ANY, ANY),
                GradientSpec.of("stack(a, b, c)", Layouts.same(3), (xs, p) -> stack(xs.get(0), xs.get(1), xs.get(2)),
                        ANY, ANY, ANY),
                GradientSpec.of("unstack(x, axis)", Layouts.axisOf(1),
                        (xs, p) -> weightedSum(unstack(xs.get(0), p.axis()), xs.get(0), p.axis()), ANY),
                GradientSpec.of("x.unstack(axis)", Layouts.axisOf(1),
                        (xs, p) -> weightedSum(xs.get(0).unstack(p.axis()), xs.get(0), p.axis()), ANY),
                GradientSpec.of("concat(values, axis)", Layouts.concat(3), (xs, p) -> concat(xs, p.axis()), ANY, ANY, ANY),
                GradientSpec.of("split(x, parts, axis)", Layouts.split(true),
                        (xs, p) -> reversedConcat(split(xs.get(0), p.parts(), p.axis()), p), ANY),
                GradientSpec.of("split(x, sizes, axis)", Layouts.split(false),
                        (xs, p) -> reversedConcat(split(xs.get(0), p.sizes(), p.axis()), p), ANY),
                GradientSpec.of("tile(x, multiples)", Layouts.tile(), (xs, p) -> tile(xs.get(0), p.values()), ANY),
                GradientSpec.of("pad(x, paddings)", Layouts.pad(), (xs, p) -> pad(xs.get(0), p.paddings()), ANY),
                GradientSpec.of("pad(x, paddings, value)", Layouts.pad(),
                        (xs, p) -> pad(xs.get(0), p.paddings(), p.value()), ANY),
                GradientSpec.of("gather(params, indices, axis)", Layouts.gather(),
                        (xs, p) -> gather(xs.get(0), p.tensor(), p.axis()), ANY),
                GradientSpec.of("gather(params, indices...)", Layouts.gatherRows(),
                        (xs, p) -> gather(xs.get(0), p.indices()), ANY),
                GradientSpec.of("unsortedSegmentSum(data, ids, segments)", Layouts.segments(),
                        (xs, p) -> unsortedSegmentSum(xs.get(0), p.tensor(), p.count()), ANY),
                GradientSpec.of("x.get(Index...)", Slicing.index(), (xs, p) -> xs.get(0).get(p.items()), ANY),
                GradientSpec.of("x.get(int...)", Slicing.integers(), (xs, p) -> xs.get(0).get(p.values()), ANY));
    }

    /** {@code sum_i (i + 1) * pieces[i]}: zeros of a piece's shape when there are no pieces. */
    private static Tensor weightedSum(List<Tensor> pieces, Tensor x, int axis) {
        if (pieces.isEmpty()) {
            int[] dims = x.shape().toArray();
            int a = axis < 0 ? axis + dims.length : axis;
            List<Integer> rest = new ArrayList<>();
            for (int d = 0; d < dims.length; d++) if (d != a) rest.add(dims[d]);
            return zeros(x.dtype(), rest.stream().mapToInt(Integer::intValue).toArray());
        }
        Tensor sum = pieces.get(0);
        for (int i = 1; i < pieces.size(); i++) sum = sum.add(pieces.get(i).mul(i + 1.0));
        return sum;
    }

    /** The pieces joined again in reverse order: every piece reaches the output, at a new place. */
    private static Tensor reversedConcat(List<Tensor> pieces, Split p) {
        List<Tensor> reversed = new ArrayList<>(pieces);
        Collections.reverse(reversed);
        return concat(reversed, p.axis());
    }
}
