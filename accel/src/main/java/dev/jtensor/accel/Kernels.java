package dev.jtensor.accel;

/**
 * The kernel service-provider interface: the closed set of primitive computations every backend
 * implements. Inputs are {@link Strided} views, outputs are written row-major unless an output
 * {@link Strided} is given. Element types follow the arrays: a {@code float[]} input yields
 * float32 math, and so on. Callers (the tensor layer) have already checked shapes and dtypes;
 * kernels throw {@link ArithmeticException} only for data-dependent failures such as integer
 * division by zero or a singular matrix.
 */
public interface Kernels {

    /** Short name of the backend, for logs ("scalar", "simd", ...). */
    String name();

    /** {@code out[i] = op(x[i])} over {@code shape}. */
    void unary(UnaryOp op, int[] shape, Strided x, Strided out);

    /** {@code out[i] = op(a[i], b[i])} over {@code shape}; broadcasting is expressed by zero strides. */
    void binary(BinaryOp op, int[] shape, Strided a, Strided b, Strided out);

    /**
     * {@code out = program(inputs)} elementwise, in one pass with no intermediate tensors. The
     * inputs are views of {@code shape} (broadcast ones with zero strides) of out's floating
     * dtype, float32 or float64; the result is bit for bit that of the program's ops run one by one.
     */
    void fused(FusedProgram program, int[] shape, Strided[] inputs, Strided out);

    /** {@code out[i] = cond[i] ? a[i] : b[i]}; {@code cond} is a boolean array. */
    void select(int[] shape, Strided cond, Strided a, Strided b, Strided out);

    /** Copies {@code src} to {@code dst} element by element, converting the element type if the arrays differ. */
    void copy(int[] shape, Strided src, Strided dst);

    /**
     * Reduces the axes flagged in {@code reduced}; {@code out} receives the kept axes in order,
     * row-major.
     */
    void reduce(ReduceOp op, int[] shape, boolean[] reduced, Strided x, Object out);

    /**
     * Index of the first largest ({@code max}) or smallest element along {@code axis} (whose length
     * is at least 1); {@code out} receives the other axes row-major.
     */
    void argReduce(boolean max, int[] shape, int axis, Strided x, long[] out);

    /**
     * Running sum (or product) along {@code axis}, optionally exclusive and/or from the end;
     * {@code out} is row-major.
     */
    void cumulative(boolean product, int[] shape, int axis, boolean exclusive, boolean reverse, Strided x, Object out);

    /**
     * Batched matrix product. {@code a} has strides for {@code batchShape..., m, k} and {@code b} for
     * {@code batchShape..., k, n} (zero strides broadcast a batch dimension, swapped strides express a
     * transpose); {@code out} receives {@code batchShape..., m, n} row-major.
     */
    void matmul(int[] batchShape, int m, int n, int k, Strided a, Strided b, Object out);

    /**
     * Sets the first {@code size} elements of {@code out} to {@code value}, converted to its element
     * type as a cast would (nonzero is true for bool).
     */
    void fill(int size, double value, Object out);

    /**
     * {@code out[i] = y[i] + alpha * x[i]} for {@code size} elements of dense {@code float[]} or
     * {@code double[]} arrays from index 0 (BLAS's axpy; optimizers update variables with it). The
     * product is rounded to the element type before the sum, so the result is bit-identical to
     * {@code y + (alpha * x)} computed as two ops.
     */
    void axpy(int size, double alpha, Object x, Object y, Object out);

    /**
     * One fused optimizer update ({@link UpdateRule}, TensorFlow's {@code ResourceApply*} kernels):
     * reads {@code gradient} and {@code state} (the variable, then the rule's slots) and writes the
     * new state into {@code out} (as many arrays; each may be its {@code state} array, for an update
     * in place), all dense {@code float[]} or {@code double[]} arrays of {@code size} elements from
     * index 0; {@code scalars} are the rule's hyperparameters, rounded to the element type.
     */
    void applyUpdate(UpdateRule rule, int size, double[] scalars, Object gradient, Object[] state, Object[] out);

    /**
     * {@link #applyUpdate(UpdateRule, int, double[], Object, Object[], Object[]) applyUpdate} with the
     * hyperparameters in one-element buffers of this backend, of the state's element type: a device
     * backend reads them where they are, so a learning rate computed on the device (from the step
     * count) never comes to the host. This default reads them as host arrays.
     */
    default void applyUpdate(UpdateRule rule, int size, Object[] scalars, Object gradient, Object[] state, Object[] out) {
        double[] values = new double[scalars.length];
        for (int i = 0; i < values.length; i++) values[i] = java.lang.reflect.Array.getDouble(scalars[i], 0);
        applyUpdate(rule, size, values, gradient, state, out);
    }

    /**
     * Gathers along the middle axis of a row-major {@code [outer, axisLength, inner]} array:
     * {@code out[o, i, j] = params[o, indices[i], j]}; indices are already checked to be in range.
     */
    void gather(Object params, int outer, int axisLength, int inner, int[] indices, Object out);

    /**
     * Adds the rows of a row-major {@code [ids.length, inner]} {@code data} into the rows of a
     * row-major {@code [segments, inner]} {@code out} (zero on entry) that {@code ids} name, in order:
     * {@code out[ids[i], j] += data[i, j]}; negative ids are skipped, the others are already checked
     * to be below {@code segments}. The adjoint of {@link #gather} along axis 0.
     */
    void segmentSum(Object data, int inner, int[] ids, Object out);

    /**
     * The sliding windows of a batch of images (TensorFlow's {@code ExtractImagePatches}, im2col):
     * from a dense row-major {@code [N, H, W, C]} float32 or float64 {@code image}, writes the
     * row-major {@code [N, OH, OW, KH * KW * C]} {@code out}, each window's pixels in {@code (kh, kw, c)}
     * order and {@code padValue} for taps outside the image ({@link PatchGeometry}).
     */
    void imagePatches(PatchGeometry geometry, double padValue, Object image, Object out);

    /**
     * The adjoint of {@link #imagePatches} (col2im): writes the dense row-major {@code [N, H, W, C]}
     * {@code image} whose every pixel is the sum of the entries of the {@code [N, OH, OW, KH * KW * C]}
     * {@code patches} that extraction copies from it (taps over padding are dropped).
     */
    void imagePatchesAdjoint(PatchGeometry geometry, Object patches, Object image);

    /**
     * A 2-D convolution (TensorFlow's {@code Conv2D}): from a dense row-major {@code [N, H, W, C]}
     * {@code image} and {@code [KH, KW, C, OC]} {@code filter} (float32 or float64, both alike),
     * writes the {@code [N, OH, OW, OC]} {@code out}: each window's pixels ({@link PatchGeometry},
     * zeros over padding) times the filter.
     */
    void conv2d(PatchGeometry geometry, int outChannels, Object image, Object filter, Object out);

    /**
     * Inverts {@code batch} row-major {@code n x n} matrices.
     *
     * @throws ArithmeticException if a matrix is singular
     */
    void matrixInverse(int batch, int n, Object in, Object out);

    /** Determinants of {@code batch} row-major {@code n x n} matrices. */
    void matrixDeterminant(int batch, int n, Object in, Object out);
}
