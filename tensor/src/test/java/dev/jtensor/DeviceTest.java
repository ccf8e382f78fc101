package dev.jtensor;

import dev.jtensor.testkit.TestBackend;

import static dev.jtensor.TF.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.jtensor.DType;
import dev.jtensor.Index;
import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Settings;
import dev.jtensor.Tensor;
import dev.jtensor.Variable;
import dev.jtensor.accel.Device;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Ops on a device other than the CPU, through the counting {@link TestBackend}. */
class DeviceTest {

    private static final TestBackend DEVICE = TestBackend.of(TestBackend.DEVICE_0);

    private static Tensor onDevice(Object javaValue) {
        try (var scope = Settings.withDevice(TestBackend.DEVICE_0)) {
            return constant(javaValue);
        }
    }

    @Test
    void theTestDevicesAreListedBesideTheCpu() {
        assertEquals(List.of(Device.CPU, TestBackend.DEVICE_0, TestBackend.DEVICE_1),
                dev.jtensor.accel.Backends.devices());
        assertEquals("/physical_device:TEST:1", listPhysicalDevices("test").get(1).name());
        assertEquals(List.of(), listPhysicalDevices("GPU"));
    }

    @Test
    void deviceDetailsNameTheDeviceAndTheCpusMemoryLimitIsTheHeap() {
        var cpu = getDeviceDetails(listPhysicalDevices("CPU").get(0));
        assertEquals(Runtime.getRuntime().maxMemory(), cpu.get("memory_limit"));
        assertTrue(((String) cpu.get("device_name")).contains(Runtime.getRuntime().availableProcessors() + " cores"), cpu.toString());
        assertEquals("test:1", getDeviceDetails(listPhysicalDevices("test").get(1)).get("device_name"));
        var e = assertThrows(InvalidArgumentException.class,
                () -> getDeviceDetails(new dev.jtensor.PhysicalDevice("/physical_device:GPU:3", "GPU")));
        assertTrue(e.getMessage().contains("/physical_device:GPU:3") && e.getMessage().contains("/physical_device:CPU:0"), e.getMessage());
    }

    @Test
    void creationUnderAScopeUploadsOnceAndStaysThere() {
        int uploads = DEVICE.uploads();
        Tensor a = onDevice(new float[][] {{1, 2}, {3, 4}});
        assertEquals(TestBackend.DEVICE_0, a.device());
        assertEquals(uploads + 1, DEVICE.uploads());
        assertEquals(Device.CPU, constant(1f).device(), "the scope is closed");
    }

    @Test
    void opsRunTheDevicesKernelsAndKeepTheirResultsThere() {
        Tensor a = onDevice(new float[][] {{1, 2}, {3, 4}});
        Tensor b = onDevice(new float[] {10, 20});
        int kernels = DEVICE.kernelCalls(), downloads = DEVICE.downloads();
        Tensor y = matmul(a.add(b), a).reduceSum(new int[] {0});   // broadcast, matmul, reduction
        Tensor z = softmax(transpose(a)).get(Index.to(1));          // composite and views
        assertEquals(TestBackend.DEVICE_0, y.device());
        assertEquals(TestBackend.DEVICE_0, z.device());
        assertTrue(DEVICE.kernelCalls() >= kernels + 4, "add, matmul, sum and softmax ran on the device");
        assertEquals(downloads, DEVICE.downloads(), "nothing came back to the host while computing");
        // the same on the CPU, as the reference
        Tensor ca = constant(new float[][] {{1, 2}, {3, 4}}), cb = constant(new float[] {10, 20});
        assertArrayEquals(matmul(ca.add(cb), ca).reduceSum(new int[] {0}).toFloatArray(), y.toFloatArray());
        assertArrayEquals(softmax(transpose(ca)).get(Index.to(1)).toFloatArray(), z.toFloatArray());
    }

    @Test
    void everyOutputIsFullyWrittenOnADeviceWhoseFreshBuffersHoldGarbage() {
        Tensor x = onDevice(new float[][] {{1, 2, 3}, {4, 5, 6}});
        Tensor cx = constant(new float[][] {{1, 2, 3}, {4, 5, 6}});
        // padding with zeros, a zero fill, an empty-depth product and a segment sum are the cases that rely on clearing
        assertArrayEquals(pad(cx, new int[][] {{1, 0}, {0, 2}}).toFloatArray(),
                pad(x, new int[][] {{1, 0}, {0, 2}}).toFloatArray());
        assertArrayEquals(new float[6], zerosLike(x).toFloatArray());
        assertArrayEquals(new float[4], matmul(zeros(2, 0).to(TestBackend.DEVICE_0), zeros(0, 2).to(TestBackend.DEVICE_0))
                .toFloatArray());
        Tensor ids = onDevice(new int[] {2, 0});
        assertArrayEquals(unsortedSegmentSum(cx, constant(new int[] {2, 0}), 4).toFloatArray(),
                unsortedSegmentSum(x, ids, 4).toFloatArray());
        assertArrayEquals(cumsum(cx, 1, true, false).toFloatArray(), cumsum(x, 1, true, false).toFloatArray());
        assertArrayEquals(reduceSum(zeros(0, 3), new int[] {0}).toFloatArray(),
                reduceSum(zeros(0, 3).to(TestBackend.DEVICE_0), new int[] {0}).toFloatArray());
    }

    @Test
    void javaScalarsJoinTheirPartnersDevice() {
        Tensor a = onDevice(new int[] {1, 2, 3});
        Tensor y = a.mul(2).add(1L).pow(2);
        assertEquals(TestBackend.DEVICE_0, y.device());
        assertArrayEquals(new int[] {9, 25, 49}, y.toIntArray());
        assertEquals(TestBackend.DEVICE_0, zerosLike(a).device());
        assertEquals(TestBackend.DEVICE_0, a.cast(DType.FLOAT32).reduceMean().device());
        Tensor dims = shape(a.reshape(1, 3));
        assertEquals(TestBackend.DEVICE_0, dims.device());
        assertArrayEquals(new int[] {1, 3}, dims.toIntArray());
    }

    @Test
    void readingValuesTransfersOnce() {
        Tensor a = onDevice(new double[][] {{1, 2, 3}, {4, 5, 6}});
        Tensor view = transpose(a).get(Index.from(1));
        int downloads = DEVICE.downloads();
        assertArrayEquals(new double[] {2, 5, 3, 6}, view.toDoubleArray());
        assertEquals(downloads + 1, DEVICE.downloads());
        assertEquals("tf.Tensor(\n[[2. 5.]\n [3. 6.]], shape=(2, 2), dtype=float64)", view.toString());
        assertEquals(downloads + 2, DEVICE.downloads());
    }

    @Test
    void aJavaNumberJoinsTheDeviceThroughTheFillKernelNotAnUpload() {
        Tensor a = onDevice(new double[] {1, 2});
        int uploads = DEVICE.uploads();
        Tensor y = a.mul(0.1).add(3);
        assertEquals(uploads, DEVICE.uploads(), "no buffer moved for the two scalars");
        assertArrayEquals(new double[] {1 * 0.1 + 3, 2 * 0.1 + 3}, y.toDoubleArray());
        // an int64 beyond 2^53 has no exact double: it is uploaded, exactly
        long big = (1L << 53) + 1;
        Tensor there = constant(big).to(TestBackend.DEVICE_0);
        assertEquals(uploads + 1, DEVICE.uploads());
        assertEquals(big, there.longValue());
        assertEquals(Long.MIN_VALUE, constant(Long.MIN_VALUE).to(TestBackend.DEVICE_0).longValue());
    }

    @Test
    void readingAReversedViewDownloadsEveryElementItReaches() {
        Tensor a = onDevice(new float[][] {{1, 2, 3}, {4, 5, 6}});
        // negative strides walk down from the view's offset: the download must reach its highest element
        assertArrayEquals(new float[] {6, 5, 4, 3, 2, 1}, a.get(Index.step(-1), Index.step(-1)).toFloatArray());
        assertArrayEquals(new float[] {3, 2}, a.get(Index.at(0), Index.range(2, 0, -1)).toFloatArray());
    }

    @Test
    void toMovesExplicitlyAndIsFreeWhenAlreadyThere() {
        Tensor host = constant(new long[] {7, 8});
        Tensor there = host.to(TestBackend.DEVICE_0);
        assertSame(there, there.to(TestBackend.DEVICE_0));
        Tensor other = there.to(TestBackend.DEVICE_1);
        assertEquals(TestBackend.DEVICE_1, other.device());
        Tensor back = other.to(Device.CPU);
        assertEquals(Device.CPU, back.device());
        assertArrayEquals(new long[] {7, 8}, back.toLongArray());
        var missing = assertThrows(InvalidArgumentException.class, () -> host.to(new Device("gpu", 3)));
        assertTrue(missing.getMessage().contains("gpu:3") && missing.getMessage().contains("cpu:0"), missing.getMessage());
    }

    @Test
    void mixingDevicesIsAnErrorNamingBoth() {
        Tensor cpu = constant(new float[] {1, 2});
        Tensor dev0 = cpu.to(TestBackend.DEVICE_0), dev1 = cpu.to(TestBackend.DEVICE_1);
        var e = assertThrows(InvalidArgumentException.class, () -> cpu.add(dev0));
        assertEquals("Expected all inputs on one device, but input #0 is on cpu:0 and input #1 is on test:0; move one "
                + "with tensor.to(device) [Op:AddV2]", e.getMessage());
        var m = assertThrows(InvalidArgumentException.class, () -> matmul(dev0.reshape(1, 2), dev1.reshape(2, 1)));
        assertTrue(m.getMessage().contains("test:0") && m.getMessage().contains("test:1")
                && m.getMessage().endsWith("[Op:MatMul]"), m.getMessage());
        assertArrayEquals(new float[] {2, 4}, cpu.add(dev0.to(Device.CPU)).toFloatArray(), "the documented fix");
    }

    @Test
    void variablesLiveOnTheirValuesDeviceAndRefuseValuesFromElsewhere() {
        Variable v = new Variable(onDevice(new float[] {1, 2}), "w", true);
        assertEquals(TestBackend.DEVICE_0, v.device());
        v.assignAdd(onDevice(new float[] {1, 1}));
        v.applyGradientDescent(0.5, onDevice(new float[] {2, 2}));
        assertArrayEquals(new float[] {1, 2}, v.toFloatArray());
        assertEquals(TestBackend.DEVICE_0, v.asTensor().device());
        var fromCpu = assertThrows(InvalidArgumentException.class, () -> v.assign(constant(new float[] {5, 5})));
        assertEquals("Cannot assign to variable 'w' on test:0 a value on cpu:0; move it with tensor.to(device) "
                + "[Op:AssignVariableOp]", fromCpu.getMessage());
        assertThrows(InvalidArgumentException.class, () -> v.assignSub(onDevice(new float[] {1, 2, 3})));
        assertThrows(InvalidArgumentException.class, () -> v.assign(onDevice(new double[] {1, 2})));
        assertArrayEquals(new float[] {1, 2}, v.toFloatArray(), "failed assignments changed nothing");
        v.assign(3f);   // a Java scalar fills the shape on the variable's device
        assertArrayEquals(new float[] {3, 3}, v.toFloatArray());
    }

    @Test
    void randomAndFilledTensorsAreCreatedOnTheDefaultDevice() {
        try (var scope = Settings.withDevice(TestBackend.DEVICE_1)) {
            Tensor r = randomNormal(new int[] {3}, 0, 1, DType.FLOAT32, 5L);
            Tensor z = zeros(2, 2);
            assertEquals(TestBackend.DEVICE_1, r.device());
            assertEquals(TestBackend.DEVICE_1, z.device());
            assertArrayEquals(randomNormalOnCpu(), r.toFloatArray());
        }
    }

    private static float[] randomNormalOnCpu() {
        try (var scope = Settings.withDevice(Device.CPU)) {
            return randomNormal(new int[] {3}, 0, 1, DType.FLOAT32, 5L).toFloatArray();
        }
    }
}
