package dev.jtensor.ops;

import dev.jtensor.DType;
import dev.jtensor.Tensor;
import dev.jtensor.accel.Backend;
import dev.jtensor.accel.UnaryOp;

/**
 * An elementwise function of one tensor; the output has the input's dtype and shape. Functions
 * such as {@code exp} need a floating-point input, {@code logicalNot} a bool one; {@code neg},
 * {@code abs}, {@code sign}, {@code square} and {@code relu} take any number type.
 *
 * @param op the function, defined in {@link dev.jtensor.accel.ScalarKernels}
 */
public record Unary(UnaryOp op) implements Primitive {

    public Unary {
        Primitives.nonNull("Unary", "op", op);
    }

    @Override
    public String name() {
        return switch (op) {
            case NEGATIVE -> "Neg";
            case ABS -> "Abs";
            case SIGN -> "Sign";
            case SQUARE -> "Square";
            case RELU -> "Relu";
            case RECIPROCAL -> "Reciprocal";
            case SQRT -> "Sqrt";
            case RSQRT -> "Rsqrt";
            case EXP -> "Exp";
            case LOG -> "Log";
            case LOG1P -> "Log1p";
            case EXPM1 -> "Expm1";
            case SIN -> "Sin";
            case COS -> "Cos";
            case TANH -> "Tanh";
            case SIGMOID -> "Sigmoid";
            case SOFTPLUS -> "Softplus";
            case FLOOR -> "Floor";
            case CEIL -> "Ceil";
            case ROUND -> "Round";
            case LOGICAL_NOT -> "LogicalNot";
        };
    }

    @Override
    public TensorSpec infer(TensorSpec... inputs) {
        Primitives.arity(this, inputs, 1);
        if (op == UnaryOp.LOGICAL_NOT) {
            Primitives.requireDType(this, inputs[0], 0, DType.BOOL);
        } else if (op.integerDefined()) {
            Primitives.requireNumeric(this, inputs[0], 0);
        } else {
            Primitives.requireFloating(this, inputs[0], 0);
        }
        return inputs[0];
    }

    @Override
    public Tensor compute(Backend backend, Tensor[] inputs, TensorSpec output) {
        Object out = Primitives.allocate(backend, output);
        backend.kernels().unary(op, output.shape().toArray(), Primitives.view(inputs[0]),
                Primitives.dense(out, output.shape()));
        return Primitives.wrap(backend, output, out);
    }
}
