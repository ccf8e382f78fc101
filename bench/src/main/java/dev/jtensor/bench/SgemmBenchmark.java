package dev.jtensor.bench;

import dev.jtensor.accel.Parallel;
import dev.jtensor.accel.Strided;
import dev.jtensor.accel.simd.SimdMatmul;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Square float32 matrix products {@code C = A B} ({@code n x n}, row-major) through the Vector API
 * kernel {@link SimdMatmul}, on 1 and on 2 threads of the shared pool. One operation is one product,
 * {@code 2 n^3} floating-point operations: GFLOP/s = {@code 2 n^3 * ops/s / 1e9}.
 *
 * <p>Run: {@code java --add-modules jdk.incubator.vector -jar bench/target/benchmarks.jar SgemmBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector",
        "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED"})
public class SgemmBenchmark {

    @Param({"128", "256", "512", "1024", "2048"})
    public int n;

    @Param({"1", "2"})
    public int threads;

    private Strided a;
    private Strided b;
    private float[] c;
    private int previousThreads;

    @Setup
    public void setUp() {
        previousThreads = Parallel.setMaxThreads(threads);
        a = Strided.contiguous(random(n * n, 1), new int[] {n, n});
        b = Strided.contiguous(random(n * n, 2), new int[] {n, n});
        c = new float[n * n];
    }

    @TearDown
    public void tearDown() {
        Parallel.setMaxThreads(previousThreads);
    }

    private static float[] random(int size, long seed) {
        var random = new SplittableRandom(seed);
        float[] data = new float[size];
        for (int i = 0; i < size; i++) data[i] = (float) random.nextDouble(-1, 1);
        return data;
    }

    @Benchmark
    public float[] sgemm() {
        SimdMatmul.matmul(new int[0], n, n, n, a, b, c);
        return c;
    }
}
