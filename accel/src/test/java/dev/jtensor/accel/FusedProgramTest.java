package dev.jtensor.accel;

import static org.junit.jupiter.api.Assertions.*;

import dev.jtensor.accel.simd.SimdKernels;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A fused program gives the bits of its ops run one by one, each into a fresh tensor, on the same
 * kernels: random chains of unary and binary ops and constants, over broadcast and strided inputs,
 * float32 and float64, small and large enough to run on several threads.
 */
class FusedProgramTest {

    private static final UnaryOp[] UNARY = {UnaryOp.NEGATIVE, UnaryOp.ABS, UnaryOp.SQUARE, UnaryOp.RELU, UnaryOp.EXP,
        UnaryOp.TANH, UnaryOp.SIGMOID, UnaryOp.SIN, UnaryOp.LOG1P, UnaryOp.SQRT, UnaryOp.RSQRT, UnaryOp.SOFTPLUS,
        UnaryOp.FLOOR};
    private static final BinaryOp[] BINARY = {BinaryOp.ADD, BinaryOp.SUBTRACT, BinaryOp.MULTIPLY, BinaryOp.DIVIDE,
        BinaryOp.MAXIMUM, BinaryOp.MINIMUM, BinaryOp.POW};

    @Test
    void fusedEqualsUnfusedBitForBit() {
        Random random = new Random(7);
        for (Kernels kernels : List.of(new ScalarKernels(), new SimdKernels())) {
            for (int trial = 0; trial < 60; trial++) {
                boolean float32 = trial % 2 == 0;
                int[] shape = trial % 10 == 9 ? new int[] {3, 70_000} : new int[] {1 + random.nextInt(5), 1 + random.nextInt(300)};
                int inputs = 1 + random.nextInt(3);
                Strided[] in = new Strided[inputs];
                for (int k = 0; k < inputs; k++) in[k] = input(random, shape, float32, k);
                FusedProgram program = randomProgram(random, inputs);
                int size = shape[0] * shape[1];
                Object fused = float32 ? new float[size] : new double[size];
                kernels.fused(program, shape, in, Strided.contiguous(fused, shape));
                Object unfused = unfused(kernels, program, shape, in, float32);
                String what = kernels.name() + " trial " + trial + " " + program;
                if (float32) assertArrayEquals((float[]) unfused, (float[]) fused, what);
                else assertArrayEquals((double[]) unfused, (double[]) fused, what);
            }
        }
    }

    @Test
    void aConstantAloneFillsTheOutput() {
        var program = new FusedProgram(0, List.of(new FusedProgram.Constant(2.5)));
        float[] out = new float[5];
        new SimdKernels().fused(program, new int[] {5}, new Strided[0], Strided.contiguous(out, new int[] {5}));
        assertArrayEquals(new float[] {2.5f, 2.5f, 2.5f, 2.5f, 2.5f}, out);
    }

    @Test
    void invalidProgramsAreRejectedWithTheStep() {
        var early = assertThrows(IllegalArgumentException.class,
                () -> new FusedProgram(1, List.of(new FusedProgram.Unary(UnaryOp.EXP, 1))));
        assertEquals("FusedProgram: step 0 has an invalid register 1", early.getMessage());
        var compare = assertThrows(IllegalArgumentException.class,
                () -> new FusedProgram(2, List.of(new FusedProgram.Binary(BinaryOp.LESS, 0, 1))));
        assertEquals("FusedProgram: step 0 has an invalid binary op LESS", compare.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new FusedProgram(1, List.of()));
    }

    /** An input of {@code shape}: contiguous, broadcast along a dimension, or a strided view of a larger array. */
    private static Strided input(Random random, int[] shape, boolean float32, int k) {
        int rows = shape[0], cols = shape[1];
        double[] values = new double[2 * rows * cols + 1];
        for (int i = 0; i < values.length; i++) values[i] = (random.nextDouble() - 0.3) * 4;
        Object data = float32 ? toFloats(values) : values;
        return switch ((k + random.nextInt(3)) % 3) {
            case 0 -> Strided.contiguous(data, shape);
            case 1 -> new Strided(data, 1, new int[] {0, 1});                // one row, broadcast down
            default -> new Strided(data, 1, new int[] {2 * cols, 2});        // every other element
        };
    }

    private static FusedProgram randomProgram(Random random, int inputs) {
        List<FusedProgram.Step> steps = new ArrayList<>();
        int length = 1 + random.nextInt(6);
        for (int i = 0; i < length; i++) {
            int registers = inputs + i;
            steps.add(switch (random.nextInt(5)) {
                case 0 -> new FusedProgram.Constant(random.nextInt(7) - 3 + 0.5);
                case 1, 2 -> new FusedProgram.Unary(UNARY[random.nextInt(UNARY.length)], random.nextInt(registers));
                default -> new FusedProgram.Binary(BINARY[random.nextInt(BINARY.length)], random.nextInt(registers),
                        random.nextInt(registers));
            });
        }
        return new FusedProgram(inputs, steps);
    }

    /** The program's ops one kernel call each, each into a fresh contiguous array (constants broadcast). */
    private static Object unfused(Kernels kernels, FusedProgram program, int[] shape, Strided[] in, boolean float32) {
        int size = shape[0] * shape[1];
        List<Strided> registers = new ArrayList<>(List.of(in));
        for (FusedProgram.Step step : program.steps()) {
            Object out = float32 ? new float[size] : new double[size];
            Strided o = Strided.contiguous(out, shape);
            switch (step) {
                case FusedProgram.Unary u -> kernels.unary(u.op(), shape, registers.get(u.x()), o);
                case FusedProgram.Binary b -> kernels.binary(b.op(), shape, registers.get(b.x()), registers.get(b.y()), o);
                case FusedProgram.Constant c -> {
                    Object scalar = float32 ? new float[] {(float) c.value()} : new double[] {c.value()};
                    kernels.copy(shape, new Strided(scalar, 0, new int[] {0, 0}), o);
                }
            }
            registers.add(o);
        }
        return registers.getLast().data();
    }

    private static float[] toFloats(double[] values) {
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) f[i] = (float) values[i];
        return f;
    }
}
