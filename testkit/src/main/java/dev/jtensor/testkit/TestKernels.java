package dev.jtensor.testkit;

import dev.jtensor.accel.BinaryOp;
import dev.jtensor.accel.FusedProgram;
import dev.jtensor.accel.Kernels;
import dev.jtensor.accel.PatchGeometry;
import dev.jtensor.accel.ReduceOp;
import dev.jtensor.accel.ScalarKernels;
import dev.jtensor.accel.Strided;
import dev.jtensor.accel.UnaryOp;
import dev.jtensor.accel.UpdateRule;

/** The test device's kernels: each call counts, unwraps its device buffers and runs the scalar reference. */
final class TestKernels implements Kernels {

    private final TestBackend backend;
    private final ScalarKernels reference = new ScalarKernels();

    TestKernels(TestBackend backend) {
        this.backend = backend;
    }

    /** The array inside a device buffer; a bare host array here means data skipped an upload. */
    static Object unwrap(Object buffer) {
        if (buffer instanceof TestBuffer b) {
            return b.array;
        }
        throw new AssertionError("a host " + (buffer == null ? "null" : buffer.getClass().getSimpleName())
                + " reached the test device's kernels: it was never uploaded");
    }

    private Strided on(Strided s) {
        return new Strided(unwrap(s.data()), s.offset(), s.strides());
    }

    private void count() {
        backend.kernelCalls.incrementAndGet();
    }

    @Override
    public String name() {
        return "test";
    }

    @Override
    public void unary(UnaryOp op, int[] shape, Strided x, Strided out) {
        count();
        reference.unary(op, shape, on(x), on(out));
    }

    @Override
    public void binary(BinaryOp op, int[] shape, Strided a, Strided b, Strided out) {
        count();
        reference.binary(op, shape, on(a), on(b), on(out));
    }

    @Override
    public void fused(FusedProgram program, int[] shape, Strided[] inputs, Strided out) {
        count();
        Strided[] on = new Strided[inputs.length];
        for (int i = 0; i < on.length; i++) on[i] = on(inputs[i]);
        reference.fused(program, shape, on, on(out));
    }

    @Override
    public void select(int[] shape, Strided cond, Strided a, Strided b, Strided out) {
        count();
        reference.select(shape, on(cond), on(a), on(b), on(out));
    }

    @Override
    public void copy(int[] shape, Strided src, Strided dst) {
        count();
        reference.copy(shape, on(src), on(dst));
    }

    @Override
    public void reduce(ReduceOp op, int[] shape, boolean[] reduced, Strided x, Object out) {
        count();
        reference.reduce(op, shape, reduced, on(x), unwrap(out));
    }

    @Override
    public void argReduce(boolean max, int[] shape, int axis, Strided x, long[] out) {
        count();
        reference.argReduce(max, shape, axis, on(x), out);
    }

    @Override
    public void cumulative(boolean product, int[] shape, int axis, boolean exclusive, boolean reverse, Strided x,
                           Object out) {
        count();
        reference.cumulative(product, shape, axis, exclusive, reverse, on(x), unwrap(out));
    }

    @Override
    public void matmul(int[] batchShape, int m, int n, int k, Strided a, Strided b, Object out) {
        count();
        reference.matmul(batchShape, m, n, k, on(a), on(b), unwrap(out));
    }

    @Override
    public void fill(int size, double value, Object out) {
        count();
        reference.fill(size, value, unwrap(out));
    }

    @Override
    public void axpy(int size, double alpha, Object x, Object y, Object out) {
        count();
        reference.axpy(size, alpha, unwrap(x), unwrap(y), unwrap(out));
    }

    @Override
    public void applyUpdate(UpdateRule rule, int size, double[] scalars, Object gradient, Object[] state, Object[] out) {
        count();
        Object[] s = new Object[state.length], o = new Object[out.length];
        for (int i = 0; i < s.length; i++) s[i] = unwrap(state[i]);
        for (int i = 0; i < o.length; i++) o[i] = unwrap(out[i]);
        reference.applyUpdate(rule, size, scalars, unwrap(gradient), s, o);
    }

    @Override
    public void applyUpdate(UpdateRule rule, int size, Object[] scalars, Object gradient, Object[] state, Object[] out) {
        double[] values = new double[scalars.length];
        for (int i = 0; i < values.length; i++) values[i] = java.lang.reflect.Array.getDouble(unwrap(scalars[i]), 0);
        applyUpdate(rule, size, values, gradient, state, out);
    }

    @Override
    public void gather(Object params, int outer, int axisLength, int inner, int[] indices, Object out) {
        count();
        reference.gather(unwrap(params), outer, axisLength, inner, indices, unwrap(out));
    }

    @Override
    public void segmentSum(Object data, int inner, int[] ids, Object out) {
        count();
        reference.segmentSum(unwrap(data), inner, ids, unwrap(out));
    }

    @Override
    public void imagePatches(PatchGeometry geometry, double padValue, Object image, Object out) {
        count();
        reference.imagePatches(geometry, padValue, unwrap(image), unwrap(out));
    }

    @Override
    public void imagePatchesAdjoint(PatchGeometry geometry, Object patches, Object image) {
        count();
        reference.imagePatchesAdjoint(geometry, unwrap(patches), unwrap(image));
    }

    @Override
    public void conv2d(PatchGeometry geometry, int outChannels, Object image, Object filter, Object out) {
        count();
        reference.conv2d(geometry, outChannels, unwrap(image), unwrap(filter), unwrap(out));
    }


    @Override
    public void matrixInverse(int batch, int n, Object in, Object out) {
        count();
        reference.matrixInverse(batch, n, unwrap(in), unwrap(out));
    }

    @Override
    public void matrixDeterminant(int batch, int n, Object in, Object out) {
        count();
        reference.matrixDeterminant(batch, n, unwrap(in), unwrap(out));
    }
}
