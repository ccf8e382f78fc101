package dev.jtensor.accel;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kernel that writes an output writes all of it and never reads it, as
 * {@link Backend#allocate} (an uncleared array) requires: each case runs once into a zeroed
 * buffer and once into one filled with garbage (NaN, {@code 0x7f} bytes, true), and both results
 * must be equal. Covers the scalar and the SIMD kernels on empty and size-1 dimensions, strided,
 * transposed and broadcast operands, sizes that take the parallel paths, {@code k == 0} matmuls
 * and reductions over empty axes. {@link Kernels#segmentSum} adds into its output by contract and
 * is left out.
 */
class FreshOutputTest {

    /** Elements enough for the SIMD kernels to split the work over threads. */
    private static final int BIG = (1 << 17) + 5;

    /** One kernel call writing an output of {@code size} elements of {@code type}. */
    record Case(String name, Class<?> type, int size, BiConsumer<Kernels, Object> run) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> cases() {
        List<Kernels> backends = List.of(new ScalarKernels(), KernelProvider.choose("simd"));
        return backends.stream().flatMap(k -> allCases().stream().map(c -> Arguments.of(k.name(), k, c)));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("cases")
    void writesEveryOutputElementAndReadsNone(String backend, Kernels kernels, Case c) {
        Object zeroed = HostArrays.allocate(c.type(), c.size());
        c.run().accept(kernels, zeroed);
        Object garbage = garbage(c.type(), c.size());
        c.run().accept(kernels, garbage);
        assertTrue(Arrays.deepEquals(new Object[] {zeroed}, new Object[] {garbage}),
                () -> c + " left or read uninitialised output: " + describe(zeroed) + " vs " + describe(garbage));
    }

    @Test
    void theCheckCatchesAKernelThatSkipsAnElement() {
        var skipsLast = new Case("skips the last element", float.class, 3, (k, out) -> ((float[]) out)[0] = 1);
        assertThrows(AssertionError.class,
                () -> writesEveryOutputElementAndReadsNone("test", new ScalarKernels(), skipsLast));
    }

    @Test
    void theBuildAllocatesUncleared() {
        // the build passes the JVM option, so the fast path is what the other tests exercise
        assertTrue(HostArrays.uninitializedAvailable(), "run the tests with " + HostArrays.EXPORTS_OPTION);
        float[] a = (float[]) HostArrays.allocateUninitialized(float.class, 1000);
        assertEquals(1000, a.length);
        assertInstanceOf(boolean[].class, HostArrays.allocateUninitialized(boolean.class, 10_000));
        assertArrayEquals(new float[1 << 20], (float[]) HostArrays.allocateUninitialized(float.class, 1 << 20));
        assertArrayEquals(new long[3], (long[]) HostArrays.allocateUninitialized(long.class, 3));
        assertThrows(IllegalArgumentException.class, () -> HostArrays.allocateUninitialized(char.class, 1000));
    }

    private static List<Case> allCases() {
        List<Case> cases = new ArrayList<>();
        elementwise(cases);
        reductions(cases);
        linearAlgebra(cases);
        indexing(cases);
        return cases;
    }

    private static void elementwise(List<Case> cases) {
        for (int[] shape : new int[][] {{0}, {1}, {5}, {3, 1, 4}, {2, 0, 3}, {BIG}}) {
            int n = size(shape);
            float[] x = floats(n);
            for (UnaryOp op : new UnaryOp[] {UnaryOp.EXP, UnaryOp.SIGN}) {
                cases.add(new Case(op + " " + Arrays.toString(shape), float.class, n,
                        (k, out) -> k.unary(op, shape, Strided.contiguous(x, shape), Strided.contiguous(out, shape))));
            }
            cases.add(new Case("ADD " + Arrays.toString(shape), float.class, n, (k, out) ->
                    k.binary(BinaryOp.ADD, shape, Strided.contiguous(x, shape), Strided.contiguous(x, shape),
                            Strided.contiguous(out, shape))));
            cases.add(new Case("LESS " + Arrays.toString(shape), boolean.class, n, (k, out) ->
                    k.binary(BinaryOp.LESS, shape, Strided.contiguous(x, shape), Strided.contiguous(floats(n, 7), shape),
                            Strided.contiguous(out, shape))));
            cases.add(new Case("fill " + n, int.class, n, (k, out) -> k.fill(n, 3, out)));
            cases.add(new Case("axpy " + n, float.class, n, (k, out) -> k.axpy(n, 0.5, x, floats(n, 3), out)));
        }
        float[] m = floats(12);
        int[] t = {4, 3};
        Strided transposed = new Strided(m, 0, new int[] {1, 4});   // the transpose of a 3 x 4 matrix
        cases.add(new Case("NEGATIVE transposed", float.class, 12,
                (k, out) -> k.unary(UnaryOp.NEGATIVE, t, transposed, Strided.contiguous(out, t))));
        cases.add(new Case("ABS int", int.class, 12,
                (k, out) -> k.unary(UnaryOp.ABS, t, Strided.contiguous(ints(12), t), Strided.contiguous(out, t))));
        cases.add(new Case("LOGICAL_NOT bool", boolean.class, 12,
                (k, out) -> k.unary(UnaryOp.LOGICAL_NOT, t, Strided.contiguous(bools(12), t), Strided.contiguous(out, t))));
        // a row broadcast over 600 rows (parallel), a column broadcast, a transposed operand
        int[] wide = {600, 300};
        float[] big = floats(600 * 300), row = floats(300, 5), column = floats(5, 9);
        cases.add(new Case("ADD row broadcast", float.class, 600 * 300, (k, out) -> k.binary(BinaryOp.ADD, wide,
                Strided.contiguous(big, wide), new Strided(row, 0, new int[] {0, 1}), Strided.contiguous(out, wide))));
        int[] tall = {5, 9};
        cases.add(new Case("MULTIPLY column broadcast", double.class, 45, (k, out) -> k.binary(BinaryOp.MULTIPLY, tall,
                Strided.contiguous(doubles(45), tall), new Strided(doubles(5), 0, new int[] {1, 0}),
                Strided.contiguous(out, tall))));
        cases.add(new Case("SUBTRACT transposed", float.class, 12, (k, out) -> k.binary(BinaryOp.SUBTRACT, t,
                transposed, Strided.contiguous(floats(12, 2), t), Strided.contiguous(out, t))));
        cases.add(new Case("FLOOR_MOD long", long.class, 12, (k, out) -> k.binary(BinaryOp.FLOOR_MOD, t,
                Strided.contiguous(longs(12), t), new Strided(new long[] {5}, 0, new int[2]), Strided.contiguous(out, t))));
        cases.add(new Case("ADD scalar", float.class, 1, (k, out) ->
                k.binary(BinaryOp.ADD, new int[0], new Strided(column, 2, new int[0]), new Strided(column, 3, new int[0]),
                        new Strided(out, 0, new int[0]))));
        // select: dense, with a broadcast scalar operand, and big
        for (int[] shape : new int[][] {{4, 5}, {BIG}, {0, 3}}) {
            int n = size(shape);
            cases.add(new Case("select " + Arrays.toString(shape), float.class, n, (k, out) -> k.select(shape,
                    Strided.contiguous(bools(n), shape), Strided.contiguous(floats(n), shape),
                    new Strided(new float[] {-1}, 0, new int[shape.length]), Strided.contiguous(out, shape))));
        }
        cases.add(new Case("select int", int.class, 12, (k, out) -> k.select(t, Strided.contiguous(bools(12), t),
                Strided.contiguous(ints(12), t), Strided.contiguous(ints(12), t), Strided.contiguous(out, t))));
        // copy: same type strided, casts both ways, to integers and to bool, big
        cases.add(new Case("copy transposed", float.class, 12, (k, out) -> k.copy(t, transposed, Strided.contiguous(out, t))));
        for (Class<?> to : List.of(double.class, int.class, boolean.class, long.class)) {
            cases.add(new Case("copy float to " + to, to, 12,
                    (k, out) -> k.copy(t, Strided.contiguous(m, t), Strided.contiguous(out, t))));
        }
        int[] line = {BIG};
        cases.add(new Case("copy float to double, big", double.class, BIG,
                (k, out) -> k.copy(line, Strided.contiguous(floats(BIG), line), Strided.contiguous(out, line))));
        cases.add(new Case("copy double to float", float.class, 45,
                (k, out) -> k.copy(tall, Strided.contiguous(doubles(45), tall), Strided.contiguous(out, tall))));
        cases.add(new Case("copy broadcast", float.class, 45,
                (k, out) -> k.copy(tall, new Strided(column, 0, new int[] {1, 0}), Strided.contiguous(out, tall))));
        cases.add(new Case("fill bool", boolean.class, 300, (k, out) -> k.fill(300, 1, out)));
        cases.add(new Case("fill zero", double.class, 300, (k, out) -> k.fill(300, 0, out)));
        cases.add(new Case("axpy double big", double.class, BIG, (k, out) -> k.axpy(BIG, -2, doubles(BIG), doubles(BIG), out)));
    }

    private static void reductions(List<Case> cases) {
        // {shape, reduced axes as 0/1}: empty reduced axes give the identity
        int[][][] layouts = {
            {{3, 0}, {0, 1}}, {{0, 3}, {1, 0}}, {{0}, {1}}, {{4, 5}, {1, 0}}, {{4, 5}, {0, 1}}, {{4, 5}, {1, 1}},
            {{3, 4, 5}, {1, 0, 1}}, {{2, 1, 3}, {0, 1, 0}}, {{BIG}, {1}}, {{600, 300}, {1, 0}}, {{600, 300}, {0, 1}},
        };
        for (int[][] layout : layouts) {
            int[] shape = layout[0];
            boolean[] reduced = new boolean[shape.length];
            int outSize = 1;
            for (int d = 0; d < shape.length; d++) {
                reduced[d] = layout[1][d] == 1;
                if (!reduced[d]) outSize *= shape[d];
            }
            int n = size(shape), outs = outSize;
            String where = Arrays.toString(shape) + " over " + Arrays.toString(layout[1]);
            for (ReduceOp op : ReduceOp.values()) {
                cases.add(new Case(op + " " + where, float.class, outs,
                        (k, out) -> k.reduce(op, shape, reduced, Strided.contiguous(floats(n), shape), out)));
            }
            cases.add(new Case("SUM double " + where, double.class, outs,
                    (k, out) -> k.reduce(ReduceOp.SUM, shape, reduced, Strided.contiguous(doubles(n), shape), out)));
            cases.add(new Case("MAX int " + where, int.class, outs,
                    (k, out) -> k.reduce(ReduceOp.MAX, shape, reduced, Strided.contiguous(ints(n), shape), out)));
            cases.add(new Case("ANY bool " + where, boolean.class, outs,
                    (k, out) -> k.reduce(ReduceOp.ANY, shape, reduced, Strided.contiguous(bools(n), shape), out)));
        }
        int[] s = {3, 4};
        Strided x = new Strided(floats(12), 0, new int[] {1, 3});   // transposed
        cases.add(new Case("SUM transposed", float.class, 3,
                (k, out) -> k.reduce(ReduceOp.SUM, s, new boolean[] {false, true}, x, out)));
        for (int axis = 0; axis < 2; axis++) {
            int ax = axis, outs = axis == 0 ? 4 : 3;
            cases.add(new Case("argmax axis " + axis, long.class, outs, (k, out) -> k.argReduce(true, s, ax, x, (long[]) out)));
            cases.add(new Case("argmin int axis " + axis, long.class, outs,
                    (k, out) -> k.argReduce(false, s, ax, Strided.contiguous(ints(12), s), (long[]) out)));
            for (boolean exclusive : new boolean[] {false, true}) {
                for (boolean reverse : new boolean[] {false, true}) {
                    String how = "axis " + axis + (exclusive ? " exclusive" : "") + (reverse ? " reverse" : "");
                    cases.add(new Case("cumsum " + how, float.class, 12,
                            (k, out) -> k.cumulative(false, s, ax, exclusive, reverse, x, out)));
                    cases.add(new Case("cumprod long " + how, long.class, 12,
                            (k, out) -> k.cumulative(true, s, ax, exclusive, reverse, Strided.contiguous(longs(12), s), out)));
                }
            }
        }
        cases.add(new Case("argmax single", long.class, 3,
                (k, out) -> k.argReduce(true, new int[] {3, 1}, 1, Strided.contiguous(floats(3), new int[] {3, 1}), (long[]) out)));
    }

    private static void linearAlgebra(List<Case> cases) {
        // {m, n, k}: empty depth (C must be zeros), vector shapes, tiny, packed, parallel, narrow
        int[][] sizes = {{3, 4, 0}, {0, 4, 3}, {1, 5, 7}, {5, 1, 7}, {2, 3, 4}, {33, 17, 20}, {130, 70, 60}, {200, 3, 50}};
        for (int[] mnk : sizes) {
            int m = mnk[0], n = mnk[1], k = mnk[2];
            String name = "matmul " + m + "x" + n + "x" + k;
            cases.add(new Case(name, float.class, m * n, (kernels, out) -> kernels.matmul(new int[0], m, n, k,
                    Strided.contiguous(floats(m * k), new int[] {m, k}), Strided.contiguous(floats(k * n, 1), new int[] {k, n}), out)));
            cases.add(new Case(name + " double", double.class, m * n, (kernels, out) -> kernels.matmul(new int[0], m, n, k,
                    Strided.contiguous(doubles(m * k), new int[] {m, k}), Strided.contiguous(doubles(k * n), new int[] {k, n}), out)));
            cases.add(new Case(name + " int", int.class, m * n, (kernels, out) -> kernels.matmul(new int[0], m, n, k,
                    Strided.contiguous(ints(m * k), new int[] {m, k}), Strided.contiguous(ints(k * n), new int[] {k, n}), out)));
            // batch of 3 with B broadcast over the batch and A transposed
            cases.add(new Case(name + " batched", float.class, 3 * m * n, (kernels, out) -> kernels.matmul(new int[] {3}, m, n, k,
                    new Strided(floats(3 * m * k), 0, new int[] {m * k, 1, Math.max(m, 1)}),
                    new Strided(floats(k * n, 2), 0, new int[] {0, n, 1}), out)));
        }
        cases.add(new Case("matmul empty batch", float.class, 0, (kernels, out) -> kernels.matmul(new int[] {0}, 2, 2, 2,
                new Strided(new float[0], 0, new int[] {4, 2, 1}), new Strided(new float[0], 0, new int[] {4, 2, 1}), out)));
        double[] wellConditioned = {4, 1, 0, 1, 5, 2, 0, 2, 6, 3, 1, 1, 1, 4, 0, 1, 0, 7};
        cases.add(new Case("inverse", double.class, 18, (k, out) -> k.matrixInverse(2, 3, wellConditioned, out)));
        cases.add(new Case("inverse float", float.class, 18, (k, out) -> k.matrixInverse(2, 3, floats(wellConditioned), out)));
        cases.add(new Case("inverse 0x0", double.class, 0, (k, out) -> k.matrixInverse(2, 0, new double[0], out)));
        cases.add(new Case("determinant", float.class, 2, (k, out) -> k.matrixDeterminant(2, 3, floats(wellConditioned), out)));
        cases.add(new Case("determinant 0x0", double.class, 2, (k, out) -> k.matrixDeterminant(2, 0, new double[0], out)));
    }

    private static void indexing(List<Case> cases) {
        float[] params = floats(2 * 5 * 3);
        cases.add(new Case("gather", float.class, 2 * 3 * 3,
                (k, out) -> k.gather(params, 2, 5, 3, new int[] {4, 0, 4}, out)));
        cases.add(new Case("gather long", long.class, 4, (k, out) -> k.gather(longs(6), 1, 6, 1, new int[] {5, 1, 0, 2}, out)));
        cases.add(new Case("gather no indices", float.class, 0, (k, out) -> k.gather(params, 2, 5, 3, new int[0], out)));
        cases.add(new Case("gather empty rows", float.class, 0, (k, out) -> k.gather(new float[0], 2, 5, 0, new int[] {1, 2}, out)));
    }

    // ---------------------------------------------------------------- data

    private static Object garbage(Class<?> type, int size) {
        Object a = HostArrays.allocate(type, size);
        switch (a) {
            case float[] f -> Arrays.fill(f, Float.NaN);
            case double[] d -> Arrays.fill(d, Double.NaN);
            case int[] i -> Arrays.fill(i, 0x7f7f7f7f);
            case long[] l -> Arrays.fill(l, 0x7f7f7f7f7f7f7f7fL);
            case boolean[] b -> Arrays.fill(b, true);
            default -> throw new AssertionError(type);
        }
        return a;
    }

    private static String describe(Object array) {
        String s = Arrays.deepToString(new Object[] {array});
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    private static int size(int[] shape) {
        int n = 1;
        for (int d : shape) n *= d;
        return n;
    }

    private static float[] floats(int n) {
        return floats(n, 0);
    }

    /** Values in [-2, 2) without a pattern a wrong index would reproduce. */
    private static float[] floats(int n, int seed) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = ((i * 37 + seed * 11) % 101) / 25.25f - 2;
        return a;
    }

    private static float[] floats(double[] values) {
        float[] a = new float[values.length];
        for (int i = 0; i < a.length; i++) a[i] = (float) values[i];
        return a;
    }

    private static double[] doubles(int n) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) a[i] = ((i * 53) % 97) / 24.0 - 2;
        return a;
    }

    private static int[] ints(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = (i * 7) % 11 - 5;
        return a;
    }

    private static long[] longs(int n) {
        long[] a = new long[n];
        for (int i = 0; i < n; i++) a[i] = (i * 5) % 9 - 3;
        return a;
    }

    private static boolean[] bools(int n) {
        boolean[] a = new boolean[n];
        for (int i = 0; i < n; i++) a[i] = (i * 3) % 5 < 2;
        return a;
    }
}
