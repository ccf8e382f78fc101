package dev.jtensor.tornado;

import static dev.jtensor.TF.*;

import dev.jtensor.DType;
import dev.jtensor.Tensor;
import dev.jtensor.Variable;
import dev.jtensor.accel.Device;
import dev.jtensor.autodiff.GradientTape;
import dev.jtensor.nn.Sequential;
import dev.jtensor.nn.layers.Dense;
import dev.jtensor.nn.layers.InputLayer;
import dev.jtensor.nn.losses.CategoricalCrossentropy;
import dev.jtensor.nn.optimizers.Adam;
import java.util.Arrays;
import java.util.List;

/**
 * The device's figures beside the CPU backend's, measured in one run (accel-tornado/benchmark.sh):
 * the warm-up of the first calls, float32 matmul in GFLOP/s, and MLP training steps per second with
 * the bytes moved per step. Each figure is the median of five repeats, with their range.
 *
 * <p>Arguments: the matmul sizes (default 256 512 1024; a GPU run adds 4096).
 */
public final class DeviceBenchmark {

    private DeviceBenchmark() {
    }

    interface Work {
        void run();
    }

    /** Seconds per run of {@code work}: five repeats of {@code reps} runs after one warm-up repeat. */
    static double[] time(int reps, Work work) {
        for (int r = 0; r < reps; r++) work.run();
        double[] seconds = new double[5];
        for (int k = 0; k < 5; k++) {
            long t0 = System.nanoTime();
            for (int r = 0; r < reps; r++) work.run();
            seconds[k] = (System.nanoTime() - t0) / 1e9 / reps;
        }
        Arrays.sort(seconds);
        return seconds;
    }

    /** The median of five sorted figures with their range. */
    static String range(double[] sorted, String format) {
        return String.format(format, sorted[2]) + " (" + String.format(format, sorted[0]) + "-" + String.format(format, sorted[4]) + ")";
    }

    public static void main(String[] args) {
        TornadoBackend gpu = TornadoBackend.of(new Device("gpu", 0));
        System.out.println("device gpu:0 = " + gpu.details());
        warmUp();
        int[] sizes = args.length == 0 ? new int[] {256, 512, 1024} : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        for (int n : sizes) {
            for (String device : List.of("cpu:0", "gpu:0")) {
                Tensor a = randomNormal(new int[] {n, n}, 0, 1, DType.FLOAT32, 1L).to(Device.parse(device));
                Tensor b = randomNormal(new int[] {n, n}, 0, 1, DType.FLOAT32, 2L).to(Device.parse(device));
                int reps = Math.max(1, (int) (2e9 / (2.0 * n * n * n)));
                double[] s = time(reps, () -> matmul(a, b));
                // a GFLOP/s figure per sorted time: the median's range inverts
                double flops = 2.0 * n * n * n;
                System.out.printf("sgemm n=%d %s: %.1f GFLOP/s (%.1f-%.1f)%n", n, device, flops / s[2] / 1e9,
                        flops / s[4] / 1e9, flops / s[0] / 1e9);
            }
        }
        for (int[] size : new int[][] {{96, 64, 32}, {256, 784, 256}}) {
            for (String device : List.of("cpu:0", "gpu:0")) {
                mlp(device, size[0], size[1], size[2], gpu);
            }
        }
    }

    /** The first call of each kind of kernel in this JVM: TornadoVM compiles its task graph then. */
    static void warmUp() {
        try (var scope = withDevice("gpu:0")) {
            long t0 = System.nanoTime();
            Tensor x = constant(new float[] {1, 2, 3, 4});
            long t1 = System.nanoTime();
            Tensor y = x.mul(x).add(1);
            long t2 = System.nanoTime();
            Tensor m = matmul(x.reshape(2, 2), x.reshape(2, 2));
            long t3 = System.nanoTime();
            Tensor s = reduceSum(m.add(y.reshape(2, 2)));
            long t4 = System.nanoTime();
            s.floatValue();
            long t5 = System.nanoTime();
            Tensor again = x.mul(x).add(1);
            long t6 = System.nanoTime();
            System.out.printf("warm-up: first upload %.0f ms, first elementwise ops %.0f ms, first matmul %.0f ms, "
                            + "first reduction %.0f ms, first read %.0f ms; the same elementwise ops again %.2f ms%n",
                    (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6, (t4 - t3) / 1e6, (t5 - t4) / 1e6, (t6 - t5) / 1e6);
            again.toFloatArray();
        }
    }

    /** Steps per second of a Dense(hidden, relu) + Dense(10) model trained with Adam on one batch. */
    static void mlp(String device, int batch, int features, int hidden, TornadoBackend gpu) {
        try (var scope = withDevice(device)) {
            setSeed(3);
            Tensor xs = randomUniform(new int[] {batch, features}, 0, 1, DType.FLOAT32, 4L);
            Tensor ys = oneHot(cast(randomUniform(new int[] {batch}, 0, 10, DType.FLOAT32, 5L), DType.INT32), 10);
            Sequential model = new Sequential(new InputLayer(features), new Dense(hidden, "relu"), new Dense(10));
            Adam adam = new Adam(1e-3);
            var lossFn = new CategoricalCrossentropy(true);
            Work step = () -> {
                try (GradientTape tape = new GradientTape()) {
                    Tensor loss = lossFn.call(ys, model.call(xs, true));
                    List<Variable> vars = model.trainableVariables();
                    adam.applyGradients(tape.gradient(loss, vars), vars);
                    loss.floatValue();
                }
            };
            for (int k = 0; k < 30; k++) step.run();   // the JIT's and the device's warm-up
            long up = gpu.bytesUploaded(), down = gpu.bytesDownloaded(), launches = gpu.launches();
            double[] s = time(10, step);
            long steps = 60;
            System.out.printf("mlp batch=%d %d-%d-10 %s: %s steps/s; per step %d bytes up, %d down, %d kernel launches%n",
                    batch, features, hidden, device, range(new double[] {1 / s[4], 1 / s[3], 1 / s[2], 1 / s[1], 1 / s[0]}, "%.1f"),
                    (gpu.bytesUploaded() - up) / steps, (gpu.bytesDownloaded() - down) / steps, (gpu.launches() - launches) / steps);
        }
    }
}
