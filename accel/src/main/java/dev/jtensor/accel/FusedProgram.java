package dev.jtensor.accel;

import java.util.List;

/**
 * A chain of elementwise operations that a backend runs in one pass over its output, with no
 * intermediate tensors ({@link Kernels#fused}): graph mode's fusion pass builds one from a chain of
 * unary and binary ops and their broadcasts, and a GPU backend can compile the same program into
 * one kernel. Values live in registers: registers {@code 0 .. inputs - 1} hold the inputs, step
 * {@code i} writes register {@code inputs + i}, and the last step's register is the result. Every
 * register has the output's floating dtype, and each step rounds to it as the unfused op would, so a
 * fused program gives the same bits as its ops run one by one on the same backend.
 *
 * {@snippet :
 * // out = exp(x * y) + 1
 * var program = new FusedProgram(2, List.of(
 *         new FusedProgram.Binary(BinaryOp.MULTIPLY, 0, 1),   // r2 = x * y
 *         new FusedProgram.Unary(UnaryOp.EXP, 2),              // r3 = exp(r2)
 *         new FusedProgram.Constant(1),                        // r4 = 1
 *         new FusedProgram.Binary(BinaryOp.ADD, 3, 4)));       // r5 = r3 + r4
 * }
 *
 * @param inputs how many input registers
 * @param steps  the operations, in order; at least one
 */
public record FusedProgram(int inputs, List<Step> steps) {

    /** One operation of a program. */
    public sealed interface Step permits Unary, Binary, Constant {
    }

    /** {@code op(register x)}. */
    public record Unary(UnaryOp op, int x) implements Step {
    }

    /** {@code op(register x, register y)}, an arithmetic op. */
    public record Binary(BinaryOp op, int x, int y) implements Step {
    }

    /** A constant, rounded to the program's dtype. */
    public record Constant(double value) implements Step {
    }

    /**
     * @throws IllegalArgumentException if a step reads a register not yet written, or uses an op
     *                                  that is not a floating-point elementwise one
     */
    public FusedProgram {
        if (inputs < 0 || steps == null || steps.isEmpty()) {
            throw new IllegalArgumentException("FusedProgram: needs inputs >= 0 and at least one step, got " + inputs
                    + " inputs and steps " + steps);
        }
        steps = List.copyOf(steps);
        for (int i = 0; i < steps.size(); i++) {
            int written = inputs + i;
            switch (steps.get(i)) {
                case Unary u -> {
                    if (u.op() == null || u.op() == UnaryOp.LOGICAL_NOT) throw bad(i, "unary op " + u.op());
                    if (u.x() < 0 || u.x() >= written) throw bad(i, "register " + u.x());
                }
                case Binary b -> {
                    if (b.op() == null || !fusable(b.op())) throw bad(i, "binary op " + b.op());
                    if (b.x() < 0 || b.x() >= written || b.y() < 0 || b.y() >= written) {
                        throw bad(i, "registers " + b.x() + ", " + b.y());
                    }
                }
                case Constant c -> { }
                case null -> throw bad(i, "null step");
            }
        }
    }

    /** Whether a binary op can be a step: the floating-point arithmetic ones with one rounding. */
    public static boolean fusable(BinaryOp op) {
        return switch (op) {
            case ADD, SUBTRACT, MULTIPLY, DIVIDE, POW, MAXIMUM, MINIMUM -> true;
            default -> false;
        };
    }

    private static IllegalArgumentException bad(int step, String what) {
        return new IllegalArgumentException("FusedProgram: step " + step + " has an invalid " + what);
    }

    /** The register holding the result. */
    public int result() {
        return inputs + steps.size() - 1;
    }
}
