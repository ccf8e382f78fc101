package dev.jtensor.accel;

import java.util.Arrays;

/**
 * The scalar elementwise kernels: unary, binary, select, copy, fill and axpy. Each walks its
 * operands row by row ({@link StridedLoops}), loads a row into a {@code double[]} (floating point)
 * or {@code long[]} (integers, bool) scratch row ({@link RowBuffers}), applies the definition in
 * {@link ScalarKernels#unaryRow}/{@link ScalarKernels#binaryRow} and stores the row: every element
 * of the output view is written.
 */
final class ScalarElementwise {

    private ScalarElementwise() {
    }

    static void unary(UnaryOp op, int[] shape, Strided x, Strided out) {
        boolean floating = RowBuffers.isFloating(x.data());
        var layout = StridedLoops.Layout.merge(shape, new int[][] {x.strides(), out.strides()});
        int n = layout.rowLength();
        double[] dr = floating ? new double[n] : null;
        long[] lr = floating ? null : new long[n];
        StridedLoops.forEachRow(layout, new int[] {x.offset(), out.offset()}, (off, len) -> {
            if (floating) {
                RowBuffers.load(x.data(), off[0], layout.innerStride(0), dr, len);
                ScalarKernels.unaryRow(op, dr, len);
                RowBuffers.store(dr, len, out.data(), off[1], layout.innerStride(1));
            } else {
                RowBuffers.load(x.data(), off[0], layout.innerStride(0), lr, len);
                ScalarKernels.unaryRow(op, lr, len);
                RowBuffers.store(lr, len, out.data(), off[1], layout.innerStride(1));
            }
        });
    }

    static void binary(BinaryOp op, int[] shape, Strided a, Strided b, Strided out) {
        boolean floating = RowBuffers.isFloating(a.data());
        boolean float32FloorDiv = op == BinaryOp.FLOOR_DIV && a.data() instanceof float[];
        var layout = StridedLoops.Layout.merge(shape, new int[][] {a.strides(), b.strides(), out.strides()});
        int n = layout.rowLength();
        double[] da = floating ? new double[n] : null;
        double[] db = floating ? new double[n] : null;
        long[] la = floating ? null : new long[n];
        long[] lb = floating ? null : new long[n];
        StridedLoops.forEachRow(layout, new int[] {a.offset(), b.offset(), out.offset()}, (off, len) -> {
            if (floating) {
                RowBuffers.load(a.data(), off[0], layout.innerStride(0), da, len);
                RowBuffers.load(b.data(), off[1], layout.innerStride(1), db, len);
                if (float32FloorDiv) {
                    ScalarKernels.floorDivFloat32Row(da, db, len);
                } else {
                    ScalarKernels.binaryRow(op, da, db, len);
                }
                RowBuffers.store(da, len, out.data(), off[2], layout.innerStride(2));
            } else {
                RowBuffers.load(a.data(), off[0], layout.innerStride(0), la, len);
                RowBuffers.load(b.data(), off[1], layout.innerStride(1), lb, len);
                ScalarKernels.binaryRow(op, la, lb, len);
                RowBuffers.store(la, len, out.data(), off[2], layout.innerStride(2));
            }
        });
    }

    /** Elements of a row evaluated at a time by {@link #fused}: its registers stay in the L1 cache. */
    private static final int FUSED_CHUNK = 512;

    /**
     * The fused program, row by row in chunks: each register a {@code double[]} chunk, each step
     * the definition the unfused op uses ({@link ScalarKernels#unaryRow}/{@link ScalarKernels#binaryRow}),
     * rounded to float after every step for float32 as storing the unfused op's result would.
     */
    static void fused(FusedProgram program, int[] shape, Strided[] inputs, Strided out) {
        if (!RowBuffers.isFloating(out.data())) {
            throw new IllegalArgumentException("fused: the output must be float32 or float64, got " + out.data().getClass());
        }
        boolean float32 = out.data() instanceof float[];
        int n = inputs.length;
        Strided[] operands = Arrays.copyOf(inputs, n + 1);
        operands[n] = out;
        var layout = StridedLoops.Layout.merge(shape, operands);
        int[] offsets = StridedLoops.Layout.offsets(operands);
        double[][] registers = new double[program.result() + 1][FUSED_CHUNK];
        StridedLoops.forEachRow(layout, offsets, (off, len) -> {
            for (int c = 0; c < len; c += FUSED_CHUNK) {
                int m = Math.min(FUSED_CHUNK, len - c);
                for (int k = 0; k < n; k++) {
                    int stride = layout.innerStride(k);
                    RowBuffers.load(inputs[k].data(), off[k] + c * stride, stride, registers[k], m);
                }
                for (int i = 0; i < program.steps().size(); i++) {
                    double[] r = registers[n + i];
                    switch (program.steps().get(i)) {
                        case FusedProgram.Unary u -> {
                            System.arraycopy(registers[u.x()], 0, r, 0, m);
                            ScalarKernels.unaryRow(u.op(), r, m);
                        }
                        case FusedProgram.Binary b -> {
                            System.arraycopy(registers[b.x()], 0, r, 0, m);
                            ScalarKernels.binaryRow(b.op(), r, registers[b.y()], m);
                        }
                        case FusedProgram.Constant k -> Arrays.fill(r, 0, m, k.value());
                    }
                    if (float32) for (int j = 0; j < m; j++) r[j] = (float) r[j];
                }
                RowBuffers.store(registers[program.result()], m, out.data(), off[n] + c * layout.innerStride(n),
                        layout.innerStride(n));
            }
        });
    }

    static void select(int[] shape, Strided cond, Strided a, Strided b, Strided out) {
        boolean[] c = (boolean[]) cond.data();
        var layout = StridedLoops.Layout.merge(shape,
                new int[][] {cond.strides(), a.strides(), b.strides(), out.strides()});
        int n = layout.rowLength();
        boolean floating = RowBuffers.isFloating(a.data());
        double[] da = floating ? new double[n] : null;
        double[] db = floating ? new double[n] : null;
        long[] la = floating ? null : new long[n];
        long[] lb = floating ? null : new long[n];
        StridedLoops.forEachRow(layout, new int[] {cond.offset(), a.offset(), b.offset(), out.offset()}, (off, len) -> {
            int cs = layout.innerStride(0);
            if (floating) {
                RowBuffers.load(a.data(), off[1], layout.innerStride(1), da, len);
                RowBuffers.load(b.data(), off[2], layout.innerStride(2), db, len);
                for (int i = 0; i < len; i++) if (!c[off[0] + i * cs]) da[i] = db[i];
                RowBuffers.store(da, len, out.data(), off[3], layout.innerStride(3));
            } else {
                RowBuffers.load(a.data(), off[1], layout.innerStride(1), la, len);
                RowBuffers.load(b.data(), off[2], layout.innerStride(2), lb, len);
                for (int i = 0; i < len; i++) if (!c[off[0] + i * cs]) la[i] = lb[i];
                RowBuffers.store(la, len, out.data(), off[3], layout.innerStride(3));
            }
        });
    }

    static void copy(int[] shape, Strided src, Strided dst) {
        // floating -> integer goes through long (truncating); everything else keeps full precision
        boolean viaDouble = RowBuffers.isFloating(src.data())
                && (RowBuffers.isFloating(dst.data()) || dst.data() instanceof boolean[]);
        var layout = StridedLoops.Layout.merge(shape, new int[][] {src.strides(), dst.strides()});
        int n = layout.rowLength();
        double[] dr = viaDouble ? new double[n] : null;
        long[] lr = viaDouble ? null : new long[n];
        StridedLoops.forEachRow(layout, new int[] {src.offset(), dst.offset()}, (off, len) -> {
            if (viaDouble) {
                RowBuffers.load(src.data(), off[0], layout.innerStride(0), dr, len);
                RowBuffers.store(dr, len, dst.data(), off[1], layout.innerStride(1));
            } else {
                RowBuffers.load(src.data(), off[0], layout.innerStride(0), lr, len);
                RowBuffers.store(lr, len, dst.data(), off[1], layout.innerStride(1));
            }
        });
    }

    static void fill(int size, double value, Object out) {
        switch (out) {
            case float[] a -> Arrays.fill(a, 0, size, (float) value);
            case double[] a -> Arrays.fill(a, 0, size, value);
            case int[] a -> Arrays.fill(a, 0, size, (int) value);
            case long[] a -> Arrays.fill(a, 0, size, (long) value);
            case boolean[] a -> Arrays.fill(a, 0, size, value != 0);
            default -> throw new IllegalArgumentException("not a tensor buffer: " + out);
        }
    }

    static void axpy(int size, double alpha, Object x, Object y, Object out) {
        switch (out) {
            case float[] o -> ScalarKernels.axpy((float) alpha, (float[]) x, (float[]) y, o, 0, size);
            case double[] o -> ScalarKernels.axpy(alpha, (double[]) x, (double[]) y, o, 0, size);
            default -> throw new IllegalArgumentException("axpy needs float[] or double[] data, not "
                    + out.getClass().getSimpleName());
        }
    }
}
