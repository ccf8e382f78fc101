package dev.jtensor.autodiff;

import static dev.jtensor.TF.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.jtensor.DType;
import dev.jtensor.Settings;
import dev.jtensor.Tensor;
import dev.jtensor.Variable;
import dev.jtensor.ops.Dispatch;
import dev.jtensor.ops.OpHook;
import dev.jtensor.ops.Primitive;
import dev.jtensor.testkit.TestBackend;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Gradients on a device other than the CPU, and through ops that run inside a hook level. */
class DeviceAndLevelGradientTest {

    private static final TestBackend DEVICE = TestBackend.of(TestBackend.DEVICE_0);

    /** A two-layer step's gradients, on whatever device the current scope chooses. */
    private static List<Tensor> gradients(List<float[]> values) {
        Tensor x = randomUniform(new int[] {4, 3}, -1, 1, DType.FLOAT32, 3L);
        Variable w1 = new Variable(randomNormal(new int[] {3, 5}, 0, 1, DType.FLOAT32, 4L));
        Variable w2 = new Variable(randomNormal(new int[] {5, 2}, 0, 1, DType.FLOAT32, 5L));
        try (GradientTape tape = new GradientTape()) {
            Tensor h = relu(matmul(x, w1));
            Tensor loss = reduceMean(softmax(matmul(h, w2)).sub(0.5f).square()).add(reduceMax(h).mul(0.1f));
            List<Tensor> grads = tape.gradient(loss, List.of(w1, w2));
            grads.forEach(g -> values.add(g.toFloatArray()));
            return grads;
        }
    }

    @Test
    void gradientsOnADeviceStayThereAndMatchTheCpu() {
        List<float[]> onCpu = new ArrayList<>(), onDevice = new ArrayList<>();
        gradients(onCpu);
        List<Tensor> grads;
        int downloadsBefore = DEVICE.downloads(), kernelsBefore = DEVICE.kernelCalls();
        try (var scope = Settings.withDevice(TestBackend.DEVICE_0)) {
            grads = gradients(onDevice);
        }
        for (Tensor g : grads) {
            assertEquals(TestBackend.DEVICE_0, g.device());
        }
        assertTrue(DEVICE.kernelCalls() > kernelsBefore + 20, "forward and backward ran on the device");
        assertEquals(downloadsBefore + 2, DEVICE.downloads(), "only reading the two gradients came back to the host");
        for (int i = 0; i < onCpu.size(); i++) {
            assertArrayEquals(onCpu.get(i), onDevice.get(i), 1e-6f);
        }
    }

    @Test
    void anSgdStepOnADeviceUpdatesInPlaceThere() {
        try (var scope = Settings.withDevice(TestBackend.DEVICE_0)) {
            Variable w = new Variable(constant(new float[] {1, -2}));
            for (int step = 0; step < 3; step++) {
                try (GradientTape tape = new GradientTape()) {
                    Tensor loss = reduceSum(w.square());          // gradient 2w
                    w.applyGradientDescent(0.25, tape.gradient(loss, w));
                }
            }
            assertEquals(TestBackend.DEVICE_0, w.device());
            assertArrayEquals(new float[] {0.125f, -0.25f}, w.toFloatArray());   // w halves each step
        }
    }

    @Test
    void jacobiansAndZeroGradientsOnADeviceAreMadeThere() {
        try (var scope = Settings.withDevice(TestBackend.DEVICE_1)) {
            Tensor x = constant(new double[] {1, 2});
            Tensor unrelated = constant(new double[] {5, 6, 7});
            try (GradientTape tape = new GradientTape(true, true)) {
                tape.watch(x, unrelated);
                Tensor y = x.square();
                Tensor jacobian = tape.jacobian(y, x);
                assertEquals(TestBackend.DEVICE_1, jacobian.device());
                assertArrayEquals(new double[] {2, 0, 0, 4}, jacobian.toDoubleArray());
                Tensor zero = tape.gradient(y, List.of(unrelated), null, UnconnectedGradients.ZERO).get(0);
                assertEquals(TestBackend.DEVICE_1, zero.device());
                assertArrayEquals(new double[3], zero.toDoubleArray());
            }
        }
    }

    @Test
    void gradientsFlowBackAcrossACopyBetweenDevices() {
        Tensor x = constant(new double[] {-1, 2, 3}).to(TestBackend.DEVICE_0);
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x);
            // relu runs on test:0, its gradient rule makes its zero there; the sum runs on the CPU
            Tensor y = reduceSum(relu(x).to(dev.jtensor.accel.Device.CPU).square());
            Tensor g = tape.gradient(y, x);
            assertEquals(TestBackend.DEVICE_0, g.device());
            assertArrayEquals(new double[] {0, 4, 6}, g.toDoubleArray());
        }
    }

    @Test
    void aTapeMadeWithoutRecordingRecordsOnlyBetweenStartAndStop() {
        Variable x = new Variable(constant(3f));
        GradientTape tape = GradientTape.notRecording(false, true);
        assertFalse(tape.isRecording());
        Tensor before = x.square();                 // not recorded: the tape has not started
        tape.start();                               // TensorFlow's __enter__
        Tensor y = x.mul(x).mul(x);
        tape.stop();                                // __exit__
        Tensor after = y.mul(2);                    // not recorded either
        assertEquals(27f, tape.gradient(y, x).floatValue());    // gradient after the block, as TF code does
        GradientTape again = GradientTape.notRecording(true, true);
        again.start();
        Tensor z = before.add(x);
        again.stop();
        assertEquals(1f, again.gradient(z, x).floatValue(), "x^2 was computed before start: a constant");
        assertNull(again.gradient(after, x), "ops after stop are not recorded");
    }

    /** Names of the ops a hook sees. */
    private static final class Names implements OpHook {
        final List<String> seen = new ArrayList<>();

        @Override
        public void recorded(Primitive primitive, Tensor[] inputs, Tensor output) {
            seen.add(primitive.name());
        }
    }

    private static Tensor cube(Tensor x) {
        // forward x^3; the rule 3x^2 g is written in ops, so tapes can differentiate it again
        return CustomGradient.apply(xs -> xs.get(0).pow(3),
                (g, y, xs) -> List.of(g.mul(xs.get(0).square().mul(3))), x);
    }

    @Test
    void aCustomGradientShowsOuterHooksOneCallOp() {
        Names names = new Names();
        Tensor x = constant(new double[] {1, 2});
        try (var s = Dispatch.push(names)) {
            cube(x);
        }
        assertEquals(List.of("CustomGradient"), names.seen);
    }

    @Test
    void nestedTapesDifferentiateThroughTheCallsRuleAgain() {
        Variable x = new Variable(constant(2.0));
        try (GradientTape outer = new GradientTape()) {
            Tensor first;
            try (GradientTape inner = new GradientTape()) {
                first = inner.gradient(cube(x.asTensor()), x);       // 3x^2 = 12
            }
            assertEquals(12.0, first.doubleValue(), 1e-12);
            assertEquals(12.0, outer.gradient(first, x).doubleValue(), 1e-12);   // 6x = 12
        }
        Variable t = new Variable(constant(3.0));
        try (GradientTape outer = new GradientTape()) {
            Tensor first;
            try (GradientTape inner = new GradientTape()) {
                first = inner.gradient(cube(t.asTensor()), t);       // 27
            }
            assertEquals(18.0, outer.gradient(first, t).doubleValue(), 1e-12);  // 6t
        }
    }

    @Test
    void variableReadsAreWatchedThroughTheReadOp() {
        Variable trainable = new Variable(constant(3f));
        Variable frozen = new Variable(constant(4f), "frozen", false);
        try (GradientTape tape = new GradientTape()) {
            Tensor y = trainable.mul(frozen);
            assertEquals(List.of(trainable), tape.watchedVariables());
            List<Tensor> g = tape.gradient(y, List.of(trainable, frozen));
            assertEquals(4f, g.get(0).floatValue());
            assertNull(g.get(1), "a non-trainable variable is not watched unless asked");
        }
        try (GradientTape tape = new GradientTape(false, false)) {
            Tensor y = trainable.square();
            assertTrue(tape.watchedVariables().isEmpty());
            assertNull(tape.gradient(y, trainable));
        }
    }
}
