package dev.jtensor.graph;

import static org.junit.jupiter.api.Assertions.*;

import dev.jtensor.DType;
import dev.jtensor.Shape;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import dev.jtensor.Variable;
import dev.jtensor.internal.TensorAccess;
import dev.jtensor.ops.VariableHandle;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Updates write the variable's own buffer only when no one can see the old value: each run's values
 * are those of a session without the pass, and values that left a run never change.
 */
class InPlaceUpdateTest {

    private static final int N = 64;

    private static float[][] matrix(double seed) {
        float[][] m = new float[N][N];
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < N; j++) m[i][j] = (float) Math.sin(seed + i * 0.37 + j * 0.11);
        }
        return m;
    }

    /** The buffer of the variable's value, looked at without making it public. */
    private static Object buffer(Variable v) {
        VariableHandle h = v.handle();
        Tensor value = h.hold();
        h.release();
        return TensorAccess.view(value).data();
    }

    @Test
    void aTracedGradientStepOnAnEagerVariableWritesItsBufferInPlace() {
        Variable w = new Variable(TF.constant(matrix(1)), "w", true);
        Variable reference = new Variable(TF.constant(matrix(1)), "reference", true);
        TracedFunction step = TracedFunction.of(x -> {
            Tensor loss = TF.reduceSum(TF.square(x.matmul(w)));
            w.applyGradientDescent(1e-4, TF.matmul(x, x.matmul(w).mul(2f), true, false));   // d loss / d w
            return loss;
        });
        Tensor x = TF.constant(matrix(2));
        step.call(x);                                 // the first update allocates: the initial value was the caller's
        Object first = buffer(w);
        for (int k = 0; k < 3; k++) step.call(x);
        assertSame(first, buffer(w), "later steps write the same buffer");
        for (int k = 0; k < 4; k++) {
            Tensor g = TF.matmul(x, x.matmul(reference).mul(2f), true, false);
            reference.applyGradientDescent(1e-4, g);
        }
        assertArrayEquals(reference.asTensor().toFloatArray(), w.asTensor().toFloatArray(), 0f,
                "the same values as eager steps, which allocate");
    }

    @Test
    void aValueReadOutsideARunIsNeverWrittenAgain() {
        Variable w = new Variable(TF.constant(matrix(3)), "w", true);
        TracedFunction step = TracedFunction.of(x -> {
            w.assignSub(x);
            return TF.reduceSum(x);
        });
        Tensor x = TF.constant(matrix(4));
        step.call(x);
        step.call(x);
        Tensor held = w.asTensor();                   // the caller keeps it: the buffer is public now
        float[] before = held.toFloatArray();
        step.call(x);
        step.call(x);
        assertArrayEquals(before, held.toFloatArray(), 0f);
        assertNotSame(TensorAccess.view(held).data(), buffer(w));
    }

    @Test
    void aReadBeforeTheUpdateThatIsUsedAfterItKeepsTheOldValue() {
        Graph g = new Graph();
        Variable v;
        Tensor x, step, late;
        try (Scope scope = g.asDefault()) {
            x = g.placeholder(DType.FLOAT32, Shape.of(N, N), "x");
            v = new Variable(TF.zeros(N, N), "v", false);
            Tensor old = v.readValue();
            Tensor update = g.assignAdd(v, x);
            try (Scope after = g.controlDependencies(update)) {
                late = old.mul(2f).add(v.readValue());    // old value twice plus the new one
            }
            step = update;
        }
        try (Session plain = new Session(g, GraphOptimization.NONE); Session fast = new Session(g)) {
            plain.run(v.initializer());
            fast.run(v.initializer());
            for (int k = 0; k < 4; k++) {
                Map<Tensor, Object> feeds = Map.of(x, matrix(k));
                assertArrayEquals(plain.run(late, feeds).toFloatArray(), fast.run(late, feeds).toFloatArray(), 0f,
                        "run " + k);
            }
            Tensor fetched = fast.run(v);
            float[] kept = fetched.toFloatArray();
            fast.run(step, Map.of(x, matrix(9)));
            fast.run(step, Map.of(x, matrix(9)));
            assertArrayEquals(kept, fetched.toFloatArray(), 0f, "a fetched value is the caller's");
        }
    }

    @Test
    void aReleaseWithoutItsHoldIsRefused() {
        VariableHandle h = new Variable(TF.constant(1f), "v", false).handle();
        h.hold();
        h.release();
        IllegalStateException e = assertThrows(IllegalStateException.class, h::release);
        assertTrue(e.getMessage().contains("'v' without a hold"), e.getMessage());
    }
}
