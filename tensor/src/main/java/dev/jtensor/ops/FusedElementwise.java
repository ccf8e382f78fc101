package dev.jtensor.ops;

import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Shape;
import dev.jtensor.Tensor;
import dev.jtensor.accel.Backend;
import dev.jtensor.accel.FusedProgram;
import dev.jtensor.accel.Strided;

/**
 * A chain of elementwise floating-point ops run as one kernel ({@link FusedProgram}): one pass over
 * the output, no intermediate tensors, the same bits as the ops one by one. Graph mode's fusion
 * pass makes it from {@link Unary} and {@link Binary} ops; no frontend does. Its inputs have the
 * output's shape (broadcasts stay {@link BroadcastTo} views before it) and one floating dtype.
 * Its gradient replays the program's ops.
 *
 * {@snippet :
 * // exp(x * y) + 1, in one pass
 * var fused = new FusedElementwise(new FusedProgram(2, List.of(
 *         new FusedProgram.Binary(BinaryOp.MULTIPLY, 0, 1), new FusedProgram.Unary(UnaryOp.EXP, 2),
 *         new FusedProgram.Constant(1), new FusedProgram.Binary(BinaryOp.ADD, 3, 4))));
 * Tensor z = Dispatch.apply(fused, x, y);
 * }
 *
 * @param program the ops, over registers of which the first {@code program.inputs()} are the inputs
 */
public record FusedElementwise(FusedProgram program) implements Primitive {

    public FusedElementwise {
        Primitives.nonNull("FusedElementwise", "program", program);
        if (program.inputs() == 0) {
            throw new InvalidArgumentException("FusedElementwise: the program needs at least one input, "
                    + "which gives the output its shape and dtype");
        }
    }

    @Override
    public String name() {
        return "FusedElementwise";
    }

    @Override
    public TensorSpec infer(TensorSpec... inputs) {
        Primitives.arity(this, inputs, program.inputs());
        Shape shape = inputs[0].shape();
        Primitives.requireFloating(this, inputs[0], 0);
        for (int i = 1; i < inputs.length; i++) {
            Primitives.requireSameDType(this, inputs[0], inputs[i], i);
            shape = Primitives.elementwiseShape(this, shape, inputs[i].shape());
        }
        return shape == inputs[0].shape() ? inputs[0] : new TensorSpec(inputs[0].dtype(), shape);
    }

    @Override
    public Tensor compute(Backend backend, Tensor[] inputs, TensorSpec output) {
        Object out = Primitives.allocate(backend, output);
        Strided[] views = new Strided[inputs.length];
        for (int i = 0; i < views.length; i++) views[i] = Primitives.view(inputs[i]);
        backend.kernels().fused(program, output.shape().toArray(), views, Primitives.dense(out, output.shape()));
        return Primitives.wrap(backend, output, out);
    }
}
