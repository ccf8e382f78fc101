package dev.jtensor.tornado;

import dev.jtensor.accel.BinaryOp;
import dev.jtensor.accel.FusedProgram;
import dev.jtensor.accel.Kernels;
import dev.jtensor.accel.PatchGeometry;
import dev.jtensor.accel.ReduceOp;
import dev.jtensor.accel.ScalarKernels;
import dev.jtensor.accel.Strided;
import dev.jtensor.accel.UnaryOp;
import dev.jtensor.accel.UpdateRule;
import dev.jtensor.tornado.DeviceMemory.Kernel;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;

/**
 * The kernel SPI on a TornadoVM device: each call writes its arguments and runs one device kernel
 * (a fused program runs its steps as device kernels). What the device kernels do not cover runs on
 * the host's scalar kernels over downloaded copies, the result uploaded back ({@link #onHost}):
 * convolutions and image patches, matrix inverse and determinant, integer division and power (which
 * must report a zero divisor), floating remainders, and views of more than 16 dimensions. Each such
 * call counts as transfers.
 */
final class TornadoKernels implements Kernels {

    private final DeviceMemory memory;
    private final ScalarKernels host = new ScalarKernels();

    TornadoKernels(DeviceMemory memory) {
        this.memory = memory;
    }

    @Override
    public String name() {
        return "tornado";
    }

    static DeviceBuffer buffer(Object data) {
        if (data instanceof DeviceBuffer b) return b;
        throw new IllegalArgumentException("TornadoVM kernels: a host " + (data == null ? "null" : data.getClass().getSimpleName())
                + " reached the device's kernels: it was never uploaded");
    }

    private static int count(int[] shape) {
        int n = 1;
        for (int d : shape) n *= d;
        return n;
    }

    /** Writes a strided elementwise call's header and operands; false if the rank is beyond the kernels'. */
    private static boolean elementwise(IntArray a, int op, int[] shape, Strided... operands) {
        if (shape.length > Elementwise.MAX_RANK) return false;
        a.set(Elementwise.OP, op);
        a.set(Elementwise.N, count(shape));
        a.set(Elementwise.RANK, shape.length);
        for (int d = 0; d < shape.length; d++) a.set(Elementwise.SHAPE + d, shape[d]);
        for (int k = 0; k < operands.length; k++) {
            DeviceBuffer b = buffer(operands[k].data());
            int base = Elementwise.OPERANDS + k * Elementwise.OPERAND_SIZE;
            a.set(base, b.code);
            a.set(base + 1, b.offset + operands[k].offset());
            for (int d = 0; d < shape.length; d++) a.set(base + 2 + d, operands[k].strides()[d]);
        }
        return true;
    }

    @Override
    public void unary(UnaryOp op, int[] shape, Strided x, Strided out) {
        int n = count(shape);
        if (n == 0) return;
        synchronized (memory) {
            if (elementwise(memory.args(Kernel.UNARY), unaryCode(op), shape, x, out)) {
                memory.launch(Kernel.UNARY, n);
                return;
            }
        }
        onHost(() -> host.unary(op, shape, hostView(x), hostView(out)), out);
    }

    @Override
    public void binary(BinaryOp op, int[] shape, Strided a, Strided b, Strided out) {
        int n = count(shape);
        if (n == 0) return;
        int code = buffer(a.data()).code;
        boolean integerDivision = !ElementCode.floating(code) && switch (op) {
            case FLOOR_DIV, FLOOR_MOD, TRUNCATE_DIV, POW, DIVIDE -> true;
            default -> false;
        };
        // the device's floating remainder is left to the host's exact definition too
        if (!integerDivision && op != BinaryOp.FLOOR_MOD) {
            int opCode = op == BinaryOp.FLOOR_DIV && code == ElementCode.F32 ? Elementwise.FLOOR_DIV_F32 : binaryCode(op);
            synchronized (memory) {
                if (elementwise(memory.args(Kernel.BINARY), opCode, shape, a, b, out)) {
                    memory.launch(Kernel.BINARY, n);
                    return;
                }
            }
        }
        onHost(() -> host.binary(op, shape, hostView(a), hostView(b), hostView(out)), out);
    }

    /**
     * Runs the program's steps one by one as device kernels, each register a dense temporary of the
     * output's shape (a constant one element with zero strides), so nothing leaves the device and the
     * bits are those of the unfused ops. Temporaries go back to the arena when unreachable.
     */
    @Override
    public void fused(FusedProgram program, int[] shape, Strided[] inputs, Strided out) {
        int n = count(shape);
        if (n == 0) return;
        Class<?> type = buffer(out.data()).elementType();
        Strided[] registers = java.util.Arrays.copyOf(inputs, program.result() + 1);
        int[] dense = Strided.rowMajorStrides(shape);
        for (int step = 0; step < program.steps().size(); step++) {
            int r = program.inputs() + step;
            boolean last = r == program.result();
            switch (program.steps().get(step)) {
                case FusedProgram.Constant k -> {
                    Object one = memory.allocate(ElementCode.of(type), 1);
                    fill(1, k.value(), one);
                    registers[r] = new Strided(one, 0, new int[shape.length]);
                    if (last) copy(shape, registers[r], out);
                }
                case FusedProgram.Unary u -> {
                    registers[r] = last ? out : new Strided(memory.allocate(ElementCode.of(type), n), 0, dense);
                    unary(u.op(), shape, registers[u.x()], registers[r]);
                }
                case FusedProgram.Binary b -> {
                    registers[r] = last ? out : new Strided(memory.allocate(ElementCode.of(type), n), 0, dense);
                    binary(b.op(), shape, registers[b.x()], registers[b.y()], registers[r]);
                }
            }
        }
    }

    @Override
    public void select(int[] shape, Strided cond, Strided a, Strided b, Strided out) {
        int n = count(shape);
        if (n == 0) return;
        synchronized (memory) {
            if (elementwise(memory.args(Kernel.SELECT), 0, shape, cond, a, b, out)) {
                memory.launch(Kernel.SELECT, n);
                return;
            }
        }
        onHost(() -> host.select(shape, hostView(cond), hostView(a), hostView(b), hostView(out)), out);
    }

    @Override
    public void copy(int[] shape, Strided src, Strided dst) {
        int n = count(shape);
        if (n == 0) return;
        synchronized (memory) {
            if (elementwise(memory.args(Kernel.COPY), 0, shape, src, dst)) {
                memory.launch(Kernel.COPY, n);
                return;
            }
        }
        onHost(() -> host.copy(shape, hostView(src), hostView(dst)), dst);
    }

    @Override
    public void reduce(ReduceOp op, int[] shape, boolean[] reduced, Strided x, Object out) {
        int kept = 0;
        for (boolean r : reduced) if (!r) kept++;
        if (shape.length - kept > Reductions.MAX_RANK || kept > Reductions.MAX_RANK) {
            onHost(() -> host.reduce(op, shape, reduced, hostView(x), hostArray(out)), out);
            return;
        }
        synchronized (memory) {
            IntArray a = memory.args(Kernel.REDUCE);
            int outputs = split(a, shape, reduced, x.strides());
            a.set(Reductions.OP, reduceCode(op));
            io(a, x, out);
            if (outputs > 0) memory.launch(Kernel.REDUCE, outputs);
        }
    }

    /** Writes the kept and reduced axes; returns the number of outputs. */
    private static int split(IntArray a, int[] shape, boolean[] reduced, int[] strides) {
        int kept = 0, red = 0, outputs = 1, inner = 1;
        for (int d = 0; d < shape.length; d++) {
            if (reduced[d]) {
                a.set(Reductions.REDUCED + red, shape[d]);
                a.set(Reductions.REDUCED + Reductions.MAX_RANK + red, strides[d]);
                red++;
                inner *= shape[d];
            } else {
                a.set(Reductions.KEPT + kept, shape[d]);
                a.set(Reductions.KEPT + Reductions.MAX_RANK + kept, strides[d]);
                kept++;
                outputs *= shape[d];
            }
        }
        a.set(Reductions.KEPT_RANK, kept);
        a.set(Reductions.REDUCED_RANK, red);
        a.set(Reductions.OUTPUTS, outputs);
        a.set(Reductions.INNER_COUNT, inner);
        return outputs;
    }

    private static void io(IntArray a, Strided x, Object out) {
        DeviceBuffer in = buffer(x.data()), o = buffer(out);
        a.set(Reductions.IO, in.code);
        a.set(Reductions.IO + 1, in.offset + x.offset());
        a.set(Reductions.IO + 2, o.code);
        a.set(Reductions.IO + 3, o.offset);
    }

    @Override
    public void argReduce(boolean max, int[] shape, int axis, Strided x, long[] out) {
        if (shape.length > Reductions.MAX_RANK) {
            onHost(() -> host.argReduce(max, shape, axis, hostView(x), out), null);
            return;
        }
        boolean[] reduced = new boolean[shape.length];
        reduced[axis] = true;
        DeviceBuffer result = memory.allocate(ElementCode.I64, Math.max(1, out.length));
        synchronized (memory) {
            IntArray a = memory.args(Kernel.ARG_REDUCE);
            int outputs = split(a, shape, reduced, x.strides());
            a.set(Reductions.OP, max ? Reductions.ARGMAX : Reductions.ARGMIN);
            io(a, x, result);
            if (outputs > 0) memory.launch(Kernel.ARG_REDUCE, outputs);
        }
        System.arraycopy(memory.read(result, out.length), 0, out, 0, out.length);
    }

    @Override
    public void cumulative(boolean product, int[] shape, int axis, boolean exclusive, boolean reverse, Strided x, Object out) {
        if (shape.length > Reductions.MAX_RANK) {
            onHost(() -> host.cumulative(product, shape, axis, exclusive, reverse, hostView(x), hostArray(out)), out);
            return;
        }
        boolean[] reduced = new boolean[shape.length];
        reduced[axis] = true;
        int[] outStrides = Strided.rowMajorStrides(shape);
        synchronized (memory) {
            IntArray a = memory.args(Kernel.CUMULATIVE);
            int outputs = split(a, shape, reduced, x.strides());
            int kept = 0;
            for (int d = 0; d < shape.length; d++) {
                if (d != axis) a.set(Reductions.OUT_KEPT + kept++, outStrides[d]);
            }
            a.set(Reductions.OUT_STRIDE, outStrides[axis]);
            a.set(Reductions.EXCLUSIVE, exclusive ? 1 : 0);
            a.set(Reductions.REVERSE, reverse ? 1 : 0);
            a.set(Reductions.OP, product ? Reductions.CUMPROD : Reductions.CUMSUM);
            io(a, x, out);
            if (outputs > 0 && shape[axis] > 0) memory.launch(Kernel.CUMULATIVE, outputs);
        }
    }

    @Override
    public void matmul(int[] batchShape, int m, int n, int k, Strided a, Strided b, Object out) {
        if (batchShape.length > LinearAlgebra.MAX_BATCH_RANK) {
            onHost(() -> host.matmul(batchShape, m, n, k, hostView(a), hostView(b), hostArray(out)), out);
            return;
        }
        int batch = count(batchShape);
        if (batch == 0 || m == 0 || n == 0) return;
        DeviceBuffer o = buffer(out);
        Kernel kernel = o.code == ElementCode.F32 ? Kernel.MATMUL_TILED : Kernel.MATMUL;
        synchronized (memory) {
            IntArray g = memory.args(kernel);
            int r = batchShape.length;
            int[] as = a.strides(), bs = b.strides();
            g.set(LinearAlgebra.M, m);
            g.set(LinearAlgebra.N, n);
            g.set(LinearAlgebra.K, k);
            g.set(LinearAlgebra.A_OFF, buffer(a.data()).offset + a.offset());
            g.set(LinearAlgebra.A_ROW, as[r]);
            g.set(LinearAlgebra.A_COL, as[r + 1]);
            g.set(LinearAlgebra.B_OFF, buffer(b.data()).offset + b.offset());
            g.set(LinearAlgebra.B_ROW, bs[r]);
            g.set(LinearAlgebra.B_COL, bs[r + 1]);
            g.set(LinearAlgebra.OUT_OFF, o.offset);
            g.set(LinearAlgebra.CODE, o.code);
            g.set(LinearAlgebra.BATCH_RANK, r);
            for (int d = 0; d < r; d++) {
                g.set(LinearAlgebra.BATCH_SHAPE + d, batchShape[d]);
                g.set(LinearAlgebra.A_BATCH + d, as[d]);
                g.set(LinearAlgebra.B_BATCH + d, bs[d]);
            }
            memory.launch3d(kernel, n, m, batch);
        }
    }

    @Override
    public void fill(int size, double value, Object out) {
        if (size == 0) return;
        DeviceBuffer o = buffer(out);
        synchronized (memory) {
            IntArray a = memory.args(Kernel.FILL);
            a.set(Elementwise.N, size);
            a.set(Elementwise.OPERANDS, o.code);
            a.set(Elementwise.OPERANDS + 1, o.offset);
            memory.scalars(Kernel.FILL).set(0, value);
            memory.launch(Kernel.FILL, size);
        }
    }

    @Override
    public void axpy(int size, double alpha, Object x, Object y, Object out) {
        update(Updates.AXPY, size, new double[] {alpha}, null, x, new Object[] {y}, new Object[] {out});
    }

    @Override
    public void applyUpdate(UpdateRule rule, int size, double[] scalars, Object gradient, Object[] state, Object[] out) {
        update(ruleCode(rule), size, scalars, null, gradient, state, out);
    }

    @Override
    public void applyUpdate(UpdateRule rule, int size, Object[] scalars, Object gradient, Object[] state, Object[] out) {
        update(ruleCode(rule), size, null, scalars, gradient, state, out);
    }

    /** Gathers the hyperparameters (host {@code values}, or one-element device {@code buffers}), then updates. */
    private void update(int rule, int size, double[] values, Object[] buffers, Object gradient, Object[] state, Object[] out) {
        if (size == 0) return;
        DeviceBuffer g = buffer(gradient);
        synchronized (memory) {
            IntArray h = memory.args(Kernel.HYPERPARAMETERS);
            var hs = memory.scalars(Kernel.HYPERPARAMETERS);
            int count = values != null ? values.length : buffers.length;
            h.set(Updates.COUNT, count);
            h.set(Updates.TARGET, memory.hyperparameters);
            for (int q = 0; q < count; q++) {
                DeviceBuffer b = values != null ? null : buffer(buffers[q]);
                h.set(Updates.VALUES + 2 * q, b == null ? -1 : b.code);
                h.set(Updates.VALUES + 2 * q + 1, b == null ? 0 : b.offset);
                hs.set(q, values != null ? values[q] : 0);
            }
            memory.launch(Kernel.HYPERPARAMETERS, count);

            IntArray a = memory.args(Kernel.UPDATE);
            a.set(Updates.RULE, rule);
            a.set(Updates.SIZE, size);
            a.set(Updates.CODE, g.code);
            a.set(Updates.GRADIENT, g.offset);
            a.set(Updates.HYPERPARAMETERS, memory.hyperparameters);
            for (int q = 0; q < 4; q++) {
                // unused slots point at the variable: read, never written
                a.set(Updates.STATE + q, buffer(state[q < state.length ? q : 0]).offset);
                a.set(Updates.OUT + q, buffer(out[q < out.length ? q : 0]).offset);
            }
            memory.launch(Kernel.UPDATE, size);
        }
    }

    @Override
    public void gather(Object params, int outer, int axisLength, int inner, int[] indices, Object out) {
        int total = outer * indices.length * inner;
        if (total == 0) return;
        DeviceBuffer idx = upload(indices);
        DeviceBuffer p = buffer(params), o = buffer(out);
        synchronized (memory) {
            IntArray a = memory.args(Kernel.GATHER);
            a.set(Indexing.COUNT, total);
            a.set(Indexing.CODE, o.code);
            a.set(Indexing.SOURCE, p.offset);
            a.set(Indexing.AXIS_LENGTH, axisLength);
            a.set(Indexing.INNER, inner);
            a.set(Indexing.INDICES, indices.length);
            a.set(Indexing.INDEX_OFF, idx.offset);
            a.set(Indexing.TARGET, o.offset);
            memory.launch(Kernel.GATHER, total);
        }
    }

    @Override
    public void segmentSum(Object data, int inner, int[] ids, Object out) {
        if (inner == 0 || ids.length == 0) return;
        DeviceBuffer idx = upload(ids);
        DeviceBuffer d = buffer(data), o = buffer(out);
        synchronized (memory) {
            IntArray a = memory.args(Kernel.SEGMENT_SUM);
            a.set(Indexing.CODE, o.code);
            a.set(Indexing.SOURCE, d.offset);
            a.set(Indexing.INNER, inner);
            a.set(Indexing.INDICES, ids.length);
            a.set(Indexing.INDEX_OFF, idx.offset);
            a.set(Indexing.TARGET, o.offset);
            memory.launch(Kernel.SEGMENT_SUM, inner);
        }
    }

    private DeviceBuffer upload(int[] indices) {
        DeviceBuffer b = memory.allocate(ElementCode.I32, indices.length);
        memory.write(indices, 0, indices.length, b, 0);
        return b;
    }

    @Override
    public void imagePatches(PatchGeometry geometry, double padValue, Object image, Object out) {
        onHost(() -> host.imagePatches(geometry, padValue, hostArray(image), hostArray(out)), out);
    }

    @Override
    public void imagePatchesAdjoint(PatchGeometry geometry, Object patches, Object image) {
        onHost(() -> host.imagePatchesAdjoint(geometry, hostArray(patches), hostArray(image)), image);
    }

    @Override
    public void conv2d(PatchGeometry geometry, int outChannels, Object image, Object filter, Object out) {
        onHost(() -> host.conv2d(geometry, outChannels, hostArray(image), hostArray(filter), hostArray(out)), out);
    }

    @Override
    public void matrixInverse(int batch, int n, Object in, Object out) {
        onHost(() -> host.matrixInverse(batch, n, hostArray(in), hostArray(out)), out);
    }

    @Override
    public void matrixDeterminant(int batch, int n, Object in, Object out) {
        onHost(() -> host.matrixDeterminant(batch, n, hostArray(in), hostArray(out)), out);
    }

    // ---- the host path: download, run the scalar kernel, upload the output ----

    /** Host copies made during one {@link #onHost} call, by device buffer. */
    private final ThreadLocal<java.util.IdentityHashMap<DeviceBuffer, Object>> copies = new ThreadLocal<>();

    /** Runs {@code kernel} over host copies and uploads {@code output}'s copy back (none when it is null: a host array). */
    private void onHost(Runnable kernel, Object output) {
        var map = new java.util.IdentityHashMap<DeviceBuffer, Object>();
        copies.set(map);
        try {
            kernel.run();
        } finally {
            copies.remove();
        }
        if (output == null) return;
        DeviceBuffer target = buffer(output instanceof Strided s ? s.data() : output);
        Object result = map.get(target);
        memory.write(result, 0, target.size, target, 0);
    }

    private Object hostArray(Object buffer) {
        DeviceBuffer b = buffer(buffer);
        return copies.get().computeIfAbsent(b, k -> memory.read(k, k.size));
    }

    private Strided hostView(Strided view) {
        return new Strided(hostArray(view.data()), view.offset(), view.strides());
    }

    static int unaryCode(UnaryOp op) {
        return switch (op) {
            case NEGATIVE -> Elementwise.NEGATIVE;
            case ABS -> Elementwise.ABS;
            case SIGN -> Elementwise.SIGN;
            case SQUARE -> Elementwise.SQUARE;
            case RELU -> Elementwise.RELU;
            case RECIPROCAL -> Elementwise.RECIPROCAL;
            case SQRT -> Elementwise.SQRT;
            case RSQRT -> Elementwise.RSQRT;
            case EXP -> Elementwise.EXP;
            case LOG -> Elementwise.LOG;
            case LOG1P -> Elementwise.LOG1P;
            case EXPM1 -> Elementwise.EXPM1;
            case SIN -> Elementwise.SIN;
            case COS -> Elementwise.COS;
            case TANH -> Elementwise.TANH;
            case SIGMOID -> Elementwise.SIGMOID;
            case SOFTPLUS -> Elementwise.SOFTPLUS;
            case FLOOR -> Elementwise.FLOOR;
            case CEIL -> Elementwise.CEIL;
            case ROUND -> Elementwise.ROUND;
            case LOGICAL_NOT -> Elementwise.LOGICAL_NOT;
        };
    }

    static int binaryCode(BinaryOp op) {
        return switch (op) {
            case ADD -> Elementwise.ADD;
            case SUBTRACT -> Elementwise.SUBTRACT;
            case MULTIPLY -> Elementwise.MULTIPLY;
            case DIVIDE -> Elementwise.DIVIDE;
            case FLOOR_DIV -> Elementwise.FLOOR_DIV;
            case FLOOR_MOD -> Elementwise.FLOOR_MOD;
            case TRUNCATE_DIV -> Elementwise.TRUNCATE_DIV;
            case POW -> Elementwise.POW;
            case MAXIMUM -> Elementwise.MAXIMUM;
            case MINIMUM -> Elementwise.MINIMUM;
            case EQUAL -> Elementwise.EQUAL;
            case NOT_EQUAL -> Elementwise.NOT_EQUAL;
            case LESS -> Elementwise.LESS;
            case LESS_EQUAL -> Elementwise.LESS_EQUAL;
            case GREATER -> Elementwise.GREATER;
            case GREATER_EQUAL -> Elementwise.GREATER_EQUAL;
            case LOGICAL_AND -> Elementwise.LOGICAL_AND;
            case LOGICAL_OR -> Elementwise.LOGICAL_OR;
        };
    }

    static int reduceCode(ReduceOp op) {
        return switch (op) {
            case SUM -> Reductions.SUM;
            case PROD -> Reductions.PROD;
            case MAX -> Reductions.MAX;
            case MIN -> Reductions.MIN;
            case ALL -> Reductions.ALL;
            case ANY -> Reductions.ANY;
        };
    }

    static int ruleCode(UpdateRule rule) {
        return switch (rule) {
            case MOMENTUM -> Updates.MOMENTUM;
            case NESTEROV_MOMENTUM -> Updates.NESTEROV;
            case ADAM -> Updates.ADAM;
            case AMSGRAD -> Updates.AMSGRAD;
            case RMSPROP -> Updates.RMSPROP;
            case RMSPROP_MOMENTUM -> Updates.RMSPROP_MOMENTUM;
            case CENTERED_RMSPROP -> Updates.CENTERED_RMSPROP;
            case CENTERED_RMSPROP_MOMENTUM -> Updates.CENTERED_RMSPROP_MOMENTUM;
            case ADAGRAD -> Updates.ADAGRAD;
        };
    }
}
