package dev.jtensor.accel;

/**
 * The scalar reductions: reduce (floating-point sums with Neumaier compensation), argReduce and
 * cumulative. Each visits every kept position, so every output element is written, an empty
 * reduced axis giving the reduction's identity.
 */
final class ScalarReductions {

    private ScalarReductions() {
    }

    static void reduce(ReduceOp op, int[] shape, boolean[] reduced, Strided x, Object out) {
        Split split = Split.of(shape, x.strides(), reduced);
        boolean floating = RowBuffers.isFloating(x.data());
        double[] dres = floating ? new double[split.outerCount()] : null;
        long[] lres = floating ? null : new long[split.outerCount()];
        var inner = StridedLoops.Layout.merge(split.innerShape, new int[][] {split.innerStrides});
        int n = inner.rowLength();
        double[] drow = floating ? new double[n] : null;
        long[] lrow = floating ? null : new long[n];
        int[] outIndex = {0};
        StridedLoops.forEachElement(split.outerShape, split.outerStrides, x.offset(), base -> {
            int[] start = {base};
            if (floating) {
                DoubleAccumulator acc = new DoubleAccumulator(op);
                StridedLoops.forEachRow(inner, start, (off, len) -> {
                    RowBuffers.load(x.data(), off[0], inner.innerStride(0), drow, len);
                    acc.add(drow, len);
                });
                dres[outIndex[0]++] = acc.result();
            } else {
                LongAccumulator acc = new LongAccumulator(op, x.data());
                StridedLoops.forEachRow(inner, start, (off, len) -> {
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

    static void argReduce(boolean max, int[] shape, int axis, Strided x, long[] out) {
        boolean[] reduced = new boolean[shape.length];
        reduced[axis] = true;
        Split split = Split.of(shape, x.strides(), reduced);
        int length = shape[axis];
        int stride = x.strides()[axis];
        double[] drow = new double[length];
        long[] lrow = new long[length];
        boolean floating = RowBuffers.isFloating(x.data());
        int[] outIndex = {0};
        StridedLoops.forEachElement(split.outerShape, split.outerStrides, x.offset(), base -> {
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

    static void cumulative(boolean product, int[] shape, int axis, boolean exclusive, boolean reverse, Strided x,
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
        StridedLoops.forEachElement(o.outerShape, o.outerStrides, 0, base -> outBases[k[0]++] = base);
        boolean floating = RowBuffers.isFloating(x.data());
        double[] drow = new double[length];
        long[] lrow = new long[length];
        k[0] = 0;
        StridedLoops.forEachElement(in.outerShape, in.outerStrides, x.offset(), base -> {
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
}
