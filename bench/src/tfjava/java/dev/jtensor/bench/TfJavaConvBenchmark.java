package dev.jtensor.bench;

import java.util.List;
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
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.types.TFloat32;

/**
 * {@link ConvBenchmark} in TensorFlow Java's graph mode (its CPU kernels use oneDNN): the same data
 * ({@link ConvData}) as graph variables, {@code tf.nn.conv2d} alone, and with the gradients of its
 * sum for the input and the filter ({@code tf.gradients}), each one {@code Session.run}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TfJavaConvBenchmark {

    private Graph graph;
    private Session session;
    private Operand<TFloat32> output;
    private Gradients grads;

    @Setup
    public void setUp() {
        ConvData data = ConvData.create();
        graph = new Graph();
        Ops tf = Ops.create(graph);
        // variables, not constants: Grappler would fold a convolution of constants once, before timing
        Operand<TFloat32> images = tf.variable(constant(tf, data.images()));
        Operand<TFloat32> filter = tf.variable(constant(tf, data.filter()));
        output = tf.nn.conv2d(images, filter, List.of(1L, 1L, 1L, 1L), "SAME");
        Operand<TFloat32> loss = tf.sum(output, tf.constant(new int[] {0, 1, 2, 3}));
        grads = tf.gradients(loss, List.of(images, filter));
        session = new Session(graph);
        session.initialize();
    }

    private static Operand<TFloat32> constant(Ops tf, dev.jtensor.Tensor value) {
        long[] shape = java.util.Arrays.stream(value.shape().toArray()).asLongStream().toArray();
        return tf.constant(Shape.of(shape), DataBuffers.of(value.toFloatArray(), true, false));
    }

    @Benchmark
    public long conv2dForward() {
        try (Result result = session.runner().fetch(output).run()) {
            return result.get(0).shape().size();
        }
    }

    @Benchmark
    public long conv2dForwardBackward() {
        try (Result result = session.runner().fetch(grads.dy(0)).fetch(grads.dy(1)).run()) {
            return result.get(0).shape().size() + result.get(1).shape().size();
        }
    }

    @TearDown
    public void tearDown() {
        session.close();
        graph.close();
    }
}
