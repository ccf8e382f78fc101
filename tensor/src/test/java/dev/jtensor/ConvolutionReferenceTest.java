package dev.jtensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Checks {@code TF.nn}'s convolution, pooling and patches against NumPy loops, one dynamic test per
 * case of {@code src/test/resources/fixtures/conv/cases.txt}, written by
 * {@code scripts/fixtures/gen_conv_fixtures.py} (odd sizes, strides 1 and 2, SAME and VALID with
 * asymmetric padding, dilations, several channels, batch 2). Exact cases (max pooling, patches)
 * must match bit for bit; float64 sums within 1e-12 relative; float32 sums within 2e-5 relative
 * plus as much absolute, since the references are float64 sums of up to 27 products rounded once
 * while the kernels round every float32 step.
 */
class ConvolutionReferenceTest {

    private static final String FIXTURES = "/fixtures/conv/cases.txt";

    @TestFactory
    Stream<DynamicTest> convolutionAndPoolingMatchNumpy() {
        return OpFixtures.load(FIXTURES).stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c)));
    }

    private static void check(OpFixtures.Case c) {
        List<Tensor> in = c.inputs().stream().map(OpFixtures.Value::toTensor).toList();
        Tensor actual = apply(c.op(), in, c.params());
        OpFixtures.Value expected = c.outputs().getFirst();
        assertEquals(expected.dtype(), actual.dtype(), c.name() + ": dtype");
        assertEquals(Shape.of(expected.shape()), actual.shape(), c.name() + ": shape");
        double tolerance = c.exact() ? 0 : expected.dtype() == DType.FLOAT32 ? 2e-5 : 1e-12;
        double[] want = expected.doubles(), got = actual.toDoubleArray();
        for (int i = 0; i < want.length; i++) {
            if (!NumpyReferenceTest.close(want[i], got[i], tolerance)) {
                fail(c.name() + ": element " + i + " is " + got[i] + ", expected " + want[i]);
            }
        }
    }

    static Tensor apply(String op, List<Tensor> in, Map<String, String> p) {
        int[] strides = OpFixtures.ints(p.get("strides"));
        String padding = p.get("padding");
        return switch (op) {
            case "conv2d" -> TF.nn.conv2d(in.get(0), in.get(1), strides, padding, OpFixtures.ints(p.get("dilations")));
            case "maxPool2d" -> TF.nn.maxPool2d(in.get(0), OpFixtures.ints(p.get("ksize")), strides, padding);
            case "avgPool2d" -> TF.nn.avgPool2d(in.get(0), OpFixtures.ints(p.get("ksize")), strides, padding);
            case "extractImagePatches" -> TF.nn.extractImagePatches(in.get(0), OpFixtures.ints(p.get("sizes")), strides,
                    OpFixtures.ints(p.get("rates")), padding);
            default -> throw new IllegalArgumentException("unknown op " + op);
        };
    }
}
