package dev.jtensor.accel.simd;

import static org.junit.jupiter.api.Assertions.*;

import dev.jtensor.accel.BinaryOp;
import dev.jtensor.accel.Parallel;
import dev.jtensor.accel.ReduceOp;
import dev.jtensor.accel.Strided;
import dev.jtensor.accel.UnaryOp;
import java.util.Arrays;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The SIMD kernels on random shapes and layouts give the same bits on one thread, on two, and
 * again on two (the warm half of {@link KernelDeterminismTest}, which also covers cold calls).
 * Shapes reach the sizes at which the kernels split work over threads.
 */
class KernelDeterminismPropertyTest {

    private final SimdKernels simd = new SimdKernels();

    @Provide
    Arbitrary<Integer> extents() {
        return Arbitraries.oneOf(Arbitraries.integers().between(1, 40), Arbitraries.integers().between(1, 700),
                Arbitraries.of(1, 3, 17, 257, 1000, 4099));
    }

    @Property(tries = 60)
    void reductionsAreDeterministic(@ForAll("extents") int d0, @ForAll("extents") int d1, @ForAll("extents") int d2,
                                    @ForAll @IntRange(min = 1, max = 3) int rank, @ForAll @IntRange(min = 1, max = 7) int mask,
                                    @ForAll @IntRange(min = 0, max = 2) int layout, @ForAll boolean f64, @ForAll long seed) {
        int[] shape = fit(Arrays.copyOf(new int[] {d0, d1, d2}, rank), 1 << 19);
        boolean[] reduced = new boolean[rank];
        int outputs = 1;
        for (int d = 0; d < rank; d++) {
            reduced[d] = (mask >> d & 1) == 1;
            if (!reduced[d]) outputs *= shape[d];
        }
        Strided x = view(shape, layout, f64, seed);
        int outs = outputs;
        for (ReduceOp op : new ReduceOp[] {ReduceOp.SUM, ReduceOp.MAX, ReduceOp.MIN, ReduceOp.PROD}) {
            assertDeterministic(op + " " + Arrays.toString(shape) + " mask " + mask + " layout " + layout, () -> {
                Object out = f64 ? new double[outs] : new float[outs];
                simd.reduce(op, shape, reduced, x, out);
                return out;
            });
        }
    }

    /** One or two rows long enough that their blocks are shared by the threads. */
    @Property(tries = 20)
    void longRowReductionsAreDeterministic(@ForAll @IntRange(min = 1, max = 2) int rows,
                                           @ForAll @IntRange(min = 1 << 17, max = 1 << 20) int length,
                                           @ForAll boolean f64, @ForAll long seed) {
        int[] shape = {rows, length};
        Strided x = view(shape, 0, f64, seed);
        for (ReduceOp op : new ReduceOp[] {ReduceOp.SUM, ReduceOp.MAX}) {
            assertDeterministic(op + " " + Arrays.toString(shape), () -> {
                Object out = f64 ? new double[rows] : new float[rows];
                simd.reduce(op, shape, new boolean[] {false, true}, x, out);
                return out;
            });
        }
    }

    @Property(tries = 60)
    void matmulIsDeterministic(@ForAll("extents") int m, @ForAll("extents") int n, @ForAll("extents") int k,
                               @ForAll @IntRange(min = 1, max = 3) int batch, @ForAll boolean transposeA,
                               @ForAll boolean transposeB, @ForAll boolean f64, @ForAll long seed) {
        int[] mnk = fit(new int[] {m, n, k}, (1 << 24) / batch);
        int rows = mnk[0], cols = mnk[1], depth = mnk[2];
        Strided a = new Strided(KernelDeterminism.data(f64, batch * rows * depth, seed), 0,
                transposeA ? new int[] {rows * depth, 1, rows} : new int[] {rows * depth, depth, 1});
        Strided b = new Strided(KernelDeterminism.data(f64, batch * depth * cols, seed + 1), 0,
                transposeB ? new int[] {depth * cols, 1, depth} : new int[] {depth * cols, cols, 1});
        assertDeterministic("matmul " + batch + " x " + rows + "x" + cols + "x" + depth + (transposeA ? " A^T" : "")
                + (transposeB ? " B^T" : ""), () -> {
            Object out = f64 ? new double[batch * rows * cols] : new float[batch * rows * cols];
            simd.matmul(new int[] {batch}, rows, cols, depth, a, b, out);
            return out;
        });
    }

    @Property(tries = 60)
    void elementwiseIsDeterministic(@ForAll("extents") int d0, @ForAll("extents") int d1,
                                    @ForAll @IntRange(min = 0, max = 2) int layout, @ForAll boolean f64, @ForAll long seed) {
        int[] shape = fit(new int[] {d0, d1}, 1 << 19);
        Strided x = view(shape, layout, f64, seed), y = view(shape, 0, f64, seed + 1);
        int n = (int) size(shape);
        for (UnaryOp op : UnaryOp.values()) {
            if (op == UnaryOp.LOGICAL_NOT) continue;
            assertDeterministic(op + " " + Arrays.toString(shape) + " layout " + layout, () -> {
                Object out = f64 ? new double[n] : new float[n];
                simd.unary(op, shape, x, Strided.contiguous(out, shape));
                return out;
            });
        }
        for (BinaryOp op : new BinaryOp[] {BinaryOp.ADD, BinaryOp.DIVIDE, BinaryOp.POW, BinaryOp.MINIMUM}) {
            assertDeterministic(op + " " + Arrays.toString(shape) + " layout " + layout, () -> {
                Object out = f64 ? new double[n] : new float[n];
                simd.binary(op, shape, x, y, Strided.contiguous(out, shape));
                return out;
            });
        }
        Object xs = KernelDeterminism.data(f64, n, seed), ys = KernelDeterminism.data(f64, n, seed + 2);
        assertDeterministic("axpy " + n, () -> {
            Object out = f64 ? new double[n] : new float[n];
            simd.axpy(n, -1.7, xs, ys, out);
            return out;
        });
    }

    /** The same call on one thread, two, and two again: the same bits. */
    private static void assertDeterministic(String what, Supplier<Object> call) {
        int previous = Parallel.setMaxThreads(1);
        try {
            Object one = KernelDeterminism.bits(call.get());
            Parallel.setMaxThreads(2);
            Object two = KernelDeterminism.bits(call.get()), again = KernelDeterminism.bits(call.get());
            assertTrue(Arrays.deepEquals(new Object[] {one}, new Object[] {two}), what + ": 1 and 2 threads differ");
            assertTrue(Arrays.deepEquals(new Object[] {two}, new Object[] {again}), what + ": two calls differ");
        } finally {
            Parallel.setMaxThreads(previous);
        }
    }

    /** A view of {@code shape}: 0 contiguous, 1 transposed (axes reversed), 2 every second element. */
    private static Strided view(int[] shape, int layout, boolean f64, long seed) {
        int n = (int) size(shape), rank = shape.length;
        Object data = KernelDeterminism.data(f64, layout == 2 ? 2 * n : n, seed);
        int[] strides = new int[rank];
        if (layout == 1) {
            for (int d = 0, s = 1; d < rank; d++) {
                strides[d] = s;
                s *= shape[d];
            }
        } else {
            for (int d = rank - 1, s = layout == 2 ? 2 : 1; d >= 0; d--) {
                strides[d] = s;
                s *= shape[d];
            }
        }
        return new Strided(data, 0, strides);
    }

    /** {@code dims} with the largest halved until their product is at most {@code limit}: big, not huge. */
    private static int[] fit(int[] dims, long limit) {
        while (size(dims) > limit) {
            int largest = 0;
            for (int d = 1; d < dims.length; d++) if (dims[d] > dims[largest]) largest = d;
            dims[largest] = (dims[largest] + 1) / 2;
        }
        return dims;
    }

    private static long size(int[] shape) {
        long n = 1;
        for (int d : shape) n *= d;
        return n;
    }
}
