package dev.jtensor.ops;

import dev.jtensor.DType;
import dev.jtensor.Shape;
import dev.jtensor.Tensor;
import dev.jtensor.accel.Backend;
import dev.jtensor.accel.BinaryOp;

/**
 * An elementwise function of two tensors of the same dtype and shape (the frontend broadcasts
 * with {@link BroadcastTo} first; an unknown dimension matches any). Arithmetic keeps the dtype, comparisons and logical ops give
 * bool; {@code DIVIDE} needs floating point, logical ops need bool.
 *
 * @param op the function, defined in {@link dev.jtensor.accel.ScalarKernels}
 */
public record Binary(BinaryOp op) implements Primitive {

    public Binary {
        Primitives.nonNull("Binary", "op", op);
    }

    @Override
    public String name() {
        return switch (op) {
            case ADD -> "AddV2";
            case SUBTRACT -> "Sub";
            case MULTIPLY -> "Mul";
            case DIVIDE -> "RealDiv";
            case FLOOR_DIV -> "FloorDiv";
            case FLOOR_MOD -> "FloorMod";
            case TRUNCATE_DIV -> "TruncateDiv";
            case POW -> "Pow";
            case MAXIMUM -> "Maximum";
            case MINIMUM -> "Minimum";
            case EQUAL -> "Equal";
            case NOT_EQUAL -> "NotEqual";
            case LESS -> "Less";
            case LESS_EQUAL -> "LessEqual";
            case GREATER -> "Greater";
            case GREATER_EQUAL -> "GreaterEqual";
            case LOGICAL_AND -> "LogicalAnd";
            case LOGICAL_OR -> "LogicalOr";
        };
    }

    @Override
    public TensorSpec infer(TensorSpec... inputs) {
        Primitives.arity(this, inputs, 2);
        TensorSpec a = inputs[0], b = inputs[1];
        Primitives.requireSameDType(this, a, b, 1);
        Shape shape = Primitives.elementwiseShape(this, a.shape(), b.shape());
        switch (op.kind()) {
            case LOGICAL -> Primitives.requireDType(this, a, 0, DType.BOOL);
            case COMPARISON -> { }
            case ARITHMETIC -> {
                if (op == BinaryOp.DIVIDE) {
                    Primitives.requireFloating(this, a, 0);
                } else {
                    Primitives.requireNumeric(this, a, 0);
                }
            }
        }
        if (op.kind() != BinaryOp.Kind.ARITHMETIC) {
            return new TensorSpec(DType.BOOL, shape);
        }
        return shape == a.shape() ? a : new TensorSpec(a.dtype(), shape);
    }

    @Override
    public Tensor compute(Backend backend, Tensor[] inputs, TensorSpec output) {
        Object out = Primitives.allocate(backend, output);
        backend.kernels().binary(op, output.shape().toArray(), Primitives.view(inputs[0]), Primitives.view(inputs[1]),
                Primitives.dense(out, output.shape()));
        return Primitives.wrap(backend, output, out);
    }
}
