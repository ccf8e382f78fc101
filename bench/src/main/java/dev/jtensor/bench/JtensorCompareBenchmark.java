package dev.jtensor.bench;

import static dev.jtensor.bench.CompareData.BROADCAST_DIM;
import static dev.jtensor.bench.CompareData.ONE_M;
import static dev.jtensor.bench.CompareData.SIXTEEN_M;
import static dev.jtensor.bench.CompareData.uniform;

import dev.jtensor.DType;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import dev.jtensor.accel.Parallel;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * jtensor's side of {@code bench/compare}: float32 ops through the public {@link TF} API, each
 * returning a freshly allocated result. {@code TfJavaCompareBenchmark} (built with
 * {@code -Ptfjava}) mirrors every method for TensorFlow Java and {@code bench/numpy_bench.py} for
 * NumPy. Scores are average time per op; {@code bench/compare} turns them into GFLOP/s or GB/s.
 *
 * <p>{@code sgemm} runs with {@code threads=1} ({@link Parallel#setMaxThreads} 1) and
 * {@code threads=all} (the whole pool); the other benchmarks use all threads.
 *
 * <p>The fork gets a pre-touched heap ({@code -Xms4g -Xmx4g -XX:+AlwaysPreTouch}, the setting
 * ARCHITECTURE.md recommends for large tensors): otherwise each fresh 64 MB output lands on heap
 * pages the kernel has never mapped, and faulting them in costs ~170 ms on this VM, far more than
 * the op. NumPy's allocator and TensorFlow's reuse mapped memory in the same way.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector",
        "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED", "-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch"})
public class JtensorCompareBenchmark {

    private static Tensor uniformTensor(long seed, int... shape) {
        int size = 1;
        for (int d : shape) size *= d;
        return TF.constant(uniform(size, seed), DType.FLOAT32, shape);
    }

    /** Two n x n matrices and the thread limit for {@code sgemm}. */
    @State(Scope.Benchmark)
    public static class Sgemm {
        @Param({"128", "256", "512", "1024", "2048"})
        public int n;
        @Param({"1", "all"})
        public String threads;
        Tensor a, b;

        @Setup
        public void setUp() {
            Parallel.setMaxThreads("all".equals(threads) ? Integer.MAX_VALUE : Integer.parseInt(threads));
            a = uniformTensor(1, n, n);
            b = uniformTensor(2, n, n);
        }
    }

    /**
     * Base of the states that use all threads: resets the limit a {@link Sgemm} state may have
     * left when benchmarks share a JVM ({@code -f 0}). Inputs are made per state, so only the
     * running benchmark's are alive.
     */
    @State(Scope.Benchmark)
    public abstract static class AllThreads {
        {
            Parallel.setMaxThreads(Integer.MAX_VALUE);
        }
    }

    /** Two 1M-element vectors. */
    public static class Vectors1M extends AllThreads {
        Tensor a = uniformTensor(3, ONE_M), b = uniformTensor(4, ONE_M);
    }

    /** Two 16M-element vectors. */
    public static class Vectors16M extends AllThreads {
        Tensor a = uniformTensor(5, SIXTEEN_M), b = uniformTensor(6, SIXTEEN_M);
    }

    /** A 4096 x 4096 matrix and a 4096-element row to broadcast over it. */
    public static class Broadcast extends AllThreads {
        Tensor matrix = uniformTensor(7, BROADCAST_DIM, BROADCAST_DIM), row = uniformTensor(8, BROADCAST_DIM);
    }

    /** Two 2x2 matrices: the per-op overhead. */
    public static class Tiny extends AllThreads {
        Tensor a = uniformTensor(9, 2, 2), b = uniformTensor(10, 2, 2);
    }

    @Benchmark
    public Tensor sgemm(Sgemm s) {
        return TF.matmul(s.a, s.b);
    }

    @Benchmark
    public Tensor add1M(Vectors1M v) {
        return TF.add(v.a, v.b);
    }

    @Benchmark
    public Tensor add16M(Vectors16M v) {
        return TF.add(v.a, v.b);
    }

    @Benchmark
    public Tensor broadcastAdd(Broadcast v) {
        return TF.add(v.matrix, v.row);
    }

    @Benchmark
    public Tensor sum16M(Vectors16M v) {
        return TF.reduceSum(v.a);
    }

    @Benchmark
    public Tensor exp16M(Vectors16M v) {
        return TF.exp(v.a);
    }

    @Benchmark
    public Tensor add2x2(Tiny v) {
        return TF.add(v.a, v.b);
    }
}
