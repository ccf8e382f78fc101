package dev.jtensor.bench;

import static dev.jtensor.bench.CompareData.ONE_M;
import static dev.jtensor.bench.CompareData.uniform;

import dev.jtensor.DType;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
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
 * The transcendental elementwise ops over 1M elements through the public {@link TF} API, float32
 * and float64. Inputs are uniform in [-4, 4), in [0, 8) for log and pow's base and in [-1, 7) for
 * log1p, so no op spends its time on NaNs.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector",
        "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED", "-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch"})
@State(Scope.Benchmark)
public class TranscendentalBenchmark {

    @Param({"exp", "log", "log1p", "expm1", "tanh", "sigmoid", "softplus", "sin", "cos", "pow"})
    public String op;
    @Param({"float32", "float64"})
    public String dtype;
    private Tensor x, y;

    @Setup
    public void setUp() {
        DType type = "float32".equals(dtype) ? DType.FLOAT32 : DType.FLOAT64;
        float[] u = uniform(ONE_M, 1), v = uniform(ONE_M, 2);   // uniform in [0, 1)
        float shift = switch (op) {
            case "log", "pow" -> 0f;
            case "log1p" -> 0.125f;
            default -> 0.5f;
        };
        for (int i = 0; i < ONE_M; i++) {
            u[i] = 8 * (u[i] - shift);
            v[i] = 8 * (v[i] - 0.5f);
        }
        x = TF.cast(TF.constant(u, DType.FLOAT32, ONE_M), type);
        y = TF.cast(TF.constant(v, DType.FLOAT32, ONE_M), type);
    }

    @Benchmark
    public Tensor apply() {
        return switch (op) {
            case "exp" -> TF.exp(x);
            case "log" -> TF.log(x);
            case "log1p" -> TF.log1p(x);
            case "expm1" -> TF.expm1(x);
            case "tanh" -> TF.tanh(x);
            case "sigmoid" -> TF.sigmoid(x);
            case "softplus" -> TF.softplus(x);
            case "sin" -> TF.sin(x);
            case "cos" -> TF.cos(x);
            case "pow" -> TF.pow(x, y);
            default -> throw new IllegalArgumentException(op);
        };
    }
}
