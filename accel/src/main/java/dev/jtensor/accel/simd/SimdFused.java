package dev.jtensor.accel.simd;

import dev.jtensor.accel.FusedProgram;
import dev.jtensor.accel.ScalarKernels;
import dev.jtensor.accel.StridedLoops.Layout;
import dev.jtensor.accel.Strided;
import java.util.Arrays;

/**
 * {@link FusedProgram}s on the SIMD rows: the output's rows in chunks of {@link SimdKernels#CHUNK},
 * each register a chunk of one per-thread scratch array (inputs with unit inner stride are read in
 * place, others staged), each step the row loop its unfused op uses, the last step written straight
 * into the output. Chunks start at the same multiples of {@code CHUNK} as the unfused kernels'
 * pieces, so vector tails fall where theirs do and the bits are the same.
 */
final class SimdFused {

    private static final ScalarKernels SCALAR = new ScalarKernels();
    private static final int[] UNIT = {1};

    private SimdFused() {
    }

    /**
     * Runs the program, or returns false (doing nothing) where the scalar kernels must: other
     * dtypes, a strided output. Unary ops without a vector loop run the scalar definition on the
     * chunk, as their unfused kernel does.
     */
    static boolean run(FusedProgram program, int[] shape, Strided[] inputs, Strided out) {
        Object od = out.data();
        if (!(od instanceof float[] || od instanceof double[])) return false;
        for (Strided in : inputs) {
            if (in.data().getClass() != od.getClass()) return false;
        }
        for (FusedProgram.Step step : program.steps()) {
            if (step instanceof FusedProgram.Binary b && !FloatRows.supports(b.op())) return false;
        }
        int n = inputs.length;
        Strided[] operands = Arrays.copyOf(inputs, n + 1);
        operands[n] = out;
        Layout layout = Layout.merge(shape, operands);
        int[] offsets = Layout.offsets(operands);
        if (!SimdKernels.unitInner(layout, n)) return false;
        int chunk = SimdKernels.chunk(layout), registers = program.result() + 1;
        boolean float32 = od instanceof float[];
        SimdKernels.rows(layout, offsets, () -> float32 ? new float[registers * chunk] : new double[registers * chunk],
                (off, len, scratch) -> {
                    Object[] data = new Object[registers];
                    int[] at = new int[registers];
                    for (int c = 0; c < len; c += chunk) {
                        int m = Math.min(chunk, len - c);
                        for (int k = 0; k < n; k++) {
                            int stride = layout.shape().length == 0 ? 1 : layout.innerStride(k);
                            if (stride == 1) {
                                data[k] = inputs[k].data();
                                at[k] = off[k] + c;
                            } else {
                                SimdKernels.stage(inputs[k].data(), off[k] + c * stride, stride, scratch, k * chunk, m);
                                data[k] = scratch;
                                at[k] = k * chunk;
                            }
                        }
                        for (int i = 0; i < program.steps().size(); i++) {
                            int r = n + i;
                            boolean last = r == program.result();
                            data[r] = last ? od : scratch;
                            at[r] = last ? off[n] + c : r * chunk;
                            switch (program.steps().get(i)) {
                                case FusedProgram.Unary u when FloatRows.supports(u.op()) ->
                                        SimdKernels.unaryRow(u.op(), data[u.x()], at[u.x()], data[r], at[r], m);
                                case FusedProgram.Unary u -> SCALAR.unary(u.op(), new int[] {m},   // as the unfused kernel falls back
                                        new Strided(data[u.x()], at[u.x()], UNIT), new Strided(data[r], at[r], UNIT));
                                case FusedProgram.Binary b -> SimdKernels.binaryRow(b.op(), data[b.x()], at[b.x()],
                                        data[b.y()], at[b.y()], data[r], at[r], m);
                                case FusedProgram.Constant k -> {
                                    if (data[r] instanceof float[] f) Arrays.fill(f, at[r], at[r] + m, (float) k.value());
                                    else Arrays.fill((double[]) data[r], at[r], at[r] + m, k.value());
                                }
                            }
                        }
                    }
                });
        return true;
    }
}
