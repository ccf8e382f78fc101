package dev.jtensor.bench;

import static dev.jtensor.bench.CompareData.uniform;
import static dev.jtensor.bench.ElementwiseChain.chain5;
import static dev.jtensor.bench.ElementwiseChain.ops10;
import static dev.jtensor.bench.ResultCheck.requireClose;

import dev.jtensor.DType;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import dev.jtensor.graph.Graph;
import dev.jtensor.graph.Session;
import dev.jtensor.graph.TracedFunction;
import java.util.concurrent.TimeUnit;
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

/**
 * jtensor's graph mode in {@code bench/compare}: traced functions ({@link TracedFunction}) and
 * {@link Session#run} next to the same computations run eagerly. The inputs are
 * {@link JtensorCompareBenchmark}'s (same seeds, same float32 values), the fork gets the same
 * pre-touched heap, and every benchmark returns its result to JMH's blackhole, as there. Each
 * state checks in its setup that the traced or session result equals the eager one, so a broken
 * trace cannot pass for a fast one. {@code TfJavaGraphBenchmark} (under {@code -Ptfjava}) is
 * TensorFlow Java's side; the MLP step as a traced function is {@link TrainingStepBenchmark#tracedStep}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector",
        "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED", "-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch"})
public class GraphBenchmark {

    /** {@link ElementwiseChain#chain5} as a traced function, traced (and checked) in setup. */
    @State(Scope.Benchmark)
    public static class TracedChain5 {
        final TracedFunction chain = TracedFunction.of(x -> chain5(x)).named("chain5");

        @Setup
        public void trace(JtensorCompareBenchmark.Vectors16M v) {
            requireClose("chain5 traced", chain5(v.a), chain.call(v.a), 1e-6f);
        }
    }

    /** {@code a + b} as a traced function, traced (and checked) in setup. */
    @State(Scope.Benchmark)
    public static class TracedAdd {
        final TracedFunction add = TracedFunction.of((a, b) -> a.add(b)).named("add");

        @Setup
        public void trace(JtensorCompareBenchmark.Vectors1M v) {
            requireClose("add traced", v.a.add(v.b), add.call(v.a, v.b), 1e-6f);
        }
    }

    /**
     * A graph of {@link ElementwiseChain#ops10} on a 2 x 2 float32 placeholder, its session and the
     * tensor fed at every run.
     */
    @State(Scope.Benchmark)
    public static class SmallGraph extends JtensorCompareBenchmark.AllThreads {
        final Graph graph = new Graph();
        final Tensor x, y;
        final Tensor feed = TF.constant(uniform(4, 11), DType.FLOAT32, 2, 2);
        Session session;

        public SmallGraph() {
            try (var scope = graph.asDefault()) {
                x = graph.placeholder(DType.FLOAT32, 2, 2);
                y = ops10(x);
            }
        }

        @Setup
        public void open() {
            session = new Session(graph);
            requireClose("ops10 in a session", ops10(feed), run(), 1e-6f);
        }

        Tensor run() {
            return session.runner().feed(x, feed).fetch(y).run().get(0);
        }

        @TearDown
        public void close() {
            session.close();
        }
    }

    /** The five-op chain on 16M floats, eagerly: five fresh outputs per call. */
    @Benchmark
    public Tensor chain5Eager16M(JtensorCompareBenchmark.Vectors16M v) {
        return chain5(v.a);
    }

    /** The same chain as one call of a traced function. */
    @Benchmark
    public Tensor chain5Traced16M(JtensorCompareBenchmark.Vectors16M v, TracedChain5 f) {
        return f.chain.call(v.a);
    }

    /** One {@code Session.run} of the ten-op 2 x 2 graph: one feed, one fetch. */
    @Benchmark
    public Tensor sessionRun10ops2x2(SmallGraph g) {
        return g.run();
    }

    /** The same ten ops on the same 2 x 2 tensor, eagerly. */
    @Benchmark
    public Tensor eager10ops2x2(SmallGraph g) {
        return ops10(g.feed);
    }

    /** {@code a + b} on 1M floats as one call of a traced function. */
    @Benchmark
    public Tensor tracedAdd1M(JtensorCompareBenchmark.Vectors1M v, TracedAdd f) {
        return f.add.call(v.a, v.b);
    }
}
