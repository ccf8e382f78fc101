package dev.jtensor.bench;

import static dev.jtensor.bench.CompareData.BROADCAST_DIM;
import static dev.jtensor.bench.CompareData.ONE_M;
import static dev.jtensor.bench.CompareData.SIXTEEN_M;
import static dev.jtensor.bench.CompareData.uniform;

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
import org.tensorflow.EagerSession;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * TensorFlow Java's side of {@code bench/compare}, mirroring {@link JtensorCompareBenchmark}
 * method for method: the same ops run eagerly through {@link Ops} on an {@link EagerSession}.
 * The session is synchronous (TF Java's default), so an op's kernel has finished when the call
 * returns; each result is then freed at once with {@link TfOutputs#free} (see there why).
 *
 * <p>{@code sgemm} with {@code threads=1} sets intra- and inter-op parallelism to 1 in the
 * session's {@link ConfigProto}; {@code threads=all} leaves both at 0 (TensorFlow's default: all
 * cores). TensorFlow sizes its CPU thread pool once per process, which is why every parameter
 * combination must run in its own JMH fork.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TfJavaCompareBenchmark {

    /** An eager session with the given parallelism (0: TensorFlow's default) and its {@link Ops}. */
    @State(Scope.Benchmark)
    public static class Session {
        EagerSession session;
        Ops tf;

        void open(int threads) {
            ConfigProto config = ConfigProto.newBuilder()
                    .setIntraOpParallelismThreads(threads)
                    .setInterOpParallelismThreads(threads)
                    .build();
            session = EagerSession.options().config(config).build();
            tf = Ops.create(session);
        }

        Operand<TFloat32> uniformConstant(long seed, long... shape) {
            int size = Math.toIntExact(Shape.of(shape).size());
            return tf.constant(Shape.of(shape), DataBuffers.of(uniform(size, seed), true, false));
        }

        @TearDown
        public void close() {
            session.close();
        }
    }

    /** Two n x n matrices and the thread setting for {@code sgemm}. */
    public static class Sgemm extends Session {
        @Param({"128", "256", "512", "1024", "2048"})
        public int n;
        @Param({"1", "all"})
        public String threads;
        Operand<TFloat32> a, b;

        @Setup
        public void setUp() {
            open("all".equals(threads) ? 0 : Integer.parseInt(threads));
            a = uniformConstant(1, n, n);
            b = uniformConstant(2, n, n);
        }
    }

    /** Two 1M-element vectors. */
    public static class Vectors1M extends Session {
        Operand<TFloat32> a, b;

        @Setup
        public void setUp() {
            open(0);
            a = uniformConstant(3, ONE_M);
            b = uniformConstant(4, ONE_M);
        }
    }

    /** Two 16M-element vectors, the axis to sum over and the constants of the eager chain. */
    public static class Vectors16M extends Session {
        Operand<TFloat32> a, b;
        Operand<TInt32> axis;
        TfChain chain;

        @Setup
        public void setUp() {
            open(0);
            a = uniformConstant(5, SIXTEEN_M);
            b = uniformConstant(6, SIXTEEN_M);
            axis = tf.constant(0);
            chain = new TfChain(tf, TfOutputs::free);
        }
    }

    /** A 4096 x 4096 matrix and a 4096-element row to broadcast over it. */
    public static class Broadcast extends Session {
        Operand<TFloat32> matrix, row;

        @Setup
        public void setUp() {
            open(0);
            matrix = uniformConstant(7, BROADCAST_DIM, BROADCAST_DIM);
            row = uniformConstant(8, BROADCAST_DIM);
        }
    }

    /** Two 2x2 matrices: the per-op overhead. */
    public static class Tiny extends Session {
        Operand<TFloat32> a, b;

        @Setup
        public void setUp() {
            open(0);
            a = uniformConstant(9, 2, 2);
            b = uniformConstant(10, 2, 2);
        }
    }

    @Benchmark
    public boolean sgemm(Sgemm s) {
        return TfOutputs.free(s.tf.linalg.matMul(s.a, s.b));
    }

    @Benchmark
    public boolean add1M(Vectors1M v) {
        return TfOutputs.free(v.tf.math.add(v.a, v.b));
    }

    @Benchmark
    public boolean add16M(Vectors16M v) {
        return TfOutputs.free(v.tf.math.add(v.a, v.b));
    }

    @Benchmark
    public boolean broadcastAdd(Broadcast v) {
        return TfOutputs.free(v.tf.math.add(v.matrix, v.row));
    }

    @Benchmark
    public boolean sum16M(Vectors16M v) {
        return TfOutputs.free(v.tf.sum(v.a, v.axis));
    }

    @Benchmark
    public boolean exp16M(Vectors16M v) {
        return TfOutputs.free(v.tf.math.exp(v.a));
    }

    /** {@link TfChain#chain5} eagerly: five ops, each intermediate freed once the next op has run. */
    @Benchmark
    public boolean chain5Eager16M(Vectors16M v) {
        return TfOutputs.free(v.chain.chain5(v.a));
    }

    @Benchmark
    public boolean add2x2(Tiny v) {
        return TfOutputs.free(v.tf.math.add(v.a, v.b));
    }

}
