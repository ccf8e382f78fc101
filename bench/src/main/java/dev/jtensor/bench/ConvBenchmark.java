package dev.jtensor.bench;

import dev.jtensor.TF;
import dev.jtensor.Tensor;
import dev.jtensor.autodiff.GradientTape;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code TF.nn.conv2d}, 3x3, 32 output channels, SAME, stride 1, on a 64x28x28x1 float32 batch
 * ({@link ConvData}): the forward pass alone ({@code conv2dForward}) and forward plus the gradients
 * of {@code reduceSum(conv2d(x, f))} for the input and the filter on a GradientTape
 * ({@code conv2dForwardBackward}). {@code TfJavaConvBenchmark} (under {@code -Ptfjava}) runs the same
 * in TensorFlow Java's graph mode.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector",
        "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED", "-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch"})
public class ConvBenchmark {

    private static final int[] STRIDES = {1, 1};
    private Tensor images;
    private Tensor filter;

    @Setup
    public void setUp() {
        ConvData data = ConvData.create();
        images = data.images();
        filter = data.filter();
    }

    @Benchmark
    public Tensor conv2dForward() {
        return TF.nn.conv2d(images, filter, STRIDES, "SAME");
    }

    @Benchmark
    public List<Tensor> conv2dForwardBackward() {
        try (GradientTape tape = new GradientTape()) {
            tape.watch(images, filter);
            Tensor loss = TF.reduceSum(TF.nn.conv2d(images, filter, STRIDES, "SAME"));
            return tape.gradient(loss, List.of(images, filter));
        }
    }
}
