package dev.jtensor.autodiff;

import static dev.jtensor.TF.*;
import static dev.jtensor.autodiff.GradientTable.lazy;

import dev.jtensor.Tensor;
import dev.jtensor.accel.BinaryOp;

/** Gradient rules of the elementwise functions of two arguments (operands already share a shape). */
final class BinaryGradients {

    private BinaryGradients() {
    }

    static Tensor[] of(BinaryOp op, Tensor a, Tensor b, Tensor y, Tensor g, boolean[] needed) {
        return switch (op) {
            case ADD -> pair(g, g);
            case SUBTRACT -> lazy(needed, () -> g, g::neg);
            case MULTIPLY -> lazy(needed, () -> g.mul(b), () -> g.mul(a));
            case DIVIDE -> lazy(needed, () -> g.div(b), () -> g.mul(a).div(b.square()).neg());
            case FLOOR_MOD -> lazy(needed, () -> g, () -> g.mul(floorDiv(a, b)).neg());
            case POW -> lazy(needed, () -> g.mul(b).mul(a.pow(b.sub(1))), () -> g.mul(y).mul(safeLog(a)));
            // ties go to the first operand for maximum, as TensorFlow's GreaterEqual mask does
            case MAXIMUM -> split(a.greaterEqual(b), g, needed);
            case MINIMUM -> split(a.lessEqual(b), g, needed);
            case FLOOR_DIV, TRUNCATE_DIV, EQUAL, NOT_EQUAL, LESS, LESS_EQUAL, GREATER, GREATER_EQUAL, LOGICAL_AND,
                 LOGICAL_OR -> pair(null, null);
        };
    }

    /** {@code log(a)} where {@code a > 0}, else 0, so that {@code 0^b} has a finite exponent gradient. */
    private static Tensor safeLog(Tensor a) {
        Tensor positive = a.greater(0);
        return where(positive, log(where(positive, a, onesLike(a))), zerosLike(a));
    }

    private static Tensor[] split(Tensor firstWins, Tensor g, boolean[] needed) {
        Tensor zeros = zeros(g.dtype()); // a scalar: where broadcasts it without a buffer
        return lazy(needed, () -> where(firstWins, g, zeros), () -> where(firstWins, zeros, g));
    }

    private static Tensor[] pair(Tensor ga, Tensor gb) {
        return new Tensor[] {ga, gb};
    }
}
