package dev.jtensor.bench;

import static dev.jtensor.bench.CompareData.SIXTEEN_M;
import static dev.jtensor.bench.CompareData.uniform;

import dev.jtensor.DType;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * {@link GraphBenchmark}'s graphs in TensorFlow Java's graph mode: a {@link Graph} with a float32
 * placeholder, {@link TfChain}'s ops on it, a {@link Session} with TensorFlow's default options,
 * and one {@code Session.run} per op with one feed and one fetch. The fed tensor holds the same
 * values as jtensor's input (same seed) and is made once; each run's {@link Result} is closed inside
 * the timed region, and the benchmark returns its first element. Setup checks the graph's result
 * against jtensor's eager chain on the same values.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TfJavaGraphBenchmark {

    /** A graph of one chain on a placeholder of {@code size} floats, its session and the fed tensor. */
    @State(Scope.Benchmark)
    public abstract static class FedGraph {
        private Graph graph;
        private Session session;
        private Placeholder<TFloat32> x;
        private Operand<TFloat32> y;
        private TFloat32 feed;
        private long[] origin;

        void open(Shape shape, long seed, BiFunction<TfChain, Operand<TFloat32>, Operand<TFloat32>> chain,
                UnaryOperator<Tensor> jtensorChain) {
            graph = new Graph();
            Ops tf = Ops.create(graph);
            x = tf.placeholder(TFloat32.class, Placeholder.shape(shape));
            y = chain.apply(new TfChain(tf, consumed -> { }), x);
            origin = new long[shape.numDimensions()];
            session = new Session(graph);
            float[] values = uniform(Math.toIntExact(shape.size()), seed);
            feed = TFloat32.tensorOf(shape, DataBuffers.of(values, true, false));
            int[] dims = Arrays.stream(shape.asArray()).mapToInt(Math::toIntExact).toArray();
            Tensor expected = jtensorChain.apply(TF.constant(values, DType.FLOAT32, dims));
            try (Result result = runOnce()) {
                float[] actual = new float[values.length];
                ((TFloat32) result.get(0)).copyTo(DataBuffers.of(actual, false, false));
                ResultCheck.requireClose("TF Java graph " + y.op().name(), expected,
                        TF.constant(actual, DType.FLOAT32, dims), 1e-6f);
            }
        }

        private Result runOnce() {
            return session.runner().feed(x, feed).fetch(y).run();
        }

        float run() {
            try (Result result = runOnce()) {
                return ((TFloat32) result.get(0)).getFloat(origin);
            }
        }

        @TearDown
        public void close() {
            feed.close();
            session.close();
            graph.close();
        }
    }

    /** {@link TfChain#chain5} on 16M floats ({@code JtensorCompareBenchmark.Vectors16M}'s first vector). */
    public static class Chain16M extends FedGraph {
        @Setup
        public void setUp() {
            open(Shape.of(SIXTEEN_M), 5, TfChain::chain5, ElementwiseChain::chain5);
        }
    }

    /** {@link TfChain#ops10} on a 2 x 2 matrix ({@code GraphBenchmark.SmallGraph}'s feed). */
    public static class SmallGraph extends FedGraph {
        @Setup
        public void setUp() {
            open(Shape.of(2, 2), 11, TfChain::ops10, ElementwiseChain::ops10);
        }
    }

    /** One {@code Session.run} of the five-op chain on 16M floats. */
    @Benchmark
    public float chain5Graph16M(Chain16M g) {
        return g.run();
    }

    /** One {@code Session.run} of the ten-op 2 x 2 graph: one feed, one fetch. */
    @Benchmark
    public float sessionRun10ops2x2(SmallGraph g) {
        return g.run();
    }
}
