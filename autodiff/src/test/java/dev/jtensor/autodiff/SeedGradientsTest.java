package dev.jtensor.autodiff;

import static dev.jtensor.TF.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.jtensor.DType;
import dev.jtensor.FailedPreconditionException;
import dev.jtensor.Shape;
import dev.jtensor.Tensor;
import dev.jtensor.Variable;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The seed notebooks' GradientTape examples, with the numbers they print. */
class SeedGradientsTest {

    @Test
    void linearFunctionOfAScalarVariable() {
        Variable x = new Variable(constant(0f));
        Tensor grad;
        try (GradientTape tape = new GradientTape()) {
            Tensor y = x.mul(2).add(3);
            grad = tape.gradient(y, x);
        }
        assertEquals(2f, grad.floatValue());
        assertEquals(DType.FLOAT32, grad.dtype());
    }

    @Test
    void linearFunctionOfA2x2Variable() {
        Variable x = new Variable(zeros(2, 2));
        Tensor grad;
        try (GradientTape tape = new GradientTape()) {
            grad = tape.gradient(x.mul(2).add(3), x);
        }
        assertEquals(Shape.of(2, 2), grad.shape());
        assertArrayEquals(new float[] {2, 2, 2, 2}, grad.toFloatArray());
        assertEquals("tf.Tensor(\n[[2. 2.]\n [2. 2.]], shape=(2, 2), dtype=float32)", grad.toString());
    }

    @Test
    void watchedConstant() {
        Tensor x = constant(3f);
        Tensor grad;
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x);
            grad = tape.gradient(square(x), x);
        }
        assertEquals(6f, grad.floatValue());
    }

    @Test
    void speedAndAccelerationOfAFallingBody() {
        Variable time = new Variable(constant(5f));
        Tensor speed, acceleration;
        try (GradientTape outer = new GradientTape()) {
            try (GradientTape inner = new GradientTape()) {
                Tensor position = time.square().mul(4.9);
                speed = inner.gradient(position, time);
            }
            acceleration = outer.gradient(speed, time);
        }
        assertEquals(49f, speed.floatValue(), 1e-4);
        assertEquals(9.8f, acceleration.floatValue(), 1e-6);
    }

    @Test
    void denseLayerGradientsForWeightsAndBias() {
        Variable w = new Variable(constant(new float[][] {{0.5f, -1}, {2, 0.25f}}));
        Variable b = new Variable(zeros(2));
        Tensor x = constant(new float[][] {{1, 2}, {3, 4}, {5, 6}});
        List<Tensor> grads;
        try (GradientTape tape = new GradientTape()) {
            Tensor y = matmul(x, w).add(b);
            grads = tape.gradient(y, List.of(w, b));
        }
        // d sum(xW + b) / dW = x^T 1 (column sums of x), d / db = number of rows
        assertArrayEquals(new float[] {9, 9, 12, 12}, grads.get(0).toFloatArray());
        assertArrayEquals(new float[] {3, 3}, grads.get(1).toFloatArray());
    }

    @Test
    void explicitEnterAndExitLikeTheSeed() {
        Variable x = new Variable(constant(2f));
        Tensor a = constant(3f);
        GradientTape tape = new GradientTape();   // __enter__
        Tensor y = a.mul(x.pow(2));
        tape.stop();                              // __exit__
        assertEquals(12f, tape.gradient(y, x).floatValue());
    }

    @Test
    void threeHalvesXCubed() {
        Variable x = new Variable(constant(2f));
        Tensor grad;
        try (GradientTape tape = new GradientTape()) {
            Tensor a = x.div(2).mul(3);
            grad = tape.gradient(a.mul(x.pow(2)), x);
        }
        assertEquals(1.5f * 3 * 4, grad.floatValue(), 1e-5);
    }

    @Test
    void anExpressionOutsideTheTapeIsAConstant() {
        Variable x = new Variable(constant(2f));
        Tensor a = x.div(2).mul(3);
        Tensor grad;
        try (GradientTape tape = new GradientTape()) {
            grad = tape.gradient(a.mul(x.pow(2)), x);
        }
        assertEquals(12f, grad.floatValue(), 1e-5);
    }

    @Test
    void aPersistentTapeAnswersTwice() {
        Variable x = new Variable(constant(2f));
        try (GradientTape tape = new GradientTape(true, true)) {
            Tensor y = x.div(2).mul(3).mul(x.pow(2));
            assertEquals(18f, tape.gradient(y, x).floatValue(), 1e-5);
            assertEquals(18f, tape.gradient(y, x).floatValue(), 1e-5);
        }
    }

    @Test
    void aNonPersistentTapeRefusesASecondGradient() {
        Variable x = new Variable(constant(2f));
        GradientTape tape = new GradientTape();
        Tensor y = x.mul(x);
        tape.stop();
        assertEquals(4f, tape.gradient(y, x).floatValue());
        var e = assertThrows(FailedPreconditionException.class, () -> tape.gradient(y, x));
        assertTrue(e.getMessage().contains("non-persistent"), e.getMessage());
    }

    @Test
    void anUnwatchedConstantHasNoGradientUntilWatched() {
        Tensor x = constant(2f);
        try (GradientTape tape = new GradientTape(true, true)) {
            Tensor y = x.div(2).mul(3).mul(x.pow(2));
            assertNull(tape.gradient(y, x));
        }
        try (GradientTape tape = new GradientTape(true, true)) {
            tape.watch(x);
            Tensor y = x.div(2).mul(3).mul(x.pow(2));
            assertEquals(18f, tape.gradient(y, x).floatValue(), 1e-5);
        }
    }

    @Test
    void notWatchingAccessedVariablesGivesNullUnlessWatched() {
        Variable x = new Variable(constant(2f));
        try (GradientTape tape = new GradientTape(true, false)) {
            Tensor y = x.div(2).mul(3).mul(x.pow(2));
            assertNull(tape.gradient(y, x));
        }
        try (GradientTape tape = new GradientTape(true, false)) {
            tape.watch(x);
            Tensor y = x.div(2).mul(3).mul(x.pow(2));
            assertEquals(18f, tape.gradient(y, x).floatValue(), 1e-5);
        }
    }
}
