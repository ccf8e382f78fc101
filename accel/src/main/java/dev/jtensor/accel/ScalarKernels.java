package dev.jtensor.accel;

/**
 * The reference backend and the living definition of every primitive: plain Java loops, row by
 * row over strided data. Floating-point math runs in double precision and is rounded to the
 * output type (exact for +, -, *, / and sqrt; at least as accurate as float math for the rest);
 * integer math runs in 64-bit two's complement and wraps on narrowing, as TensorFlow's int32
 * kernels do.
 *
 * <p>This class holds the definitions of the math ({@link #unaryRow}, {@link #binaryRow},
 * {@link #axpy(float, float[], float[], float[], int, int)}), which the SIMD rows reuse for their
 * tails; the loops that walk strided operands live in one package-private class per family:
 * {@code ScalarElementwise} (unary, binary, select, copy, fill, axpy), {@code ScalarReductions}
 * (reduce, argReduce, cumulative), {@code ScalarLinearAlgebra} (matmul, inverse, determinant) and
 * {@code ScalarIndexing} (gather, segmentSum), {@link PatchKernels} (image patches and their
 * adjoint, image by image) and {@link ConvolutionKernels} (direct convolution, accumulated in
 * double). Every kernel writes every element of its output; only segmentSum adds
 * into it.
 */
public final class ScalarKernels implements Kernels {

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public void unary(UnaryOp op, int[] shape, Strided x, Strided out) {
        ScalarElementwise.unary(op, shape, x, out);
    }

    @Override
    public void binary(BinaryOp op, int[] shape, Strided a, Strided b, Strided out) {
        ScalarElementwise.binary(op, shape, a, b, out);
    }

    @Override
    public void fused(FusedProgram program, int[] shape, Strided[] inputs, Strided out) {
        ScalarElementwise.fused(program, shape, inputs, out);
    }

    @Override
    public void select(int[] shape, Strided cond, Strided a, Strided b, Strided out) {
        ScalarElementwise.select(shape, cond, a, b, out);
    }

    @Override
    public void copy(int[] shape, Strided src, Strided dst) {
        ScalarElementwise.copy(shape, src, dst);
    }

    @Override
    public void fill(int size, double value, Object out) {
        ScalarElementwise.fill(size, value, out);
    }

    @Override
    public void axpy(int size, double alpha, Object x, Object y, Object out) {
        ScalarElementwise.axpy(size, alpha, x, y, out);
    }

    @Override
    public void applyUpdate(UpdateRule rule, int size, double[] scalars, Object gradient, Object[] state, Object[] out) {
        ScalarUpdates.apply(rule, size, scalars, gradient, state, out);
    }

    @Override
    public void reduce(ReduceOp op, int[] shape, boolean[] reduced, Strided x, Object out) {
        ScalarReductions.reduce(op, shape, reduced, x, out);
    }

    @Override
    public void argReduce(boolean max, int[] shape, int axis, Strided x, long[] out) {
        ScalarReductions.argReduce(max, shape, axis, x, out);
    }

    @Override
    public void cumulative(boolean product, int[] shape, int axis, boolean exclusive, boolean reverse, Strided x,
                           Object out) {
        ScalarReductions.cumulative(product, shape, axis, exclusive, reverse, x, out);
    }

    @Override
    public void matmul(int[] batchShape, int m, int n, int k, Strided a, Strided b, Object out) {
        ScalarLinearAlgebra.matmul(batchShape, m, n, k, a, b, out);
    }

    @Override
    public void matrixInverse(int batch, int n, Object in, Object out) {
        ScalarLinearAlgebra.matrixInverse(batch, n, in, out);
    }

    @Override
    public void matrixDeterminant(int batch, int n, Object in, Object out) {
        ScalarLinearAlgebra.matrixDeterminant(batch, n, in, out);
    }

    @Override
    public void gather(Object params, int outer, int axisLength, int inner, int[] indices, Object out) {
        ScalarIndexing.gather(params, outer, axisLength, inner, indices, out);
    }

    @Override
    public void segmentSum(Object data, int inner, int[] ids, Object out) {
        ScalarIndexing.segmentSum(data, inner, ids, out);
    }

    @Override
    public void imagePatches(PatchGeometry geometry, double padValue, Object image, Object out) {
        PatchKernels.extract(geometry, padValue, image, out, 0, geometry.batch());
    }

    @Override
    public void imagePatchesAdjoint(PatchGeometry geometry, Object patches, Object image) {
        PatchKernels.accumulate(geometry, patches, image, 0, geometry.batch());
    }

    @Override
    public void conv2d(PatchGeometry geometry, int outChannels, Object image, Object filter, Object out) {
        ConvolutionKernels.conv2d(geometry, outChannels, image, filter, out);
    }


    // ---------------------------------------------------------------- the definitions

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

    /** {@code out[i] = y[i] + alpha * x[i]} for {@code from <= i < to}, each op rounded to float. */
    public static void axpy(float alpha, float[] x, float[] y, float[] out, int from, int to) {
        for (int i = from; i < to; i++) out[i] = y[i] + alpha * x[i];
    }

    /** {@code out[i] = y[i] + alpha * x[i]} for {@code from <= i < to}. */
    public static void axpy(double alpha, double[] x, double[] y, double[] out, int from, int to) {
        for (int i = from; i < to; i++) out[i] = y[i] + alpha * x[i];
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
    static void floorDivFloat32Row(double[] a, double[] b, int n) {
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
    public static double pow(double base, double exponent) {
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
}
