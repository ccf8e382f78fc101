package dev.jtensor.proptests;

import static dev.jtensor.TF.*;
import static dev.jtensor.proptests.Domain.ANY;
import static dev.jtensor.proptests.Domain.WELL_CONDITIONED;

import java.util.List;

/**
 * Catalogue entries for linear algebra: matmul with transposes and broadcast batch axes, and the
 * inverse and determinant of well-conditioned matrices.
 */
final class LinalgSpecs {

    private LinalgSpecs() {
    }

    static List<GradientSpec<?>> all() {
        return List.of(
                GradientSpec.of("matmul(a, b)", Layouts.matmul(false), (xs, p) -> matmul(xs.get(0), xs.get(1)), ANY, ANY),
                GradientSpec.of("matmul(a, b, transposeA, transposeB)", Layouts.matmul(true),
                        (xs, p) -> matmul(xs.get(0), xs.get(1), p.transposeA(), p.transposeB()), ANY, ANY),
                GradientSpec.of("matrixInverse(x)", Layouts.squareMatrices(), (xs, p) -> matrixInverse(xs.get(0)),
                        WELL_CONDITIONED),
                GradientSpec.of("matrixDeterminant(x)", Layouts.squareMatrices(),
                        (xs, p) -> matrixDeterminant(xs.get(0)), WELL_CONDITIONED));
    }
}
