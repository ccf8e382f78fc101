package dev.jtensor.autodiff;

import static dev.jtensor.TF.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.jtensor.DType;
import dev.jtensor.Index;
import dev.jtensor.Tensor;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every differentiable op's tape gradient against float64 central finite differences, on inputs
 * chosen away from kinks and poles (positive for log/sqrt, no ties for max/abs/relu), including
 * broadcasting, non-contiguous views and second derivatives.
 */
class GradientTableTest {

    private record Case(String name, double eps, double tolerance, Function<List<Tensor>, Tensor> f,
                        Tensor... inputs) {
        Case(String name, Function<List<Tensor>, Tensor> f, Tensor... inputs) {
            this(name, 1e-6, 1e-6, f, inputs);
        }
    }

    private static Tensor normal(long seed, int... shape) {
        return randomNormal(shape, 0, 1, DType.FLOAT64, seed);
    }

    /** Values in (0.5, 2): safe for log, sqrt, reciprocal, pow bases. */
    private static Tensor positive(long seed, int... shape) {
        return randomUniform(shape, 0.5, 2, DType.FLOAT64, seed);
    }

    /** Distinct values well apart from each other and from 0: no ties for max/min, no kinks at 0. */
    private static Tensor spread(int... shape) {
        int n = 1;
        for (int d : shape) n *= d;
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = (i % 2 == 0 ? 1 : -1) * (0.3 + 0.37 * ((i * 7) % n));
        return constant(v, null, shape);
    }

    private static Stream<Case> cases() {
        return Stream.of(
                new Case("add broadcast", xs -> xs.get(0).add(xs.get(1)), normal(1, 2, 3), normal(2, 3)),
                new Case("subtract broadcast column", xs -> xs.get(0).sub(xs.get(1)), normal(1, 2, 3), normal(2, 2, 1)),
                new Case("multiply rank mismatch", xs -> xs.get(0).mul(xs.get(1)), normal(1, 2, 1, 3), normal(2, 4, 1)),
                new Case("divide", xs -> xs.get(0).div(xs.get(1)), normal(1, 3), positive(2, 3)),
                new Case("pow", xs -> xs.get(0).pow(xs.get(1)), positive(1, 4), normal(2, 4)),
                new Case("pow by scalar", xs -> xs.get(0).pow(3), normal(1, 4)),
                new Case("maximum", xs -> maximum(xs.get(0), xs.get(1)), spread(5), normal(3, 5)),
                new Case("minimum", xs -> minimum(xs.get(0), xs.get(1)), spread(5), normal(3, 5)),
                new Case("floorMod", xs -> floorMod(xs.get(0), xs.get(1)), constant(new double[] {5.3, -2.7, 7.1}),
                        constant(new double[] {2.0, 1.9, -3.0})),
                new Case("squaredDifference", xs -> squaredDifference(xs.get(0), xs.get(1)), normal(1, 2, 2), normal(2, 2)),
                new Case("negative", xs -> xs.get(0).neg(), normal(1, 3)),
                new Case("abs", xs -> abs(xs.get(0)), spread(4)),
                new Case("square", xs -> square(xs.get(0)), normal(1, 2, 2)),
                new Case("sqrt", xs -> sqrt(xs.get(0)), positive(1, 4)),
                new Case("rsqrt", xs -> rsqrt(xs.get(0)), positive(1, 4)),
                new Case("reciprocal", xs -> reciprocal(xs.get(0)), positive(1, 4)),
                new Case("exp", xs -> exp(xs.get(0)), normal(1, 4)),
                new Case("log", xs -> log(xs.get(0)), positive(1, 4)),
                new Case("log1p", xs -> log1p(xs.get(0)), positive(1, 4)),
                new Case("expm1", xs -> expm1(xs.get(0)), normal(1, 4)),
                new Case("sin", xs -> sin(xs.get(0)), normal(1, 4)),
                new Case("cos", xs -> cos(xs.get(0)), normal(1, 4)),
                new Case("tanh", xs -> tanh(xs.get(0)), normal(1, 4)),
                new Case("sigmoid", xs -> sigmoid(xs.get(0)), normal(1, 4)),
                new Case("relu", xs -> relu(xs.get(0)), spread(6)),
                new Case("softplus", xs -> softplus(xs.get(0)), normal(1, 4)),
                new Case("where", xs -> where(xs.get(0).greater(0), xs.get(0).mul(2), xs.get(1)), spread(4), normal(2, 4)),
                new Case("clipByValue", xs -> clipByValue(xs.get(0), -1, 1), spread(6)),
                new Case("reduceSum axis", xs -> reduceSum(xs.get(0), -1), normal(1, 2, 3)),
                new Case("reduceSum keepDims", xs -> reduceSum(xs.get(0), new int[] {0, 2}, true), normal(1, 2, 3, 2)),
                new Case("reduceMean", xs -> reduceMean(xs.get(0), 0), normal(1, 3, 2)),
                new Case("reduceMax", xs -> reduceMax(xs.get(0), 1), spread(2, 3)),
                new Case("reduceMin all", xs -> reduceMin(xs.get(0)), spread(2, 3)),
                new Case("reduceProd", xs -> reduceProd(xs.get(0), 1), normal(1, 2, 3)),
                new Case("reduceProd with a zero", xs -> reduceProd(xs.get(0)),
                        constant(new double[] {1.5, 0.0, -2.0, 0.7})),
                new Case("reduceVariance", xs -> reduceVariance(xs.get(0), new int[] {1}, false), normal(1, 2, 4)),
                new Case("reduceStd", xs -> reduceStd(xs.get(0), new int[] {0}, true), normal(1, 3, 2)),
                new Case("reduceStd over a size-1 axis", xs -> reduceStd(xs.get(0), new int[] {1}, false), normal(1, 3, 1)),
                new Case("reduceLogSumExp", xs -> reduceLogSumExp(xs.get(0), new int[] {1}, false), normal(1, 2, 3)),
                new Case("softmax", xs -> softmax(xs.get(0)), normal(1, 2, 3)),
                new Case("logSoftmax", xs -> logSoftmax(xs.get(0), 0), normal(1, 3, 2)),
                new Case("cumsum", xs -> cumsum(xs.get(0), 1), normal(1, 2, 3)),
                new Case("cumsum exclusive reverse", xs -> cumsum(xs.get(0), 0, true, true), normal(1, 4)),
                new Case("cumprod", xs -> cumprod(xs.get(0), 0), positive(1, 4)),
                new Case("cumprod with zeros", xs -> cumprod(xs.get(0), 1),
                        constant(new double[][] {{1.5, 0.0, -2.0, 0.0, 0.7}, {0.0, 1.2, 0.8, -1.1, 0.9}})),
                new Case("cumprod with zeros exclusive reverse", xs -> cumprod(xs.get(0), 0, true, true),
                        constant(new double[] {1.5, 0.0, -2.0, 0.0, 0.7})),
                new Case("second derivative of cumprod with a zero", xs -> {
                    try (GradientTape inner = new GradientTape()) {
                        inner.watch(xs.get(0));
                        return inner.gradient(cumprod(xs.get(0), 0).mul(xs.get(0)), xs.get(0));
                    }
                }, constant(new double[] {1.5, -0.5, 0.0, 2.0})),
                new Case("second derivative of cumprod with several zeros", xs -> {
                    try (GradientTape inner = new GradientTape()) {
                        inner.watch(xs.get(0));
                        return inner.gradient(cumprod(xs.get(0), 0).mul(constant(new double[] {0.3, -1.2, 0.7, 1.1})),
                                xs.get(0));
                    }
                }, constant(new double[] {0.0, 0.0, 1.5, 0.0})),
                new Case("matmul", xs -> matmul(xs.get(0), xs.get(1)), normal(1, 2, 3), normal(2, 3, 4)),
                new Case("matmul transposed", xs -> matmul(xs.get(0), xs.get(1), true, true), normal(1, 3, 2), normal(2, 4, 3)),
                new Case("matmul transposeA", xs -> matmul(xs.get(0), xs.get(1), true, false), normal(1, 3, 2), normal(2, 3, 4)),
                new Case("matmul transposeB", xs -> matmul(xs.get(0), xs.get(1), false, true), normal(1, 2, 3), normal(2, 4, 3)),
                new Case("matmul batch broadcast", xs -> matmul(xs.get(0), xs.get(1)), normal(1, 2, 2, 3), normal(2, 3, 2)),
                new Case("matrixInverse", xs -> matrixInverse(xs.get(0)),
                        constant(new double[][] {{2, 0.5, 0.1}, {0.3, 1.5, -0.2}, {0.1, 0.4, 3}})),
                new Case("matrixDeterminant", xs -> matrixDeterminant(xs.get(0)), normal(1, 2, 3, 3)),
                new Case("reshape", xs -> reshape(xs.get(0), 3, -1), normal(1, 2, 3)),
                new Case("transpose", xs -> transpose(xs.get(0), 2, 0, 1), normal(1, 2, 3, 4)),
                new Case("expandDims squeeze", xs -> squeeze(expandDims(xs.get(0), 1)), normal(1, 3)),
                new Case("stack", xs -> stack(List.of(xs.get(0), xs.get(1).mul(2)), -1), normal(1, 2), normal(2, 2)),
                new Case("unstack", xs -> unstack(xs.get(0), 1).get(1).mul(3), normal(1, 2, 3)),
                new Case("concat", xs -> concat(List.of(xs.get(0), xs.get(1)), 1), normal(1, 2, 1), normal(2, 2, 3)),
                new Case("split", xs -> split(xs.get(0), new int[] {1, -1}, 0).get(1), normal(1, 3, 2)),
                new Case("tile", xs -> tile(xs.get(0), 2, 3), normal(1, 2, 2)),
                new Case("pad", xs -> pad(xs.get(0), new int[][] {{1, 0}, {2, 1}}, 5), normal(1, 2, 2)),
                new Case("slice with steps", xs -> xs.get(0).get(Index.range(1, 5, 2), Index.step(-2)), normal(1, 5, 4)),
                new Case("index and newAxis", xs -> xs.get(0).get(Index.at(-1), Index.newAxis()), normal(1, 3, 2)),
                new Case("gather repeated indices", xs -> gather(xs.get(0), constant(new int[] {2, 0, 2}), 0), normal(1, 3, 2)),
                new Case("gather axis 1 2-D indices", xs -> gather(xs.get(0), constant(new int[][] {{1, 0}, {1, 1}}), 1),
                        normal(1, 2, 3, 2)),
                new Case("gather axis 2 of 3-D", xs -> gather(xs.get(0), constant(new long[] {0, 0, 1}), 2),
                        normal(1, 2, 3, 2)),
                new Case("segment sum, repeated and negative ids",
                        xs -> unsortedSegmentSum(xs.get(0), constant(new int[] {2, 0, -1, 2}), 4), normal(1, 4, 3)),
                new Case("segment sum, 2-D ids", xs -> unsortedSegmentSum(xs.get(0), constant(new int[][] {{1, 0}, {1, 1}}), 2),
                        normal(1, 2, 2, 3)),
                new Case("broadcastTo", xs -> broadcastTo(xs.get(0), 2, 3, 2), normal(1, 3, 1)),
                // float32 rounding (~1e-7 relative) needs a larger step and tolerance
                new Case("cast float64->float32->float64", 1e-3, 1e-3, xs -> cast(cast(xs.get(0), DType.FLOAT32), DType.FLOAT64).mul(xs.get(0)),
                        normal(1, 3)),
                new Case("transposed view input", xs -> xs.get(0).transpose().mul(xs.get(1)), normal(1, 3, 2), normal(2, 2, 3)),
                new Case("second derivative of tanh", xs -> {
                    try (GradientTape inner = new GradientTape()) {
                        inner.watch(xs.get(0));
                        return inner.gradient(tanh(xs.get(0)).mul(xs.get(0)), xs.get(0));
                    }
                }, normal(1, 4)),
                new Case("second derivative of matmul and softmax", xs -> {
                    try (GradientTape inner = new GradientTape()) {
                        inner.watch(xs.get(0));
                        Tensor y = reduceSum(softmax(matmul(xs.get(0), xs.get(1))).square());
                        return inner.gradient(y, xs.get(0));
                    }
                }, normal(1, 2, 3), normal(2, 3, 2)));
    }

    @TestFactory
    Stream<DynamicTest> tapeGradientsMatchFiniteDifferences() {
        return cases().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            GradientChecker.Result r = GradientChecker.check(c.f(), List.of(c.inputs()), c.eps(), c.tolerance(), 1e-5);
            assertTrue(r.passed(), c.name() + ": " + r);
        }));
    }
}
