package dev.jtensor.proptests;

import dev.jtensor.DType;
import dev.jtensor.Index;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The static parameters an op takes besides its tensors, one record per kind, each printing
 * readably in a failure report.
 */
final class Params {

    private Params() {
    }

    /** No parameters. */
    static final None NONE = new None();

    /** No parameters. */
    record None() {
        @Override
        public String toString() {
            return "-";
        }
    }

    /** Reduction axes ({@code null} for all) and whether to keep them. */
    record Axes(int[] axes, boolean keepDims) {
        @Override
        public String toString() {
            return "axes=" + (axes == null ? "all" : Arrays.toString(axes)) + " keepDims=" + keepDims;
        }
    }

    /** One axis. */
    record Axis(int axis) {
        @Override
        public String toString() {
            return "axis=" + axis;
        }
    }

    /** cumsum/cumprod options. */
    record Running(int axis, boolean exclusive, boolean reverse) {
        @Override
        public String toString() {
            return "axis=" + axis + " exclusive=" + exclusive + " reverse=" + reverse;
        }
    }

    /** matmul transposes. */
    record MatMul(boolean transposeA, boolean transposeB) {
        @Override
        public String toString() {
            return "transposeA=" + transposeA + " transposeB=" + transposeB;
        }
    }

    /** A list of ints: a permutation, a target shape, multiples or axes. */
    record Ints(int[] values) {
        @Override
        public String toString() {
            return Arrays.toString(values);
        }
    }

    /** A split into {@code parts} equal pieces, or into {@code sizes} when not null. */
    record Split(int axis, int parts, int[] sizes) {
        @Override
        public String toString() {
            return "axis=" + axis + (sizes == null ? " parts=" + parts : " sizes=" + Arrays.toString(sizes));
        }
    }

    /** Paddings {@code {before, after}} per axis and the fill value. */
    record Pads(int[][] paddings, double value) {
        @Override
        public String toString() {
            return "paddings=" + Arrays.deepToString(paddings) + " value=" + value;
        }
    }

    /** gather: axis, index shape, the indices row-major, and whether they are int64 (else int32). */
    record Gathering(int axis, int[] indexShape, int[] indices, boolean int64) {
        /** The indices as a tensor. */
        Tensor tensor() {
            return TF.constant(indices, int64 ? DType.INT64 : DType.INT32, indexShape);
        }

        @Override
        public String toString() {
            return "axis=" + axis + " indices" + Shapes.show(indexShape) + "=" + Arrays.toString(indices)
                    + (int64 ? " int64" : " int32");
        }
    }

    /** unsortedSegmentSum: one id per row of the data (-1 drops the row) and the number of segments. */
    record Segments(int[] ids, int count, boolean int64) {
        /** The ids as a tensor. */
        Tensor tensor() {
            return TF.constant(ids, int64 ? DType.INT64 : DType.INT32, new int[] {ids.length});
        }

        @Override
        public String toString() {
            return "ids=" + Arrays.toString(ids) + " segments=" + count + (int64 ? " int64" : " int32");
        }
    }

    /** NumPy basic-indexing items; prints as NumPy source, e.g. {@code [1, ::-2, None, ...]}. */
    record Slice(Index[] items) {
        @Override
        public String toString() {
            return Arrays.stream(items).map(Slice::show).collect(Collectors.joining(", ", "[", "]"));
        }

        private static String show(Index item) {
            return switch (item) {
                case Index.At at -> Integer.toString(at.index());
                case Index.Range r -> (r.start() == null ? "" : r.start()) + ":" + (r.stop() == null ? "" : r.stop())
                        + (r.step() == 1 ? "" : ":" + r.step());
                case Index.NewAxis n -> "None";
                case Index.Ellipsis e -> "...";
            };
        }
    }
}
