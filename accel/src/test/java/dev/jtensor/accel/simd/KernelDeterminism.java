package dev.jtensor.accel.simd;

import dev.jtensor.accel.BinaryOp;
import dev.jtensor.accel.KernelProvider;
import dev.jtensor.accel.Kernels;
import dev.jtensor.accel.Parallel;
import dev.jtensor.accel.ReduceOp;
import dev.jtensor.accel.Strided;
import dev.jtensor.accel.UnaryOp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Runs every kernel of the backend {@link KernelProvider#kernels()} chooses (SIMD unless
 * {@code -Djtensor.backend} says otherwise) on awkward sizes and layouts, first cold (in a fresh
 * JVM that is the interpreter), then again once the JIT has compiled the kernels and on 1, 2 and 3
 * threads, and prints each case whose bits changed; exits with status 1 if any did. Started in its
 * own JVM by {@link KernelDeterminismTest}, with {@code -Djtensor.threads=3}.
 */
public final class KernelDeterminism {

    /** Sizes around vector lengths, unroll widths and the 4096-element sum runs. */
    static final int[] SIZES = {1, 3, 17, 257, 1000, 4099};
    /** Elements enough for the kernels to split work over threads ({@code SimdKernels.PARALLEL_MIN} is 2^17). */
    static final int BIG = 300_007;
    /** Warm-up rounds; a case of {@code work} elements runs in one round of every {@code work / 512}. */
    static final int ROUNDS = 1500;

    /** One kernel call; {@code run} returns a fresh output. */
    record Case(String name, long work, Supplier<Object> run) {
    }

    private static final Kernels K = KernelProvider.kernels();

    private KernelDeterminism() {
    }

    public static void main(String[] args) {
        List<Case> cases = cases();
        List<Object> cold = new ArrayList<>();
        for (Case c : cases) cold.add(bits(c.run().get()));
        for (int round = 0; round < ROUNDS; round++) {
            for (Case c : cases) {
                if (round % Math.max(1, c.work() / 512) == 0) c.run().get();
            }
        }
        List<String> failures = new ArrayList<>();
        for (int threads = 1; threads <= 3; threads++) {
            Parallel.setMaxThreads(threads);
            for (int i = 0; i < cases.size(); i++) {
                Object warm = bits(cases.get(i).run().get());
                if (!Arrays.deepEquals(new Object[] {cold.get(i)}, new Object[] {warm})) {
                    failures.add(cases.get(i).name() + " on " + threads + " thread(s): cold and warm bits differ");
                }
            }
        }
        failures.forEach(System.out::println);
        System.out.println(K.name() + ": " + cases.size() + " cases, " + failures.size() + " failures");
        System.exit(failures.isEmpty() ? 0 : 1);
    }

    /** Results as comparable bits; NaNs canonical, as Java does not promise their payloads. */
    static Object bits(Object result) {
        return switch (result) {
            case float[] f -> {
                int[] b = new int[f.length];
                for (int i = 0; i < f.length; i++) b[i] = Float.floatToIntBits(f[i]);
                yield b;
            }
            case double[] d -> {
                long[] b = new long[d.length];
                for (int i = 0; i < d.length; i++) b[i] = Double.doubleToLongBits(d[i]);
                yield b;
            }
            default -> result;
        };
    }

    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (boolean f64 : new boolean[] {false, true}) {
            String type = f64 ? " f64" : " f32";
            elementwise(cases, f64, type);
            reductions(cases, f64, type);
            linearAlgebra(cases, f64, type);
        }
        integers(cases);
        return cases;
    }

    private static void elementwise(List<Case> cases, boolean f64, String type) {
        List<int[]> shapes = new ArrayList<>();
        for (int n : SIZES) shapes.add(new int[] {n});
        shapes.add(new int[] {BIG});
        for (int[] shape : shapes) {
            int n = shape[0];
            // contiguous, every second element, reversed
            Strided[] views = {Strided.contiguous(data(f64, n, 1), shape), new Strided(data(f64, 2 * n, 2), 1, new int[] {2}),
                new Strided(data(f64, n, 3), n - 1, new int[] {-1})};
            String[] names = {"", " strided", " reversed"};
            for (int v = 0; v < (n == BIG ? 1 : views.length); v++) {   // staging is the same code at any size
                Strided x = views[v], y = Strided.contiguous(data(f64, n, 4), shape);
                String where = type + " " + n + names[v];
                for (UnaryOp op : UnaryOp.values()) {
                    if (op == UnaryOp.LOGICAL_NOT) continue;
                    cases.add(new Case(op + where, n, () -> unary(op, shape, x, f64)));
                }
                for (BinaryOp op : BinaryOp.values()) {
                    if (op.kind() == BinaryOp.Kind.LOGICAL) continue;
                    boolean compare = op.kind() == BinaryOp.Kind.COMPARISON;
                    cases.add(new Case(op + where, n, () -> {
                        Object out = compare ? new boolean[n] : array(f64, n);
                        K.binary(op, shape, x, y, Strided.contiguous(out, shape));
                        return out;
                    }));
                }
                Strided c = Strided.contiguous(bools(n), shape);
                cases.add(new Case("select" + where, n, () -> {
                    Object out = array(f64, n);
                    K.select(shape, c, x, y, Strided.contiguous(out, shape));
                    return out;
                }));
                cases.add(new Case("copy to other float" + where, n, () -> {
                    Object out = array(!f64, n);
                    K.copy(shape, x, Strided.contiguous(out, shape));
                    return out;
                }));
                cases.add(new Case("copy to int" + where, n, () -> {
                    int[] out = new int[n];
                    K.copy(shape, x, Strided.contiguous(out, shape));
                    return out;
                }));
            }
            Object xs = data(f64, n, 5), ys = data(f64, n, 6);
            cases.add(new Case("axpy" + type + " " + n, n, () -> {
                Object out = array(f64, n);
                K.axpy(n, 0.3, xs, ys, out);
                return out;
            }));
            cases.add(new Case("fill" + type + " " + n, n, () -> {
                Object out = array(f64, n);
                K.fill(n, 0.1, out);
                return out;
            }));
        }
        // 2-D: a transposed operand, a broadcast row and column
        int[] shape = {37, 29};
        Strided t = new Strided(data(f64, 37 * 29, 7), 0, new int[] {1, 37});
        Strided row = new Strided(data(f64, 29, 8), 0, new int[] {0, 1}), column = new Strided(data(f64, 37, 9), 0, new int[] {1, 0});
        for (BinaryOp op : List.of(BinaryOp.ADD, BinaryOp.DIVIDE, BinaryOp.MAXIMUM, BinaryOp.POW, BinaryOp.LESS)) {
            cases.add(new Case(op + type + " transposed and broadcast", 37 * 29, () -> {
                Object out = op == BinaryOp.LESS ? new boolean[37 * 29] : array(f64, 37 * 29);
                K.binary(op, shape, t, row, Strided.contiguous(out, shape));
                K.binary(op, shape, column, t, Strided.contiguous(out, shape));
                return out;
            }));
        }
        cases.add(new Case("SQRT" + type + " transposed", 37 * 29, () -> unary(UnaryOp.SQRT, shape, t, f64)));
        cases.add(new Case("select" + type + " broadcast", 37 * 29, () -> {
            Object out = array(f64, 37 * 29);
            K.select(shape, Strided.contiguous(bools(37 * 29), shape), row, column, Strided.contiguous(out, shape));
            return out;
        }));
        cases.add(new Case("copy" + type + " transposed", 37 * 29, () -> {
            Object out = array(f64, 37 * 29);
            K.copy(shape, t, Strided.contiguous(out, shape));
            return out;
        }));
    }

    private static void reductions(List<Case> cases, boolean f64, String type) {
        // {shape, reduced axes as 0/1}: rows per output, whole rows into the output, strided, all
        List<int[][]> layouts = new ArrayList<>();
        for (int n : SIZES) {
            layouts.add(new int[][] {{n}, {1}});
            layouts.add(new int[][] {{5, n}, {0, 1}});
            layouts.add(new int[][] {{5, n}, {1, 0}});
            layouts.add(new int[][] {{3, n, 2}, {1, 0, 1}});
            layouts.add(new int[][] {{3, n, 2}, {0, 1, 0}});
        }
        layouts.add(new int[][] {{BIG}, {1}});                    // one long row: its blocks over threads
        layouts.add(new int[][] {{1_000_003}, {1}});              // 16 blocks: a float64 sum shows their order
        layouts.add(new int[][] {{2, 1_000_003}, {0, 1}});        // fewer rows than threads
        layouts.add(new int[][] {{1000, 257}, {0, 1}});           // many rows over threads
        layouts.add(new int[][] {{1000, 257}, {1, 0}});           // columns over threads
        layouts.add(new int[][] {{70_001, 3}, {1, 0}});
        for (int[][] layout : layouts) {
            int[] shape = layout[0];
            boolean[] reduced = new boolean[shape.length];
            int n = 1, outs = 1;
            for (int d = 0; d < shape.length; d++) {
                reduced[d] = layout[1][d] == 1;
                n *= shape[d];
                if (!reduced[d]) outs *= shape[d];
            }
            int size = n, outputs = outs;
            Strided x = Strided.contiguous(cancelling(f64, n), shape);
            String where = type + " " + Arrays.toString(shape) + " over " + Arrays.toString(layout[1]);
            for (ReduceOp op : List.of(ReduceOp.SUM, ReduceOp.PROD, ReduceOp.MAX, ReduceOp.MIN)) {
                cases.add(new Case(op + where, size, () -> {
                    Object out = array(f64, outputs);
                    K.reduce(op, shape, reduced, x, out);
                    return out;
                }));
            }
        }
        for (int n : SIZES) {
            int[] shape = {n, 7};
            Strided t = new Strided(cancelling(f64, 7 * n), 0, new int[] {1, n});   // the transpose of 7 x n
            for (int axis = 0; axis < 2; axis++) {
                int ax = axis, outs = axis == 0 ? 7 : n;
                String where = type + " " + n + "x7 transposed, axis " + axis;
                cases.add(new Case("SUM" + where, 7L * n, () -> {
                    Object out = array(f64, outs);
                    K.reduce(ReduceOp.SUM, shape, new boolean[] {ax == 0, ax == 1}, t, out);
                    return out;
                }));
                cases.add(new Case("argmax" + where, 7L * n, () -> {
                    long[] out = new long[outs];
                    K.argReduce(true, shape, ax, t, out);
                    return out;
                }));
                cases.add(new Case("argmin" + where, 7L * n, () -> {
                    long[] out = new long[outs];
                    K.argReduce(false, shape, ax, t, out);
                    return out;
                }));
                for (boolean product : new boolean[] {false, true}) {
                    for (int how = 0; how < 4; how++) {
                        boolean exclusive = (how & 1) != 0, reverse = (how & 2) != 0;
                        cases.add(new Case((product ? "cumprod" : "cumsum") + where + (exclusive ? " exclusive" : "")
                                + (reverse ? " reverse" : ""), 7L * n, () -> {
                            Object out = array(f64, 7 * n);
                            K.cumulative(product, shape, ax, exclusive, reverse, t, out);
                            return out;
                        }));
                    }
                }
            }
        }
    }

    private static void linearAlgebra(List<Case> cases, boolean f64, String type) {
        // {m, n, k}: vector x matrix, matrix x vector (both also parallel), tiny, packed, narrow, parallel
        int[][] sizes = {{1, 257, 17}, {1, 4099, 100}, {257, 1, 1000}, {4099, 1, 100}, {1, 1, 4099}, {3, 17, 1},
            {3, 3, 3}, {17, 17, 17}, {33, 17, 20}, {200, 3, 50}, {130, 70, 60}, {3, 1000, 257}};
        for (int[] mnk : sizes) {
            int m = mnk[0], n = mnk[1], k = mnk[2];
            Object a = data(f64, m * k, 10), b = data(f64, k * n, 11);
            // A and B each row-major or transposed (column-major)
            for (int layout = 0; layout < 4; layout++) {
                int[] aStrides = (layout & 1) == 0 ? new int[] {k, 1} : new int[] {1, m};
                int[] bStrides = (layout & 2) == 0 ? new int[] {n, 1} : new int[] {1, k};
                Strided as = new Strided(a, 0, aStrides), bs = new Strided(b, 0, bStrides);
                cases.add(new Case("matmul" + type + " " + m + "x" + n + "x" + k + ((layout & 1) == 0 ? "" : " A^T")
                        + ((layout & 2) == 0 ? "" : " B^T"), (long) m * n * k, () -> {
                    Object out = array(f64, m * n);
                    K.matmul(new int[0], m, n, k, as, bs, out);
                    return out;
                }));
            }
        }
        // an odd batch of small entries, B broadcast: entries are split over threads, and 9 rows
        // into a block of 8 (a tile's height) and a block of one row, a tiny product on its own
        int batch = 1601;
        Strided a = Strided.contiguous(data(f64, batch * 9 * 4, 12), new int[] {batch, 9, 4});
        Strided b = new Strided(data(f64, 4 * 8, 13), 0, new int[] {0, 8, 1});
        cases.add(new Case("matmul" + type + " batched 1601 x 9x8x4", batch * 288L, () -> {
            Object out = array(f64, batch * 72);
            K.matmul(new int[] {batch}, 9, 8, 4, a, b, out);
            return out;
        }));
        for (int n : new int[] {1, 3, 17}) {
            Object in = wellConditioned(f64, 3, n);
            cases.add(new Case("matrixInverse" + type + " 3 x " + n + "x" + n, 3L * n * n * n, () -> {
                Object out = array(f64, 3 * n * n);
                K.matrixInverse(3, n, in, out);
                return out;
            }));
            cases.add(new Case("matrixDeterminant" + type + " 3 x " + n + "x" + n, 3L * n * n * n, () -> {
                Object out = array(f64, 3);
                K.matrixDeterminant(3, n, in, out);
                return out;
            }));
        }
        for (int inner : new int[] {1, 17, 257}) {
            Object params = data(f64, 5 * 9 * inner, 14);
            int[] indices = {8, 0, 3, 3, 7};
            cases.add(new Case("gather" + type + " inner " + inner, 25L * inner, () -> {
                Object out = array(f64, 5 * indices.length * inner);
                K.gather(params, 5, 9, inner, indices, out);
                return out;
            }));
            int[] ids = {0, 2, -1, 2, 0, 1, 2};
            Object rows = data(f64, ids.length * inner, 15);
            cases.add(new Case("segmentSum" + type + " inner " + inner, (long) ids.length * inner, () -> {
                Object out = array(f64, 3 * inner);
                K.segmentSum(rows, inner, ids, out);
                return out;
            }));
        }
    }

    /** int32 kernels: elementwise, reductions, matmul (all scalar today, but part of the contract). */
    private static void integers(List<Case> cases) {
        for (int n : SIZES) {
            int[] shape = {n};
            Strided x = Strided.contiguous(ints(n, 1), shape), y = Strided.contiguous(ints(n, 2), shape);
            for (BinaryOp op : List.of(BinaryOp.ADD, BinaryOp.MULTIPLY, BinaryOp.FLOOR_MOD, BinaryOp.MAXIMUM)) {
                cases.add(new Case(op + " i32 " + n, n, () -> {
                    int[] out = new int[n];
                    K.binary(op, shape, x, y, Strided.contiguous(out, shape));
                    return out;
                }));
            }
            for (ReduceOp op : List.of(ReduceOp.SUM, ReduceOp.MAX)) {
                cases.add(new Case(op + " i32 " + n, n, () -> {
                    int[] out = new int[1];
                    K.reduce(op, shape, new boolean[] {true}, x, out);
                    return out;
                }));
            }
            Strided a = Strided.contiguous(ints(3 * n, 3), new int[] {n, 3}), b = Strided.contiguous(ints(9, 4), new int[] {3, 3});
            cases.add(new Case("matmul i32 " + n + "x3x3", 9L * n, () -> {
                int[] out = new int[n * 3];
                K.matmul(new int[0], n, 3, 3, a, b, out);
                return out;
            }));
        }
    }

    // ---------------------------------------------------------------- data

    private static Object unary(UnaryOp op, int[] shape, Strided x, boolean f64) {
        int n = 1;
        for (int d : shape) n *= d;
        Object out = array(f64, n);
        K.unary(op, shape, x, Strided.contiguous(out, shape));
        return out;
    }

    private static Object array(boolean f64, int n) {
        return f64 ? new double[n] : new float[n];
    }

    /** Values of widely varying magnitude and both signs, so that any change of rounding order shows. */
    static Object data(boolean f64, int n, long seed) {
        Random r = new Random(seed * 1_000_003L + n);
        double[] d = new double[n];
        for (int i = 0; i < n; i++) d[i] = (r.nextDouble() - 0.45) * Math.scalb(1.0, r.nextInt(12) - 6);
        return f64 ? d : toFloats(d);
    }

    /**
     * Large values that nearly cancel, and small ones that round away against them: sums keep only
     * the bits that rounding decides, and any change of order shows (in double too).
     */
    private static Object cancelling(boolean f64, int n) {
        Random r = new Random(n);
        double[] d = new double[n];
        for (int i = 0; i < n; i++) d[i] = i % 3 == 2 ? r.nextGaussian() * 1e-3 : (i % 2 == 0 ? 1 : -1) * (1e4 + r.nextDouble());
        return f64 ? d : toFloats(d);
    }

    /** A batch of diagonally dominant matrices. */
    private static Object wellConditioned(boolean f64, int batch, int n) {
        Random r = new Random(n);
        double[] d = new double[batch * n * n];
        for (int i = 0; i < d.length; i++) d[i] = r.nextDouble() - 0.5 + ((i / n) % n == i % n ? n : 0);
        return f64 ? d : toFloats(d);
    }

    private static float[] toFloats(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) f[i] = (float) d[i];
        return f;
    }

    private static int[] ints(int n, int seed) {
        Random r = new Random(seed * 31L + n);
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = r.nextInt(19) - 9 | 1;   // odd: never 0, so FLOOR_MOD is defined
        return a;
    }

    private static boolean[] bools(int n) {
        Random r = new Random(n);
        boolean[] a = new boolean[n];
        for (int i = 0; i < n; i++) a[i] = r.nextBoolean();
        return a;
    }
}
