package dev.jtensor.autodiff;

import dev.jtensor.TF;
import dev.jtensor.Tensor;
import dev.jtensor.accel.FusedProgram;
import dev.jtensor.ops.Binary;
import dev.jtensor.ops.Dispatch;
import dev.jtensor.ops.FusedElementwise;
import dev.jtensor.ops.Unary;

/**
 * The gradient of a {@link FusedElementwise}: its program's ops replayed one by one on the inputs
 * (the intermediates the fused kernel never kept), then the unary and binary rules applied in
 * reverse, as the tape would have done on the unfused ops. The replay uses public ops, so the
 * result is differentiable again.
 */
final class FusedGradients {

    private FusedGradients() {
    }

    static Tensor[] of(FusedElementwise fused, Tensor[] x, Tensor g) {
        FusedProgram program = fused.program();
        int n = program.inputs();
        Tensor[] r = new Tensor[program.result() + 1];
        System.arraycopy(x, 0, r, 0, n);
        for (int i = 0; i < program.steps().size(); i++) {
            r[n + i] = switch (program.steps().get(i)) {
                case FusedProgram.Unary u -> Dispatch.apply(new Unary(u.op()), r[u.x()]);
                case FusedProgram.Binary b -> Dispatch.apply(new Binary(b.op()), r[b.x()], r[b.y()]);
                case FusedProgram.Constant c -> TF.broadcastTo(TF.constant(c.value(), x[0].dtype()),
                        x[0].shape().toArray());
            };
        }
        Tensor[] grads = new Tensor[r.length];
        grads[program.result()] = g;
        boolean[] both = {true, true};
        for (int i = program.steps().size() - 1; i >= 0; i--) {
            Tensor gi = grads[n + i];
            if (gi == null) continue;
            switch (program.steps().get(i)) {
                case FusedProgram.Unary u -> accumulate(grads, u.x(), UnaryGradients.of(u.op(), r[u.x()], r[n + i], gi));
                case FusedProgram.Binary b -> {
                    Tensor[] ab = BinaryGradients.of(b.op(), r[b.x()], r[b.y()], r[n + i], gi, both);
                    accumulate(grads, b.x(), ab[0]);
                    accumulate(grads, b.y(), ab[1]);
                }
                case FusedProgram.Constant c -> { }
            }
        }
        Tensor[] result = new Tensor[n];
        System.arraycopy(grads, 0, result, 0, n);
        return result;
    }

    private static void accumulate(Tensor[] grads, int register, Tensor g) {
        if (g != null) grads[register] = grads[register] == null ? g : grads[register].add(g);
    }
}
