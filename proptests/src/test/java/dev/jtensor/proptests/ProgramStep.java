package dev.jtensor.proptests;

import dev.jtensor.TF;
import dev.jtensor.Tensor;
import java.util.function.BiFunction;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;

/**
 * One line of a random {@link Program}. Operands are back offsets: {@code 0} is the latest value
 * computed so far, {@code 1} the one before, and so on, modulo the number of values (inputs
 * included), so that any list of steps is a valid program and shrinking one keeps it valid. Steps
 * that cannot apply (a repeat with nothing to repeat, a variable step in a program without a
 * variable) are dropped when the program is resolved.
 */
sealed interface ProgramStep {

    /** {@code f(a)}, elementwise. */
    record Unary(UnaryFn f, int a) implements ProgramStep {
    }

    /** {@code f(a, b)}, elementwise with broadcasting. */
    record Binary(BinaryFn f, int a, int b) implements ProgramStep {
    }

    /** {@code f(a, c)} with a Java scalar {@code c} (a scalar constant made by the op). */
    record WithScalar(ScalarFn f, int a, double c) implements ProgramStep {
    }

    /** A scalar constant of the program's dtype. */
    record Constant(double value) implements ProgramStep {
    }

    /** A reduction over axis 0 or 1 (keeping it) or over all axes: it cuts an elementwise chain. */
    record Reduce(ReduceFn f, ReduceAxis axis, int a) implements ProgramStep {
    }

    /** {@code matmul(a, w)} for the {@code [n, n]} input {@code w}; {@code a} broadcast to {@code [m, n]} first if its last axis is not {@code n}. */
    record MatMul(int a) implements ProgramStep {
    }

    /** The step that made the value at this back offset again, on the same operands: a repeated subexpression. */
    record Again(int a) implements ProgramStep {
    }

    /** A read of the variable {@code v} (programs with a variable only). */
    record Read() implements ProgramStep {
    }

    /** {@code v.assignAdd(a)}, {@code a} broadcast to {@code v}'s shape; its value is {@code v}'s new value. */
    record AssignAdd(int a) implements ProgramStep {
    }

    /** An input of the program (never drawn: the values a program starts from). */
    record Input(String name) implements ProgramStep {
    }

    /** Elementwise functions of one tensor. */
    enum UnaryFn {
        NEGATIVE("negative", TF::negative), ABS("abs", TF::abs), SQUARE("square", TF::square), SQRT("sqrt", TF::sqrt),
        RSQRT("rsqrt", TF::rsqrt), RECIPROCAL("reciprocal", TF::reciprocal), EXP("exp", TF::exp), LOG("log", TF::log),
        LOG1P("log1p", TF::log1p), EXPM1("expm1", TF::expm1), SIN("sin", TF::sin), COS("cos", TF::cos),
        TANH("tanh", TF::tanh), SIGMOID("sigmoid", TF::sigmoid), RELU("relu", TF::relu),
        SOFTPLUS("softplus", TF::softplus), SIGN("sign", TF::sign), FLOOR("floor", TF::floor), ROUND("round", TF::round);

        final String code;
        final UnaryOperator<Tensor> apply;

        UnaryFn(String code, UnaryOperator<Tensor> apply) {
            this.code = code;
            this.apply = apply;
        }
    }

    /** Elementwise functions of two tensors. */
    enum BinaryFn {
        ADD("add", TF::add), SUBTRACT("subtract", TF::subtract), MULTIPLY("multiply", TF::multiply),
        DIVIDE("divide", TF::divide), MAXIMUM("maximum", TF::maximum), MINIMUM("minimum", TF::minimum),
        SQUARED_DIFFERENCE("squaredDifference", TF::squaredDifference), POW("pow", TF::pow);

        final String code;
        final BinaryOperator<Tensor> apply;

        BinaryFn(String code, BinaryOperator<Tensor> apply) {
            this.code = code;
            this.apply = apply;
        }
    }

    /** The Java-scalar overloads, printed as the method call they are. */
    enum ScalarFn {
        ADD("%s.add(%s)", Tensor::add), SUB("%s.sub(%s)", Tensor::sub), MUL("%s.mul(%s)", Tensor::mul),
        DIV("%s.div(%s)", Tensor::div), MAXIMUM("maximum(%s, %s)", TF::maximum), POW("pow(%s, %s)", TF::pow);

        final String code;
        final BiFunction<Tensor, Double, Tensor> apply;

        ScalarFn(String code, BiFunction<Tensor, Double, Tensor> apply) {
            this.code = code;
            this.apply = apply;
        }
    }

    /** Reductions. */
    enum ReduceFn {
        SUM("reduceSum"), MAX("reduceMax"), MEAN("reduceMean");

        final String code;

        ReduceFn(String code) {
            this.code = code;
        }

        Tensor apply(Tensor x, int[] axes, boolean keepDims) {
            return switch (this) {
                case SUM -> TF.reduceSum(x, axes, keepDims);
                case MAX -> TF.reduceMax(x, axes, keepDims);
                case MEAN -> TF.reduceMean(x, axes, keepDims);
            };
        }
    }

    /** Which axes a reduction takes. */
    enum ReduceAxis {
        ROWS, COLUMNS, ALL
    }
}
