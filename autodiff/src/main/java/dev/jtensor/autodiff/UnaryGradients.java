package dev.jtensor.autodiff;

import static dev.jtensor.TF.*;

import dev.jtensor.Tensor;
import dev.jtensor.accel.UnaryOp;

/** Gradient rules of the elementwise functions of one argument: {@code g * f'(x)}. */
final class UnaryGradients {

    private UnaryGradients() {
    }

    static Tensor of(UnaryOp op, Tensor x, Tensor y, Tensor g) {
        return switch (op) {
            case NEGATIVE -> g.neg();
            case ABS -> g.mul(sign(x));
            case SIGN -> zerosLike(g);
            case SQUARE -> g.mul(x.mul(2));
            case RELU -> where(x.greater(0), g, zeros(g.dtype()));
            case RECIPROCAL -> g.mul(y.square()).neg();
            case SQRT -> g.mul(0.5).div(y);
            case RSQRT -> g.mul(y.pow(3)).mul(-0.5);
            case EXP -> g.mul(y);
            case LOG -> g.div(x);
            case LOG1P -> g.div(x.add(1));
            case EXPM1 -> g.mul(y.add(1));
            case SIN -> g.mul(cos(x));
            case COS -> g.mul(sin(x)).neg();
            case TANH -> g.mul(onesLike(y).sub(y.square()));
            case SIGMOID -> g.mul(y).mul(onesLike(y).sub(y));
            case SOFTPLUS -> g.mul(sigmoid(x));
            // piecewise constant: TensorFlow registers no gradient, and neither do we
            case FLOOR, CEIL, ROUND, LOGICAL_NOT -> null;
        };
    }
}
