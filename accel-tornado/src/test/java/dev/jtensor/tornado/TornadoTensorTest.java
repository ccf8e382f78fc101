package dev.jtensor.tornado;

import static dev.jtensor.TF.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtensor.DType;
import dev.jtensor.Index;
import dev.jtensor.InvalidArgumentException;
import dev.jtensor.PhysicalDevice;
import dev.jtensor.Tensor;
import dev.jtensor.Variable;
import dev.jtensor.accel.Device;
import dev.jtensor.autodiff.GradientChecker;
import dev.jtensor.autodiff.GradientTape;
import dev.jtensor.nn.Sequential;
import dev.jtensor.nn.layers.Dense;
import dev.jtensor.nn.layers.InputLayer;
import dev.jtensor.nn.losses.CategoricalCrossentropy;
import dev.jtensor.nn.optimizers.Adam;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Tensors, gradients and a training loop on {@code gpu:0} (PoCL's CPU device here), each against the
 * same program on the CPU backend.
 */
class TornadoTensorTest {

    static final Device GPU0 = new Device("gpu", 0);
    static final TornadoBackend GPU = TornadoBackend.of(GPU0);

    /** {@code f} run on the CPU and on the device over the same inputs (uploaded there). */
    static void sameOnBoth(String what, Function<List<Tensor>, Tensor> f, double tolerance, Tensor... inputs) {
        Tensor expected = f.apply(List.of(inputs));
        List<Tensor> moved = new ArrayList<>();
        for (Tensor t : inputs) moved.add(t.to(GPU0));
        Tensor actual;
        try (var scope = withDevice("gpu:0")) {
            actual = f.apply(moved);
        }
        assertEquals(GPU0, actual.device(), what + " ran on " + actual.device());
        assertEquals(expected.dtype(), actual.dtype(), what);
        assertEquals(expected.shape(), actual.shape(), what);
        Tensor host = actual.to(Device.CPU);
        if (expected.dtype() == DType.BOOL || !expected.dtype().isFloating()) {
            assertArrayEquals(expected.cast(DType.INT64).toLongArray(), host.cast(DType.INT64).toLongArray(), what);
            return;
        }
        double[] e = expected.toDoubleArray(), a = host.toDoubleArray();
        for (int i = 0; i < e.length; i++) {
            if (Double.isNaN(e[i])) {
                assertTrue(Double.isNaN(a[i]), what + " element " + i + ": expected NaN, got " + a[i]);
            } else {
                assertTrue(Math.abs(e[i] - a[i]) <= tolerance * Math.max(1, Math.abs(e[i])),
                        what + " element " + i + ": cpu " + e[i] + ", gpu:0 " + a[i]);
            }
        }
    }

    static Tensor x(int... shape) {
        return randomNormal(shape, 0, 1, DType.FLOAT32, 11L);
    }

    @Test
    void theDeviceIsListedWithItsNameAndMemory() {
        List<PhysicalDevice> gpus = listPhysicalDevices("GPU");
        assertEquals("/physical_device:GPU:0", gpus.get(0).name());
        Map<String, Object> details = getDeviceDetails(gpus.get(0));
        assertEquals(GPU.deviceName(), details.get("device_name"));
        assertTrue(!GPU.deviceName().startsWith("opencl-"), "the driver's name, not TornadoVM's id: " + details);
        long limit = (Long) details.get("memory_limit");
        assertTrue(limit > 0 && limit <= (Long) details.get("device_memory"), details.toString());
    }

    @Test
    void elementwiseOpsBroadcastingAndViewsMatchTheCpu() {
        Tensor a = x(5, 7), b = x(7), c = x(7, 5);
        sameOnBoth("add broadcast", t -> t.get(0).add(t.get(1)), 0, a, b);
        sameOnBoth("mul of a transposed view", t -> t.get(0).mul(transpose(t.get(1))), 0, a, c);
        sameOnBoth("sub, div, maximum", t -> maximum(t.get(0).sub(t.get(1)).div(t.get(1)), 0.5), 1e-6, a, b);
        sameOnBoth("pow of abs", t -> t.get(0).abs().pow(t.get(1)), 1e-6, a, b);
        sameOnBoth("exp tanh sigmoid softplus", t -> sigmoid(t.get(0)).add(softplus(t.get(0))).add(t.get(0).tanh()).add(t.get(0).exp()), 1e-6, a);
        sameOnBoth("reversed strided slice", t -> log1p(t.get(0).get(Index.step(-2), Index.range(1, 6)).abs()), 1e-6, a);
        sameOnBoth("compare", t -> less(t.get(0), t.get(1)), 0, a, b);
        sameOnBoth("where", t -> where(less(t.get(0), t.get(1)), t.get(0), t.get(1)), 0, a, b);
        sameOnBoth("casts", t -> cast(t.get(0).mul(3), DType.INT32), 0, a);
        sameOnBoth("cast to int64 and bool", t -> cast(cast(t.get(0).mul(1e9f), DType.INT64), DType.BOOL), 0, a);
        sameOnBoth("int32 arithmetic", t -> t.get(0).add(t.get(0)).mul(3), 0, constant(new int[] {1, -2, 3, 4}));
        sameOnBoth("integer floor division (host path)", t -> floorDiv(t.get(0), constant(3)), 0, constant(new int[] {7, -7, 2}));
        sameOnBoth("scalar", t -> t.get(0).mul(2).add(1), 0, constant(2.5f));
        sameOnBoth("empty", t -> t.get(0).exp(), 0, zeros(0, 3));
        // float64 to the last bits or two: TornadoVM's native_* functions and fast-relaxed math are off
        Tensor d = randomUniform(new int[] {64}, 0.1, 3, DType.FLOAT64, 12L);
        sameOnBoth("float64 sqrt", t -> sqrt(t.get(0)), 1e-16, d);
        sameOnBoth("float64 sin cos exp log tanh", t -> sin(t.get(0)).add(cos(t.get(0))).add(exp(t.get(0))).add(log(t.get(0))).add(t.get(0).tanh()), 2e-15, d);
    }

    @Test
    void reductionsMatmulAndIndexingMatchTheCpu() {
        Tensor a = x(6, 9, 4);
        sameOnBoth("sum all", t -> reduceSum(t.get(0)), 1e-6, a);
        sameOnBoth("sum axes 0, 2", t -> reduceSum(t.get(0), 0, -1), 1e-6, a);
        sameOnBoth("max axis 1 of a view", t -> reduceMax(transpose(t.get(0), 2, 0, 1), 1), 0, a);
        sameOnBoth("mean", t -> reduceMean(t.get(0), 1), 1e-6, a);
        sameOnBoth("argMax", t -> argMax(t.get(0), 1), 0, a);
        sameOnBoth("cumsum reverse exclusive", t -> cumsum(t.get(0), 1, true, true), 1e-6, a);
        sameOnBoth("softmax", t -> softmax(t.get(0)), 1e-6, a);
        sameOnBoth("matmul 37x23 @ 23x19", t -> matmul(t.get(0), t.get(1)), 1e-5, x(37, 23), x(23, 19));
        sameOnBoth("batched transposed matmul", t -> matmul(t.get(0), t.get(1), true, false), 1e-5, x(3, 23, 37), x(3, 23, 5));
        sameOnBoth("float64 matmul", t -> matmul(t.get(0), t.get(1)), 1e-12, cast(x(17, 33), DType.FLOAT64), cast(x(33, 2), DType.FLOAT64));
        sameOnBoth("gather", t -> gather(t.get(0), constant(new int[] {5, 0, 5, 2}), 0), 0, a);
        sameOnBoth("segment sum", t -> unsortedSegmentSum(t.get(0), constant(new int[] {2, 0, 2, 1, 0, 2}), 3), 1e-6, a);
        sameOnBoth("concat", t -> concat(List.of(t.get(0), t.get(0).neg()), 1), 0, a);
    }

    @Test
    void gradientsMatchTheCpuAndFiniteDifferences() {
        Function<List<Tensor>, Tensor> loss = t -> reduceMean(softmax(matmul(t.get(0), t.get(1)).tanh()).mul(t.get(2)));
        Tensor xs = x(8, 5), w = x(5, 3), y = x(8, 3);
        for (int k = 0; k < 2; k++) {
            final int wrt = k;
            sameOnBoth("gradient wrt input " + k, t -> {
                Variable v = new Variable(t.get(wrt));
                try (GradientTape tape = new GradientTape()) {
                    List<Tensor> in = new ArrayList<>(t);
                    in.set(wrt, v.asTensor());
                    Tensor l = loss.apply(in);
                    return tape.gradient(l, v);
                }
            }, 1e-5, xs, w, y);
        }
        try (var scope = withDevice("gpu:0")) {
            Tensor p = randomNormal(new int[] {3, 4}, 0, 1, DType.FLOAT64, 3L), q = randomNormal(new int[] {4, 2}, 0, 1, DType.FLOAT64, 4L);
            GradientChecker.Result r = GradientChecker.check(t -> reduceSum(softmax(matmul(t.get(0), t.get(1))).log()), p, q);
            assertTrue(r.passed(), r.toString());
        }
    }

    /** The MLP of the README's nn section, trained for {@code steps} by a GradientTape loop on a device; the losses. */
    static float[] train(String device, int steps, Tensor features, Tensor labels, long[] transfers) {
        try (var scope = withDevice(device)) {
            setSeed(5);
            Tensor xs = features.to(Device.parse(device)), ys = labels.to(Device.parse(device));
            Sequential model = new Sequential(new InputLayer(64), new Dense(32, "relu"), new Dense(10));
            Adam adam = new Adam(1e-2);
            var lossFn = new CategoricalCrossentropy(true);
            float[] losses = new float[steps];
            for (int step = 0; step < steps; step++) {
                if (step == 1 && transfers != null) {
                    transfers[0] = GPU.uploads();
                    transfers[1] = GPU.downloads();
                    transfers[2] = GPU.bytesDownloaded();
                }
                try (GradientTape tape = new GradientTape()) {
                    Tensor loss = lossFn.call(ys, model.call(xs, true));
                    List<Variable> vars = model.trainableVariables();
                    adam.applyGradients(tape.gradient(loss, vars), vars);
                    losses[step] = loss.floatValue();
                }
            }
            if (transfers != null) {
                transfers[0] = GPU.uploads() - transfers[0];
                transfers[1] = GPU.downloads() - transfers[1];
                transfers[2] = GPU.bytesDownloaded() - transfers[2];
            }
            return losses;
        }
    }

    @Test
    void trainingKeepsWeightsOnTheDeviceAndReadsBackOnlyTheLosses() {
        Tensor features = randomUniform(new int[] {96, 64}, 0, 1, DType.FLOAT32, 8L);
        Tensor labels = oneHot(cast(randomUniform(new int[] {96}, 0, 10, DType.FLOAT32, 9L), DType.INT32), 10);
        int steps = 100;
        float[] cpu = train("cpu:0", steps, features, labels, null);
        long[] transfers = new long[3];
        float[] gpu = train("gpu:0", steps, features, labels, transfers);
        assertEquals(0, transfers[0], "uploads in steps 2.." + steps);
        assertEquals(steps - 1, transfers[1], "downloads in steps 2.." + steps + ": one loss each");
        assertEquals(4L * (steps - 1), transfers[2], "bytes downloaded: a float32 loss per step");
        assertTrue(gpu[steps - 1] < 0.5f * gpu[0], "the loss falls: " + gpu[0] + " -> " + gpu[steps - 1]);
        for (int s = 0; s < steps; s++) {
            assertEquals(cpu[s], gpu[s], 1e-3 * Math.max(1, cpu[s]), "loss at step " + s);
        }
    }

    @Test
    void aTracedFunctionRunsOnTheDeviceWithoutTransfers() {
        Tensor x = x(16, 8), w0 = x(8, 4);
        // matmul, then a chain the fusion pass turns into one fused program
        java.util.function.Function<Variable, dev.jtensor.graph.TracedFunction> traced = w ->
                dev.jtensor.graph.TracedFunction.of(in -> matmul(in, w).mul(0.5f).add(1f).tanh().mul(w.asTensor().reduceSum()));
        Tensor expected = traced.apply(new Variable(w0)).call(x);
        Tensor xs = x.to(GPU0);
        Variable w = new Variable(w0.to(GPU0));
        var f = traced.apply(w);
        f.call(xs);                                   // traces, compiles the kernels it needs
        long up = GPU.uploads(), down = GPU.downloads();
        Tensor y = f.call(xs);
        assertEquals(up, GPU.uploads(), "uploads in a traced call");
        assertEquals(down, GPU.downloads(), "downloads in a traced call");
        assertEquals(GPU0, y.device());
        float[] e = expected.toFloatArray(), a = y.toFloatArray();
        for (int i = 0; i < e.length; i++) assertEquals(e[i], a[i], 1e-5 * Math.max(1, Math.abs(e[i])), "element " + i);
        w.assign(w.asTensor().mul(2f));               // assign on the device; the traced call reads the new value
        assertEquals(up, GPU.uploads(), "uploads after assign");
        Tensor twice = traced.apply(new Variable(w0.mul(2f))).call(x);
        float[] t = twice.toFloatArray(), b = f.call(xs).toFloatArray();
        for (int i = 0; i < t.length; i++) assertEquals(t[i], b[i], 1e-5 * Math.max(1, Math.abs(t[i])), "after assign, element " + i);
    }

    @Test
    void badPlacementNamesTheDevices() {
        Tensor onGpu = constant(new float[] {1, 2}).to(GPU0);
        var mixed = assertThrows(InvalidArgumentException.class, () -> onGpu.add(constant(new float[] {1, 2})));
        assertTrue(mixed.getMessage().contains("gpu:0") && mixed.getMessage().contains("cpu:0"), mixed.getMessage());
        var missing = assertThrows(InvalidArgumentException.class, () -> withDevice("gpu:9"));
        assertTrue(missing.getMessage().contains("gpu:9") && missing.getMessage().contains("gpu:0"), missing.getMessage());
    }

    @Test
    void deviceMemoryReturnsWhenTensorsBecomeUnreachable() throws InterruptedException {
        long before = GPU.bytesInUse();
        long limit = (Long) GPU.details().get("memory_limit");
        // more than the float32 arena holds in total: only collection on demand lets this finish
        int size = 1 << 20, count = (int) (limit / 2 / (4L * size)) + 8;
        try (var scope = withDevice("gpu:0")) {
            for (int k = 0; k < count; k++) {
                Tensor t = zeros(size).add(k);
                assertEquals(k, t.get(Index.at(size - 1)).floatValue());
            }
        }
        for (int attempt = 0; attempt < 50 && GPU.bytesInUse() > before + 4L * size; attempt++) {
            System.gc();
            Thread.sleep(20);
        }
        assertTrue(GPU.bytesInUse() <= before + 4L * size, "in use " + GPU.bytesInUse() + " bytes, " + before + " before");
    }
}
