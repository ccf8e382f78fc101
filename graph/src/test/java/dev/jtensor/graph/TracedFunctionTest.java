package dev.jtensor.graph;

import static org.junit.jupiter.api.Assertions.*;

import dev.jtensor.DType;
import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Shape;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import dev.jtensor.Variable;
import dev.jtensor.autodiff.GradientTape;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Traced functions: tracing per signature, captured variables, gradients through the call, randomness, graphs. */
class TracedFunctionTest {

    @Test
    void tracesOncePerSignatureAndRunsTheGraphAfterwards() {
        AtomicInteger javaCalls = new AtomicInteger();
        TracedFunction f = TracedFunction.of(x -> {
            javaCalls.incrementAndGet();
            return x.mul(x).add(1);
        });
        assertArrayEquals(new float[] {2, 5, 10}, f.call(TF.constant(new float[] {1, 2, 3})).toFloatArray());
        assertArrayEquals(new float[] {1, 17, 50}, f.call(TF.constant(new float[] {0, 4, 7})).toFloatArray());
        assertEquals(1, f.tracingCount());
        assertEquals(1, javaCalls.get(), "the second call runs the trace, not the Java code");

        f.call(TF.constant(new float[] {1, 2}));                  // another shape
        f.call(TF.constant(new double[] {1, 2, 3}));            // another dtype
        Tensor d = f.call(TF.constant(new double[] {0.5, 2, 3}));
        assertEquals(3, f.tracingCount());
        assertEquals(DType.FLOAT64, d.dtype());
        assertArrayEquals(new double[] {1.25, 5, 10}, d.toDoubleArray());
    }

    @Test
    void capturedVariablesAreReadAndUpdatedByReferenceAtEveryCall() {
        Variable counter = new Variable(TF.constant(0f), "counter", true);
        Variable w = new Variable(TF.constant(new float[] {1, 2}), "w", true);
        TracedFunction step = TracedFunction.of(x -> {
            counter.assignAdd(TF.constant(1f));   // an update nothing returned depends on: it runs anyway
            return x.mul(w);
        });
        Tensor x = TF.constant(new float[] {3, 4});
        assertArrayEquals(new float[] {3, 8}, step.call(x).toFloatArray());
        w.assign(TF.constant(new float[] {10, 20}));
        assertArrayEquals(new float[] {30, 80}, step.call(x).toFloatArray(), "reads w's current value");
        step.call(x);
        assertEquals(3f, counter.asTensor().floatValue());
        assertEquals(1, step.tracingCount());
    }

    @Test
    void aReadAfterAnUpdateInTheFunctionSeesTheUpdate() {
        Variable v = new Variable(TF.constant(1f), "v", true);
        TracedFunction f = TracedFunction.of(x -> {
            Tensor before = v.asTensor();
            v.assignAdd(x);
            return before.mul(10).add(v.asTensor());   // 10 * old + new
        });
        assertEquals(10 * 1 + 3, f.call(TF.constant(2f)).floatValue());
        assertEquals(10 * 3 + 5, f.call(TF.constant(2f)).floatValue());
    }

    @Test
    void gradientsThroughTheCallMatchTheEagerOnes() {
        Variable w = new Variable(TF.constant(new float[][] {{1, -2}, {0.5f, 3}}), "w", true);
        TracedFunction dense = TracedFunction.of(x -> TF.tanh(x.matmul(w)).mul(x.reduceSum()));
        Tensor x = TF.constant(new float[][] {{0.3f, -0.7f}});
        List<Tensor> traced, eager;
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x);
            traced = tape.gradient(TF.reduceSum(dense.call(x)), List.of(x, w));
        }
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x);
            eager = tape.gradient(TF.reduceSum(TF.tanh(x.matmul(w)).mul(x.reduceSum())), List.of(x, w));
        }
        for (int i = 0; i < 2; i++) {
            assertArrayEquals(eager.get(i).toFloatArray(), traced.get(i).toFloatArray(), 1e-6f, "gradient " + i);
        }
    }

    @Test
    void secondDerivativeThroughTheCall() {
        TracedFunction cube = TracedFunction.of(x -> x.mul(x).mul(x));
        Tensor x = TF.constant(2.0);
        Tensor second;
        try (GradientTape outer = new GradientTape()) {
            outer.watch(x);
            Tensor first;
            try (GradientTape inner = new GradientTape()) {
                inner.watch(x);
                first = inner.gradient(cube.call(x), x);
            }
            assertEquals(12.0, first.doubleValue(), 1e-12);   // 3 x^2
            second = outer.gradient(first, x);
        }
        assertEquals(12.0, second.doubleValue(), 1e-12);      // 6 x
    }

    @Test
    void randomOpsDrawNewValuesAtEveryCallAndTheGradientUsesTheForwardsDraw() {
        TracedFunction noisy = TracedFunction.of(x -> x.mul(TF.randomUniform(4)));
        Tensor x = TF.constant(new float[] {1, 1, 1, 1});
        float[] first = noisy.call(x).toFloatArray(), second = noisy.call(x).toFloatArray();
        assertFalse(java.util.Arrays.equals(first, second), "each call draws again");
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x);
            Tensor y = noisy.call(x);
            // d(x * u)/dx = u: the very values this call drew, which y shows (x is 1)
            assertArrayEquals(y.toFloatArray(), tape.gradient(TF.reduceSum(y), x).toFloatArray());
        }
    }

    @Test
    void anIdentityFunctionGivesAFreshTensorWithTheUpstreamGradient() {
        TracedFunction identity = TracedFunction.of(x -> x);
        Tensor x = TF.constant(new float[] {1, 2});
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x);
            Tensor y = identity.call(x);
            assertNotSame(x, y);
            assertArrayEquals(new float[] {3, 3}, tape.gradient(y.mul(3).reduceSum(), x).toFloatArray());
        }
    }

    @Test
    void callsInsideAGraphBecomeOneOpThatSessionsRun() {
        TracedFunction affine = TracedFunction.of((a, b) -> a.mul(2).add(b));
        Graph g = new Graph();
        Tensor x, y;
        try (Scope scope = g.asDefault()) {
            x = g.placeholder(DType.FLOAT32, Shape.of(Shape.UNKNOWN));
            y = affine.call(x, TF.constant(1f));
        }
        assertEquals(1, g.operations().stream().filter(op -> op.type().equals("function")).count());
        try (Session session = new Session(g)) {
            assertArrayEquals(new float[] {3, 5, 7}, session.run(y, Map.of(x, new float[] {1, 2, 3})).toFloatArray());
            assertArrayEquals(new float[] {1}, session.run(y, Map.of(x, new float[] {0})).toFloatArray());
        }
        assertEquals(1, affine.tracingCount(), "one trace for (None,) float32");
    }

    @Test
    void errorsNameTheFunction() {
        TracedFunction f = TracedFunction.of(x -> x.add(1)).named("addOne");
        var arity = assertThrows(InvalidArgumentException.class, () -> f.call(TF.constant(1f), TF.constant(2f)));
        assertEquals("TracedFunction 'addOne' takes 1 inputs, got 2", arity.getMessage());
        assertThrows(InvalidArgumentException.class, () -> f.call((Tensor) null));

        TracedFunction makesVariable = TracedFunction.of(x -> x.add(new Variable(TF.constant(1f), "inner", true)));
        var created = assertThrows(InvalidArgumentException.class, () -> makesVariable.call(TF.constant(1f)));
        assertTrue(created.getMessage().startsWith("TracedFunction 'function' created variables [inner"),
                created.getMessage());

        TracedFunction badShapes = TracedFunction.of((a, b) -> a.add(b));
        var shapes = assertThrows(InvalidArgumentException.class,
                () -> badShapes.call(TF.ones(2, 3), TF.ones(4)));
        assertTrue(shapes.getMessage().contains("Incompatible shapes"), shapes.getMessage());
    }

    @Test
    void manyInputsAsAList() {
        TracedFunction sum = TracedFunction.ofList(3, xs -> xs.get(0).add(xs.get(1)).add(xs.get(2)));
        assertEquals(6f, sum.call(TF.constant(1f), TF.constant(2f), TF.constant(3f)).floatValue());
    }

    @Test
    void nestedTracedFunctionsDifferentiate() {
        TracedFunction square = TracedFunction.of(x -> x.mul(x));
        TracedFunction outer = TracedFunction.of(x -> square.call(x).add(x));
        Tensor x = TF.constant(3.0);
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x);
            assertEquals(7.0, tape.gradient(outer.call(x), x).doubleValue(), 1e-12);   // 2x + 1
        }
    }

    @Test
    void callsWithoutATapeKeepNothing() {
        TracedFunction f = TracedFunction.of(x -> TF.exp(x.mul(2)).add(1));
        Tensor x = TF.ones(1 << 20);   // 4 MB per intermediate
        long limit = Runtime.getRuntime().maxMemory();
        for (int i = 0; i < (int) Math.min(5000, 2 * limit / (4L << 20)); i++) {
            f.call(x);   // kept intermediates (8 MB a call) would need four heaps by the end
        }
        assertEquals(1, f.tracingCount());
    }
}
