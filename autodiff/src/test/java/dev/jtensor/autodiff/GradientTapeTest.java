package dev.jtensor.autodiff;

import static dev.jtensor.TF.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.jtensor.DType;
import dev.jtensor.FailedPreconditionException;
import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Shape;
import dev.jtensor.Tensor;
import dev.jtensor.Variable;
import dev.jtensor.ops.Dispatch;
import dev.jtensor.ops.MatMul;
import dev.jtensor.ops.OpHook;
import dev.jtensor.ops.Primitive;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Tape behaviour beyond single gradients: options, scopes, jacobians, custom gradients. */
class GradientTapeTest {

    @Test
    void unconnectedSourcesGiveNullOrZeros() {
        Variable x = Variable.of(2f), unused = Variable.of(new float[] {1, 2});
        try (GradientTape tape = new GradientTape(true, true)) {
            Tensor y = x.square();
            assertNull(tape.gradient(y, unused));
            List<Tensor> zeros = tape.gradient(y, List.of(x, unused), null, UnconnectedGradients.ZERO);
            assertEquals(4f, zeros.get(0).floatValue());
            assertArrayEquals(new float[] {0, 0}, zeros.get(1).toFloatArray());
        }
    }

    @Test
    void untrackedInputsGetNoGradientWork() {
        Tensor images = constant(new float[][] {{1, 2}, {3, 4}});
        Variable w = Variable.of(new float[][] {{1, 0}, {0, 1}});
        try (GradientTape tape = new GradientTape()) {
            Tensor loss = reduceSum(matmul(images, w));
            List<Primitive> backwardOps = new ArrayList<>();
            try (var hook = Dispatch.push(new OpHook() {
                @Override
                public void recorded(Primitive p, Tensor[] inputs, Tensor output) {
                    backwardOps.add(p);
                }
            })) {
                // d/dw sum(x @ w) = x^T @ ones: column sums of x in every column
                assertArrayEquals(new float[] {4, 4, 6, 6}, tape.gradient(loss, w).toFloatArray());
            }
            // one matmul for w's gradient; none for the constant images
            assertEquals(1, backwardOps.stream().filter(p -> p instanceof MatMul).count());
        }
    }

    @Test
    void integerSourcesAreNotDifferentiable() {
        Variable n = Variable.of(3);
        try (GradientTape tape = new GradientTape()) {
            tape.watch(n);
            assertNull(tape.gradient(n.mul(n), n));
        }
    }

    @Test
    void outputGradientsWeightANonScalarTarget() {
        Variable x = Variable.of(new float[] {1, 2, 3});
        try (GradientTape tape = new GradientTape()) {
            Tensor y = x.square();
            Tensor g = tape.gradient(y, List.of(x), constant(new float[] {1, 0, 10}), UnconnectedGradients.NONE).get(0);
            assertArrayEquals(new float[] {2, 0, 60}, g.toFloatArray());
        }
        try (GradientTape tape = new GradientTape()) {
            Tensor y = x.square();
            assertThrows(InvalidArgumentException.class,
                    () -> tape.gradient(y, List.of(x), constant(new float[] {1, 0}), UnconnectedGradients.NONE));
        }
    }

    @Test
    void stopRecordingAndStopGradientCutThePath() throws Exception {
        Variable x = Variable.of(3f);
        try (GradientTape tape = new GradientTape(true, true)) {
            Tensor hidden;
            try (AutoCloseable paused = tape.stopRecording()) {
                hidden = x.mul(x);
            }
            Tensor y = x.mul(hidden);
            assertEquals(9f, tape.gradient(y, x).floatValue());
            Tensor z = stopGradient(x.square()).mul(x);
            assertEquals(9f, tape.gradient(z, x).floatValue());
        }
    }

    @Test
    void resetForgetsTheRecords() {
        Variable x = Variable.of(3f);
        try (GradientTape tape = new GradientTape(true, true)) {
            Tensor y = x.mul(x);
            tape.reset();
            assertNull(tape.gradient(y, x));
            Tensor z = x.mul(2);
            assertEquals(2f, tape.gradient(z, x).floatValue());
        }
    }

    @Test
    void aVariableReadTwiceSumsBothPaths() {
        Variable x = Variable.of(2f);
        try (GradientTape tape = new GradientTape()) {
            Tensor a = x.asTensor();
            x.assign(constant(5f));
            Tensor b = x.asTensor();
            assertEquals(5f + 2f, tape.gradient(a.mul(b), x).floatValue());
        }
    }

    @Test
    void jacobianOfAnElementwiseSquareIsDiagonal() {
        Tensor x = constant(new double[] {1, 2, 3});
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x);
            Tensor j = tape.jacobian(x.square(), x);
            assertEquals(Shape.of(3, 3), j.shape());
            assertArrayEquals(new double[] {2, 0, 0, 0, 4, 0, 0, 0, 6}, j.toDoubleArray());
        }
    }

    @Test
    void batchJacobianKeepsEachRowsOwnBlock() {
        Tensor x = constant(new double[][] {{1, 2}, {3, 4}});
        Tensor w = constant(new double[][] {{1, 2, 3}, {4, 5, 6}});
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x);
            Tensor y = matmul(x, w).square();           // (2, 3)
            Tensor j = tape.batchJacobian(y, x);        // (2, 3, 2): 2 * y_b * w^T
            assertEquals(Shape.of(2, 3, 2), j.shape());
            double[] rowOne = {9, 12, 15};               // x[0] @ w
            double[] expected = new double[6];
            for (int o = 0; o < 3; o++) {
                for (int i = 0; i < 2; i++) expected[o * 2 + i] = 2 * rowOne[o] * w.get(i, o).doubleValue();
            }
            assertArrayEquals(expected, j.get(0).toDoubleArray(), 1e-12);
        }
    }

    @Test
    void tapesAreConfinedToTheirThread() throws Exception {
        Variable x = Variable.of(3f);
        try (GradientTape tape = new GradientTape()) {
            Tensor elsewhere = CompletableFuture.supplyAsync(() -> x.mul(x)).get();
            assertNull(tape.gradient(elsewhere, x));
        }
    }

    @Test
    void reenteringARecordingTapeIsAnError() {
        try (GradientTape tape = new GradientTape()) {
            assertThrows(FailedPreconditionException.class, tape::start);
        }
    }

    @Test
    void customGradientsReplaceTheRecordedOnes() {
        Variable x = Variable.of(100.0);
        try (GradientTape tape = new GradientTape()) {
            Tensor y = CustomGradient.apply(
                    xs -> log(exp(xs.get(0)).add(1)),
                    (upstream, out, xs) -> List.of(upstream.mul(sigmoid(xs.get(0)))),
                    x);
            assertEquals(100.0, y.doubleValue(), 1e-12);
            assertEquals(1.0, tape.gradient(y, x).doubleValue(), 1e-12);
        }
    }

    @Test
    void castToIntegerStopsTheGradient() {
        Variable x = Variable.of(2.5f);
        try (GradientTape tape = new GradientTape()) {
            Tensor y = cast(cast(x, DType.INT32), DType.FLOAT32).mul(x);
            assertEquals(2f, tape.gradient(y, x).floatValue());
        }
    }

    @Test
    void checkerReportsAWrongGradient() {
        GradientChecker.Result r = GradientChecker.check(xs -> CustomGradient.apply(
                ys -> ys.get(0).square(), (g, out, ys) -> List.of(g.mul(ys.get(0)).mul(3)), xs.get(0)),
                constant(new double[] {1, 2}));
        assertFalse(r.passed());
        assertEquals(1, r.inputIndex());
        assertEquals(6.0, r.analytic(), 1e-12);
        assertEquals(4.0, r.numeric(), 1e-6);
    }
}
