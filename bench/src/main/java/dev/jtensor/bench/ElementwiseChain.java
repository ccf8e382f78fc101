package dev.jtensor.bench;

import dev.jtensor.Tensor;

/**
 * The elementwise chains of the graph-mode benchmarks, written once for eager and traced runs:
 * {@code chain5(x) = ((x * A + B) * x - C) / D}, five float32 ops of the kinds a fused kernel runs
 * (scalar multiply, add, subtract, divide broadcast over {@code x}, and {@code x} times itself),
 * and {@code ops10(x) = chain5(chain5(x))}. {@code TfJavaGraphBenchmark} and
 * {@code bench/numpy_bench.py} build the same chains with the same constants.
 */
final class ElementwiseChain {

    static final float A = 1.5f, B = 0.5f, C = 0.25f, D = 2f;

    private ElementwiseChain() {
    }

    /** {@code ((x * A + B) * x - C) / D}: five elementwise ops. */
    static Tensor chain5(Tensor x) {
        return x.mul(A).add(B).mul(x).sub(C).div(D);
    }

    /** {@code chain5(chain5(x))}: ten elementwise ops. */
    static Tensor ops10(Tensor x) {
        return chain5(chain5(x));
    }
}
