package dev.jtensor.accel;

import java.util.Arrays;

/**
 * The reference backend and the living definition of every primitive: plain Java loops, row by
 * row over strided data. Floating-point math runs in double precision and is rounded to the
 * output type (exact for +, -, *, / and sqrt; at least as accurate as float math for the rest);
 * integer math runs in 64-bit two's complement and wraps on narrowing, as TensorFlow's int32
 * kernels do.
 */
public final class ScalarKernels implements Kernels {

    @Override
    public String name() {
        return "scalar";
    }

    // ---------------------------------------------------------------- elementwise

    @Override
    public void unary(UnaryOp op, int[] shape, Strided x, Strided out) {
        boolean floating = RowBuffers.isFloating(x.data());
        var layout = StridedLoops.Layout.merge(shape, new int[][] {x.strides(), out.strides()});
        int n = rowLength(layout);
        double[] dr = floating ? new double[n] : null;
        long[] lr = floating ? null : new long[n];
        StridedLoops.forEachRow(shape, new int[][] {x.strides(), out.strides()},
                new int[] {x.offset(), out.offset()}, (off, len) -> {
                    if (floating) {
                        RowBuffers.load(x.data(), off[0], layout.innerStride(0), dr, len);
                        unaryRow(op, dr, len);
                        RowBuffers.store(dr, len, out.data(), off[1], layout.innerStride(1));
                    } else {
                        RowBuffers.load(x.data(), off[0], layout.innerStride(0), lr, len);
                        unaryRow(op, lr, len);
                        RowBuffers.store(lr, len, out.data(), off[1], layout.innerStride(1));
                    }
                });
    }

    /** Floating-point definitions, in place. */
    public static void unaryRow(UnaryOp op, double[] v, int n) {
        switch (op) {
            case NEGATIVE -> { for (int i = 0; i < n; i++) v[i] = -v[i]; }
            case ABS -> { for (int i = 0; i < n; i++) v[i] = Math.abs(v[i]); }
            case SIGN -> { for (int i = 0; i < n; i++) v[i] = Math.signum(v[i]); }
            case SQUARE -> { for (int i = 0; i < n; i++) v[i] = v[i] * v[i]; }
            case RELU -> { for (int i = 0; i < n; i++) v[i] = v[i] > 0 ? v[i] : (Double.isNaN(v[i]) ? v[i] : 0.0); }
            case RECIPROCAL -> { for (int i = 0; i < n; i++) v[i] = 1.0 / v[i]; }
            case SQRT -> { for (int i = 0; i < n; i++) v[i] = Math.sqrt(v[i]); }
            case RSQRT -> { for (int i = 0; i < n; i++) v[i] = 1.0 / Math.sqrt(v[i]); }
            case EXP -> { for (int i = 0; i < n; i++) v[i] = Math.exp(v[i]); }
            case LOG -> { for (int i = 0; i < n; i++) v[i] = Math.log(v[i]); }
            case LOG1P -> { for (int i = 0; i < n; i++) v[i] = Math.log1p(v[i]); }
            case EXPM1 -> { for (int i = 0; i < n; i++) v[i] = Math.expm1(v[i]); }
            case SIN -> { for (int i = 0; i < n; i++) v[i] = Math.sin(v[i]); }
            case COS -> { for (int i = 0; i < n; i++) v[i] = Math.cos(v[i]); }
            case TANH -> { for (int i = 0; i < n; i++) v[i] = Math.tanh(v[i]); }
            // the two branches keep exp() from overflowing for large |x|
            case SIGMOID -> { for (int i = 0; i < n; i++) v[i] = v[i] >= 0 ? 1.0 / (1.0 + Math.exp(-v[i])) : Math.exp(v[i]) / (1.0 + Math.exp(v[i])); }
            // log(1 + e^x) = max(x, 0) + log1p(e^-|x|)
            case SOFTPLUS -> { for (int i = 0; i < n; i++) v[i] = Math.max(v[i], 0.0) + Math.log1p(Math.exp(-Math.abs(v[i]))); }
            case FLOOR -> { for (int i = 0; i < n; i++) v[i] = Math.floor(v[i]); }
            case CEIL -> { for (int i = 0; i < n; i++) v[i] = Math.ceil(v[i]); }
            case ROUND -> { for (int i = 0; i < n; i++) v[i] = Math.rint(v[i]); }
            case LOGICAL_NOT -> { for (int i = 0; i < n; i++) v[i] = v[i] == 0 ? 1 : 0; }
        }
    }

    /** Integer definitions, in place. */
    public static void unaryRow(UnaryOp op, long[] v, int n) {
        switch (op) {
            case NEGATIVE -> { for (int i = 0; i < n; i++) v[i] = -v[i]; }
            case ABS -> { for (int i = 0; i < n; i++) v[i] = Math.abs(v[i]); }
            case SIGN -> { for (int i = 0; i < n; i++) v[i] = Long.signum(v[i]); }
            case SQUARE -> { for (int i = 0; i < n; i++) v[i] = v[i] * v[i]; }
            case RELU -> { for (int i = 0; i < n; i++) v[i] = Math.max(v[i], 0); }
            case LOGICAL_NOT -> { for (int i = 0; i < n; i++) v[i] = v[i] == 0 ? 1 : 0; }
            default -> throw new IllegalArgumentException(op + " is not defined on integers");
        }
    }

    @Override
    public void fill(int size, double value, Object out) {
        switch (out) {
            case float[] a -> java.util.Arrays.fill(a, 0, size, (float) value);
            case double[] a -> java.util.Arrays.fill(a, 0, size, value);
            case int[] a -> java.util.Arrays.fill(a, 0, size, (int) value);
            case long[] a -> java.util.Arrays.fill(a, 0, size, (long) value);
            case boolean[] a -> java.util.Arrays.fill(a, 0, size, value != 0);
            default -> throw new IllegalArgumentException("not a tensor buffer: " + out);
        }
    }

    @Override
    public void axpy(int size, double alpha, Object x, Object y, Object out) {
        switch (out) {
            case float[] o -> axpy((float) alpha, (float[]) x, (float[]) y, o, 0, size);
            case double[] o -> axpy(alpha, (double[]) x, (double[]) y, o, 0, size);
            default -> throw new IllegalArgumentException("axpy needs float[] or double[] data, not "
                    + out.getClass().getSimpleName());
        }
    }

    /** {@code out[i] = y[i] + alpha * x[i]} for {@code from <= i < to}, each op rounded to float. */
    public static void axpy(float alpha, float[] x, float[] y, float[] out, int from, int to) {
        for (int i = from; i < to; i++) out[i] = y[i] + alpha * x[i];
    }

    /** {@code out[i] = y[i] + alpha * x[i]} for {@code from <= i < to}. */
    public static void axpy(double alpha, double[] x, double[] y, double[] out, int from, int to) {
        for (int i = from; i < to; i++) out[i] = y[i] + alpha * x[i];
    }

    @Override
    public void binary(BinaryOp op, int[] shape, Strided a, Strided b, Strided out) {
        boolean floating = RowBuffers.isFloating(a.data());
        boolean float32FloorDiv = op == BinaryOp.FLOOR_DIV && a.data() instanceof float[];
        int[][] strides = {a.strides(), b.strides(), out.strides()};
        var layout = StridedLoops.Layout.merge(shape, strides);
        int n = rowLength(layout);
        double[] da = floating ? new double[n] : null;
        double[] db = floating ? new double[n] : null;
        long[] la = floating ? null : new long[n];
        long[] lb = floating ? null : new long[n];
        StridedLoops.forEachRow(shape, strides, new int[] {a.offset(), b.offset(), out.offset()}, (off, len) -> {
            if (floating) {
                RowBuffers.load(a.data(), off[0], layout.innerStride(0), da, len);
                RowBuffers.load(b.data(), off[1], layout.innerStride(1), db, len);
                if (float32FloorDiv) {
                    floorDivFloat32Row(da, db, len);
                } else {
                    binaryRow(op, da, db, len);
                }
                RowBuffers.store(da, len, out.data(), off[2], layout.innerStride(2));
            } else {
                RowBuffers.load(a.data(), off[0], layout.innerStride(0), la, len);
                RowBuffers.load(b.data(), off[1], layout.innerStride(1), lb, len);
                binaryRow(op, la, lb, len);
                RowBuffers.store(la, len, out.data(), off[2], layout.innerStride(2));
            }
        });
    }

    /** Floating-point definitions: {@code a[i] = op(a[i], b[i])}. */
    public static void binaryRow(BinaryOp op, double[] a, double[] b, int n) {
        switch (op) {
            case ADD -> { for (int i = 0; i < n; i++) a[i] = a[i] + b[i]; }
            case SUBTRACT -> { for (int i = 0; i < n; i++) a[i] = a[i] - b[i]; }
            case MULTIPLY -> { for (int i = 0; i < n; i++) a[i] = a[i] * b[i]; }
            case DIVIDE -> { for (int i = 0; i < n; i++) a[i] = a[i] / b[i]; }
            case FLOOR_DIV -> { for (int i = 0; i < n; i++) a[i] = Math.floor(a[i] / b[i]); }
            case FLOOR_MOD -> { for (int i = 0; i < n; i++) a[i] = floorMod(a[i], b[i]); }
            case TRUNCATE_DIV -> { for (int i = 0; i < n; i++) a[i] = truncate(a[i] / b[i]); }
            case POW -> { for (int i = 0; i < n; i++) a[i] = pow(a[i], b[i]); }
            case MAXIMUM -> { for (int i = 0; i < n; i++) a[i] = Math.max(a[i], b[i]); }
            case MINIMUM -> { for (int i = 0; i < n; i++) a[i] = Math.min(a[i], b[i]); }
            case EQUAL -> { for (int i = 0; i < n; i++) a[i] = a[i] == b[i] ? 1 : 0; }
            case NOT_EQUAL -> { for (int i = 0; i < n; i++) a[i] = a[i] != b[i] ? 1 : 0; }
            case LESS -> { for (int i = 0; i < n; i++) a[i] = a[i] < b[i] ? 1 : 0; }
            case LESS_EQUAL -> { for (int i = 0; i < n; i++) a[i] = a[i] <= b[i] ? 1 : 0; }
            case GREATER -> { for (int i = 0; i < n; i++) a[i] = a[i] > b[i] ? 1 : 0; }
            case GREATER_EQUAL -> { for (int i = 0; i < n; i++) a[i] = a[i] >= b[i] ? 1 : 0; }
            case LOGICAL_AND -> { for (int i = 0; i < n; i++) a[i] = a[i] != 0 && b[i] != 0 ? 1 : 0; }
            case LOGICAL_OR -> { for (int i = 0; i < n; i++) a[i] = a[i] != 0 || b[i] != 0 ? 1 : 0; }
        }
    }

    /**
     * {@code FLOOR_DIV} of float32 values: the floor of the quotient rounded to float32, as
     * TensorFlow computes {@code floor(x / y)} in the tensor's precision. Flooring the exact double
     * quotient instead would give 9 for {@code 1f / 0.1f}, whose float32 quotient is 10.
     */
    private static void floorDivFloat32Row(double[] a, double[] b, int n) {
        for (int i = 0; i < n; i++) a[i] = Math.floor((float) (a[i] / b[i]));
    }

    /** Integer definitions: {@code a[i] = op(a[i], b[i])}. */
    public static void binaryRow(BinaryOp op, long[] a, long[] b, int n) {
        switch (op) {
            case ADD -> { for (int i = 0; i < n; i++) a[i] = a[i] + b[i]; }
            case SUBTRACT -> { for (int i = 0; i < n; i++) a[i] = a[i] - b[i]; }
            case MULTIPLY -> { for (int i = 0; i < n; i++) a[i] = a[i] * b[i]; }
            case DIVIDE -> throw new IllegalArgumentException("DIVIDE is defined on floating point only");
            case FLOOR_DIV -> { for (int i = 0; i < n; i++) a[i] = Math.floorDiv(a[i], nonZero(b[i])); }
            case FLOOR_MOD -> { for (int i = 0; i < n; i++) a[i] = Math.floorMod(a[i], nonZero(b[i])); }
            case TRUNCATE_DIV -> { for (int i = 0; i < n; i++) a[i] = a[i] / nonZero(b[i]); }
            case POW -> { for (int i = 0; i < n; i++) a[i] = integerPow(a[i], b[i]); }
            case MAXIMUM -> { for (int i = 0; i < n; i++) a[i] = Math.max(a[i], b[i]); }
            case MINIMUM -> { for (int i = 0; i < n; i++) a[i] = Math.min(a[i], b[i]); }
            case EQUAL -> { for (int i = 0; i < n; i++) a[i] = a[i] == b[i] ? 1 : 0; }
            case NOT_EQUAL -> { for (int i = 0; i < n; i++) a[i] = a[i] != b[i] ? 1 : 0; }
            case LESS -> { for (int i = 0; i < n; i++) a[i] = a[i] < b[i] ? 1 : 0; }
            case LESS_EQUAL -> { for (int i = 0; i < n; i++) a[i] = a[i] <= b[i] ? 1 : 0; }
            case GREATER -> { for (int i = 0; i < n; i++) a[i] = a[i] > b[i] ? 1 : 0; }
            case GREATER_EQUAL -> { for (int i = 0; i < n; i++) a[i] = a[i] >= b[i] ? 1 : 0; }
            case LOGICAL_AND -> { for (int i = 0; i < n; i++) a[i] = a[i] != 0 && b[i] != 0 ? 1 : 0; }
            case LOGICAL_OR -> { for (int i = 0; i < n; i++) a[i] = a[i] != 0 || b[i] != 0 ? 1 : 0; }
        }
    }

    /**
     * C's {@code pow}, which TensorFlow uses: unlike {@link Math#pow}, {@code pow(1, y)} is 1 for
     * every {@code y} (NaN included) and {@code pow(-1, +-inf)} is 1.
     */
    private static double pow(double base, double exponent) {
        if (base == 1 || (base == -1 && Double.isInfinite(exponent))) {
            return 1;
        }
        return Math.pow(base, exponent);
    }

    private static double floorMod(double a, double b) {
        double r = a % b;
        return r != 0 && (r < 0) != (b < 0) ? r + b : r;
    }

    private static double truncate(double v) {
        return v < 0 ? Math.ceil(v) : Math.floor(v);
    }

    private static long nonZero(long divisor) {
        if (divisor == 0) {
            throw new ArithmeticException("integer division by zero");
        }
        return divisor;
    }

    private static long integerPow(long base, long exponent) {
        if (exponent < 0) {
            throw new ArithmeticException("integers to negative integer powers are not allowed");
        }
        long result = 1;
        while (exponent > 0) {
            if ((exponent & 1) != 0) {
                result *= base;
            }
            base *= base;
            exponent >>= 1;
        }
        return result;
    }

    @Override
    public void select(int[] shape, Strided cond, Strided a, Strided b, Strided out) {
        boolean[] c = (boolean[]) cond.data();
        int[][] strides = {cond.strides(), a.strides(), b.strides(), out.strides()};
        var layout = StridedLoops.Layout.merge(shape, strides);
        int n = rowLength(layout);
        boolean floating = RowBuffers.isFloating(a.data());
        double[] da = floating ? new double[n] : null;
        double[] db = floating ? new double[n] : null;
        long[] la = floating ? null : new long[n];
        long[] lb = floating ? null : new long[n];
        StridedLoops.forEachRow(shape, strides,
                new int[] {cond.offset(), a.offset(), b.offset(), out.offset()}, (off, len) -> {
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

    @Override
    public void copy(int[] shape, Strided src, Strided dst) {
        // floating -> integer goes through long (truncating); everything else keeps full precision
        boolean viaDouble = RowBuffers.isFloating(src.data())
                && (RowBuffers.isFloating(dst.data()) || dst.data() instanceof boolean[]);
        int[][] strides = {src.strides(), dst.strides()};
        var layout = StridedLoops.Layout.merge(shape, strides);
        int n = rowLength(layout);
        double[] dr = viaDouble ? new double[n] : null;
        long[] lr = viaDouble ? null : new long[n];
        StridedLoops.forEachRow(shape, strides, new int[] {src.offset(), dst.offset()}, (off, len) -> {
            if (viaDouble) {
                RowBuffers.load(src.data(), off[0], layout.innerStride(0), dr, len);
                RowBuffers.store(dr, len, dst.data(), off[1], layout.innerStride(1));
            } else {
                RowBuffers.load(src.data(), off[0], layout.innerStride(0), lr, len);
                RowBuffers.store(lr, len, dst.data(), off[1], layout.innerStride(1));
            }
        });
    }

    // ---------------------------------------------------------------- reductions

    @Override
    public void reduce(ReduceOp op, int[] shape, boolean[] reduced, Strided x, Object out) {
        Split split = Split.of(shape, x.strides(), reduced);
        boolean floating = RowBuffers.isFloating(x.data());
        double[] dres = floating ? new double[split.outerCount()] : null;
        long[] lres = floating ? null : new long[split.outerCount()];
        var inner = StridedLoops.Layout.merge(split.innerShape, new int[][] {split.innerStrides});
        int n = rowLength(inner);
        double[] drow = floating ? new double[n] : null;
        long[] lrow = floating ? null : new long[n];
        int[] outIndex = {0};
        forEachElement(split.outerShape, split.outerStrides, x.offset(), base -> {
            int[] start = {base};
            if (floating) {
                DoubleAccumulator acc = new DoubleAccumulator(op);
                StridedLoops.forEachRow(split.innerShape, new int[][] {split.innerStrides}, start, (off, len) -> {
                    RowBuffers.load(x.data(), off[0], inner.innerStride(0), drow, len);
                    acc.add(drow, len);
                });
                dres[outIndex[0]++] = acc.result();
            } else {
                LongAccumulator acc = new LongAccumulator(op, x.data());
                StridedLoops.forEachRow(split.innerShape, new int[][] {split.innerStrides}, start, (off, len) -> {
                    RowBuffers.load(x.data(), off[0], inner.innerStride(0), lrow, len);
                    acc.add(lrow, len);
                });
                lres[outIndex[0]++] = acc.result();
            }
        });
        if (floating) {
            RowBuffers.store(dres, dres.length, out, 0, 1);
        } else {
            RowBuffers.store(lres, lres.length, out, 0, 1);
        }
    }

    /** A running floating-point reduction; sums use Neumaier compensation. */
    private static final class DoubleAccumulator {
        private final ReduceOp op;
        private double value;
        private double compensation;

        DoubleAccumulator(ReduceOp op) {
            this.op = op;
            this.value = switch (op) {
                case SUM, ANY -> 0;
                case PROD, ALL -> 1;
                case MAX -> Double.NEGATIVE_INFINITY;
                case MIN -> Double.POSITIVE_INFINITY;
            };
        }

        void add(double[] row, int n) {
            switch (op) {
                case SUM -> {
                    for (int i = 0; i < n; i++) {
                        double t = value + row[i];
                        compensation += Math.abs(value) >= Math.abs(row[i]) ? (value - t) + row[i] : (row[i] - t) + value;
                        value = t;
                    }
                }
                case PROD -> { for (int i = 0; i < n; i++) value *= row[i]; }
                case MAX -> { for (int i = 0; i < n; i++) value = Math.max(value, row[i]); }
                case MIN -> { for (int i = 0; i < n; i++) value = Math.min(value, row[i]); }
                case ALL -> { for (int i = 0; i < n; i++) value = value != 0 && row[i] != 0 ? 1 : 0; }
                case ANY -> { for (int i = 0; i < n; i++) value = value != 0 || row[i] != 0 ? 1 : 0; }
            }
        }

        double result() {
            // an infinite or NaN sum has no meaningful compensation
            return op == ReduceOp.SUM && Double.isFinite(value) ? value + compensation : value;
        }
    }

    /** A running integer reduction; extremes start from the element type's bounds. */
    private static final class LongAccumulator {
        private final ReduceOp op;
        private long value;

        LongAccumulator(ReduceOp op, Object data) {
            this.op = op;
            boolean narrow = data instanceof int[];
            this.value = switch (op) {
                case SUM, ANY -> 0;
                case PROD, ALL -> 1;
                case MAX -> data instanceof boolean[] ? 0 : narrow ? Integer.MIN_VALUE : Long.MIN_VALUE;
                case MIN -> data instanceof boolean[] ? 1 : narrow ? Integer.MAX_VALUE : Long.MAX_VALUE;
            };
        }

        void add(long[] row, int n) {
            switch (op) {
                case SUM -> { for (int i = 0; i < n; i++) value += row[i]; }
                case PROD -> { for (int i = 0; i < n; i++) value *= row[i]; }
                case MAX -> { for (int i = 0; i < n; i++) value = Math.max(value, row[i]); }
                case MIN -> { for (int i = 0; i < n; i++) value = Math.min(value, row[i]); }
                case ALL -> { for (int i = 0; i < n; i++) value = value != 0 && row[i] != 0 ? 1 : 0; }
                case ANY -> { for (int i = 0; i < n; i++) value = value != 0 || row[i] != 0 ? 1 : 0; }
            }
        }

        long result() {
            return value;
        }
    }

    /** Splits axes into kept (outer) and reduced (inner) groups, keeping their order. */
    private record Split(int[] outerShape, int[] outerStrides, int[] innerShape, int[] innerStrides) {

        static Split of(int[] shape, int[] strides, boolean[] reduced) {
            int inner = 0;
            for (boolean r : reduced) {
                if (r) inner++;
            }
            int outer = shape.length - inner;
            int[] os = new int[outer], ost = new int[outer], is = new int[inner], ist = new int[inner];
            for (int d = 0, o = 0, i = 0; d < shape.length; d++) {
                if (reduced[d]) {
                    is[i] = shape[d];
                    ist[i++] = strides[d];
                } else {
                    os[o] = shape[d];
                    ost[o++] = strides[d];
                }
            }
            return new Split(os, ost, is, ist);
        }

        int outerCount() {
            int c = 1;
            for (int d : outerShape) c *= d;
            return c;
        }
    }

    @Override
    public void argReduce(boolean max, int[] shape, int axis, Strided x, long[] out) {
        boolean[] reduced = new boolean[shape.length];
        reduced[axis] = true;
        Split split = Split.of(shape, x.strides(), reduced);
        int length = shape[axis];
        int stride = x.strides()[axis];
        double[] drow = new double[length];
        long[] lrow = new long[length];
        boolean floating = RowBuffers.isFloating(x.data());
        int[] outIndex = {0};
        forEachElement(split.outerShape, split.outerStrides, x.offset(), base -> {
            int best = 0;
            if (floating) {
                RowBuffers.load(x.data(), base, stride, drow, length);
                for (int i = 1; i < length && !Double.isNaN(drow[best]); i++) {
                    if (Double.isNaN(drow[i]) || (max ? drow[i] > drow[best] : drow[i] < drow[best])) best = i;
                }
            } else {
                RowBuffers.load(x.data(), base, stride, lrow, length);
                for (int i = 1; i < length; i++) {
                    if (max ? lrow[i] > lrow[best] : lrow[i] < lrow[best]) best = i;
                }
            }
            out[outIndex[0]++] = best;
        });
    }

    @Override
    public void cumulative(boolean product, int[] shape, int axis, boolean exclusive, boolean reverse, Strided x,
                           Object out) {
        int length = shape[axis];
        int stride = x.strides()[axis];
        int[] outStrides = Strided.rowMajorStrides(shape);
        int outStride = outStrides[axis];
        boolean[] reduced = new boolean[shape.length];
        reduced[axis] = true;
        Split in = Split.of(shape, x.strides(), reduced);
        Split o = Split.of(shape, outStrides, reduced);
        int[] outBases = new int[in.outerCount()];
        int[] k = {0};
        forEachElement(o.outerShape, o.outerStrides, 0, base -> outBases[k[0]++] = base);
        boolean floating = RowBuffers.isFloating(x.data());
        double[] drow = new double[length];
        long[] lrow = new long[length];
        k[0] = 0;
        forEachElement(in.outerShape, in.outerStrides, x.offset(), base -> {
            int outBase = outBases[k[0]++];
            int first = reverse ? base + (length - 1) * stride : base;
            int step = reverse ? -stride : stride;
            int outFirst = reverse ? outBase + (length - 1) * outStride : outBase;
            int outStep = reverse ? -outStride : outStride;
            if (floating) {
                RowBuffers.load(x.data(), first, step, drow, length);
                double run = product ? 1 : 0;
                for (int i = 0; i < length; i++) {
                    double v = drow[i];
                    double next = product ? run * v : run + v;
                    drow[i] = exclusive ? run : next;
                    run = next;
                }
                RowBuffers.store(drow, length, out, outFirst, outStep);
            } else {
                RowBuffers.load(x.data(), first, step, lrow, length);
                long run = product ? 1 : 0;
                for (int i = 0; i < length; i++) {
                    long v = lrow[i];
                    long next = product ? run * v : run + v;
                    lrow[i] = exclusive ? run : next;
                    run = next;
                }
                RowBuffers.store(lrow, length, out, outFirst, outStep);
            }
        });
    }

    /** Calls {@code action} with the offset of every element of a strided index space, row-major. */
    private static void forEachElement(int[] shape, int[] strides, int offset, java.util.function.IntConsumer action) {
        int size = 1;
        for (int d : shape) size *= d;
        if (size == 0) {
            return;
        }
        int[] index = new int[shape.length];
        int current = offset;
        for (int e = 0; e < size; e++) {
            action.accept(current);
            for (int d = shape.length - 1; d >= 0; d--) {
                current += strides[d];
                if (++index[d] < shape[d]) break;
                current -= strides[d] * shape[d];
                index[d] = 0;
            }
        }
    }

    // ---------------------------------------------------------------- linear algebra

    @Override
    public void matmul(int[] batchShape, int m, int n, int k, Strided a, Strided b, Object out) {
        int rank = batchShape.length;
        int[] as = a.strides(), bs = b.strides();
        int aRow = as[rank], aCol = as[rank + 1], bRow = bs[rank], bCol = bs[rank + 1];
        boolean floating = RowBuffers.isFloating(a.data());
        int[] bOffsets = new int[sizeOf(batchShape)];
        int[] t = {0};
        forEachElement(batchShape, Arrays.copyOf(bs, rank), b.offset(), off -> bOffsets[t[0]++] = off);
        // B is loaded once per batch into a dense scratch matrix, so the i-p-j loop below runs over
        // plain arrays (which the JIT vectorises) instead of re-reading strided rows per (i, p)
        double[] bDense = floating ? new double[k * n] : null, aRowBuf = floating ? new double[k] : null;
        double[] acc = floating ? new double[n] : null;
        long[] bDenseL = floating ? null : new long[k * n], aRowL = floating ? null : new long[k];
        long[] accL = floating ? null : new long[n];
        double[] rowD = floating ? new double[n] : null;
        long[] rowL = floating ? null : new long[n];
        int[] batchIndex = {0};
        forEachElement(batchShape, Arrays.copyOf(as, rank), a.offset(), aBase -> {
            int bBase = bOffsets[batchIndex[0]];
            int outBase = batchIndex[0]++ * m * n;
            for (int p = 0; p < k; p++) {
                if (floating) {
                    RowBuffers.load(b.data(), bBase + p * bRow, bCol, rowD, n);
                    System.arraycopy(rowD, 0, bDense, p * n, n);
                } else {
                    RowBuffers.load(b.data(), bBase + p * bRow, bCol, rowL, n);
                    System.arraycopy(rowL, 0, bDenseL, p * n, n);
                }
            }
            for (int i = 0; i < m; i++) {
                if (floating) {
                    Arrays.fill(acc, 0);
                    RowBuffers.load(a.data(), aBase + i * aRow, aCol, aRowBuf, k);
                    for (int p = 0; p < k; p++) {
                        double aip = aRowBuf[p];
                        int row = p * n;
                        for (int j = 0; j < n; j++) acc[j] += aip * bDense[row + j];
                    }
                    RowBuffers.store(acc, n, out, outBase + i * n, 1);
                } else {
                    Arrays.fill(accL, 0);
                    RowBuffers.load(a.data(), aBase + i * aRow, aCol, aRowL, k);
                    for (int p = 0; p < k; p++) {
                        long aip = aRowL[p];
                        int row = p * n;
                        for (int j = 0; j < n; j++) accL[j] += aip * bDenseL[row + j];
                    }
                    RowBuffers.store(accL, n, out, outBase + i * n, 1);
                }
            }
        });
    }

    @Override
    public void gather(Object params, int outer, int axisLength, int inner, int[] indices, Object out) {
        int count = indices.length;
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < count; i++) {
                System.arraycopy(params, (o * axisLength + indices[i]) * inner, out, (o * count + i) * inner, inner);
            }
        }
    }

    @Override
    public void segmentSum(Object data, int inner, int[] ids, Object out) {
        boolean floating = RowBuffers.isFloating(data);
        double[] row = new double[inner], sum = new double[inner];
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0) continue;
            int src = i * inner, dst = ids[i] * inner;
            if (floating) {
                // each addition is rounded to the element type, as a float32 sum would be
                RowBuffers.load(data, src, 1, row, inner);
                RowBuffers.load(out, dst, 1, sum, inner);
                for (int j = 0; j < inner; j++) sum[j] += row[j];
                RowBuffers.store(sum, inner, out, dst, 1);
            } else {
                addIntegerRow(data, src, out, dst, inner);
            }
        }
    }

    /** {@code out[dst + j] += data[src + j]} for int32 or int64 rows, wrapping as Java does. */
    private static void addIntegerRow(Object data, int src, Object out, int dst, int n) {
        switch (out) {
            case int[] o -> { int[] d = (int[]) data; for (int j = 0; j < n; j++) o[dst + j] += d[src + j]; }
            case long[] o -> { long[] d = (long[]) data; for (int j = 0; j < n; j++) o[dst + j] += d[src + j]; }
            default -> throw new IllegalArgumentException("segmentSum of " + out.getClass().getSimpleName());
        }
    }

    @Override
    public void matrixInverse(int batch, int n, Object in, Object out) {
        double[] m = new double[n * n];
        for (int b = 0; b < batch; b++) {
            RowBuffers.load(in, b * n * n, 1, m, n * n);
            double[] inv = LuDecomposition.of(m, n).inverse();
            RowBuffers.store(inv, n * n, out, b * n * n, 1);
        }
    }

    @Override
    public void matrixDeterminant(int batch, int n, Object in, Object out) {
        double[] m = new double[n * n];
        double[] dets = new double[batch];
        for (int b = 0; b < batch; b++) {
            RowBuffers.load(in, b * n * n, 1, m, n * n);
            dets[b] = LuDecomposition.of(m, n).determinant();
        }
        RowBuffers.store(dets, batch, out, 0, 1);
    }

    // ---------------------------------------------------------------- helpers

    private static int rowLength(StridedLoops.Layout layout) {
        int[] s = layout.shape();
        return s.length == 0 ? 1 : s[s.length - 1];
    }

    private static int sizeOf(int[] shape) {
        int size = 1;
        for (int d : shape) size *= d;
        return size;
    }
}
