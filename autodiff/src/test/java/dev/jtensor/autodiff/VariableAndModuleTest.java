package dev.jtensor.autodiff;

import static dev.jtensor.TF.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.jtensor.DType;
import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Module;
import dev.jtensor.Tensor;
import dev.jtensor.Variable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class VariableAndModuleTest {

    @Test
    void assignmentsKeepIdentityAndChangeTheValue() {
        Variable v = Variable.of(new int[] {1, 2, 3, 4});
        Variable same = v.assignAdd(new int[] {-1, -2, -3, -4});
        assertSame(v, same);
        assertArrayEquals(new int[] {0, 0, 0, 0}, v.toIntArray());
        v.assign(constant(new int[] {5, 6, 7, 8}));
        v.assignSub(constant(new int[] {1, 1, 1, 1}));
        assertArrayEquals(new int[] {4, 5, 6, 7}, v.readValue().toIntArray());
    }

    @Test
    void javaValuesConvertToTheVariablesDType() {
        Variable v = new Variable(ones(3, 1));
        v.assignAdd(new double[][] {{2}, {0}, {0}});
        assertArrayEquals(new float[] {3, 1, 1}, v.toFloatArray());
        assertEquals(DType.FLOAT32, v.dtype());
        v.assign(0f);
        assertArrayEquals(new float[] {0, 0, 0}, v.toFloatArray());
    }

    @Test
    void aFailedAssignmentLeavesTheValueUnchanged() {
        Variable v = Variable.of(new float[] {1, 2});
        Tensor before = v.readValue();
        var shape = assertThrows(InvalidArgumentException.class, () -> v.assign(constant(new float[] {1, 2, 3})));
        assertTrue(shape.getMessage().contains("(2,)") && shape.getMessage().contains("(3,)"), shape.getMessage());
        var dtype = assertThrows(InvalidArgumentException.class, () -> v.assignAdd(constant(new double[] {1, 2})));
        assertTrue(dtype.getMessage().contains("float64"), dtype.getMessage());
        assertThrows(InvalidArgumentException.class, () -> v.assign(new double[] {1.5, 2, 3}));
        assertSame(before, v.readValue());
        assertArrayEquals(new float[] {1, 2}, v.toFloatArray());
    }

    @Test
    void gradientDescentIsOneFusedAssignSub() {
        Variable w = Variable.of(new float[][] {{1, 2}, {3, 4}});
        Tensor g = constant(new float[][] {{10, 20}, {-30, 0.3f}});
        Variable same = w.applyGradientDescent(0.1, g);
        assertSame(w, same);
        // by hand in float32: 1 - 1, 2 - 2, 3 + 3, 4 - 0.1f * 0.3f
        assertArrayEquals(new float[] {0, 0, 6, 4 - 0.1f * 0.3f}, w.toFloatArray());
        // bit-identical to the two-op form, on a transposed (non-contiguous) gradient too
        Variable twoOps = Variable.of(w.readValue());
        w.applyGradientDescent(0.01, transpose(g));
        twoOps.assignSub(transpose(g).mul(0.01f));
        assertArrayEquals(twoOps.toFloatArray(), w.toFloatArray());
    }

    @Test
    void gradientDescentRejectsMismatchesAndIntegers() {
        Variable w = Variable.of(new double[] {1, 2});
        Tensor before = w.readValue();
        var shape = assertThrows(InvalidArgumentException.class, () -> w.applyGradientDescent(0.1, constant(new double[] {1})));
        assertTrue(shape.getMessage().contains("applyGradientDescent") && shape.getMessage().contains("(1,)"),
                shape.getMessage());
        assertThrows(InvalidArgumentException.class, () -> w.applyGradientDescent(0.1, constant(new float[] {1, 2})));
        assertSame(before, w.readValue());
        var integer = assertThrows(InvalidArgumentException.class,
                () -> Variable.of(new int[] {1}).applyGradientDescent(1, constant(new int[] {1})));
        assertTrue(integer.getMessage().contains("int32"), integer.getMessage());
    }

    @Test
    void opsOnVariablesGivePlainTensors() {
        Variable a = Variable.of(new int[] {1, 2, 3, 4});
        Object b = a.neg();
        assertInstanceOf(Tensor.class, b);
        assertArrayEquals(new int[] {0, 0, 0, 0}, a.add((Tensor) b).toIntArray());
        assertInstanceOf(Tensor.class, a.get(0));
        var e = assertThrows(InvalidArgumentException.class,
                () -> Variable.of(new int[] {1, 2}).add(Variable.of(new float[] {3.14f, 3.14f})));
        assertTrue(e.getMessage().contains("int32") && e.getMessage().contains("float32"));
    }

    @Test
    void printsLikeTensorFlow() {
        Variable v = new Variable(constant(new int[] {1, 2}), "x", true);
        assertEquals("<tf.Variable 'x:0' shape=(2,) dtype=int32, numpy=array([1, 2], dtype=int32)>", v.toString());
        // TensorFlow 2.18's text for the same variables
        assertEquals("<tf.Variable 'v:0' shape=(2,) dtype=float32, numpy=array([1., 2.], dtype=float32)>",
                new Variable(constant(new float[] {1, 2}), "v", true).toString());
        assertEquals("<tf.Variable 'm:0' shape=(2, 2) dtype=float32, numpy=\narray([[1.5, 2. ],\n"
                        + "       [3. , 4. ]], dtype=float32)>",
                new Variable(constant(new float[][] {{1.5f, 2}, {3, 4}}), "m", true).toString());
        assertEquals("<tf.Variable 's:0' shape=() dtype=float64, numpy=0.5>",
                new Variable(constant(0.5), "s", true).toString());
    }

    @Test
    void concurrentAssignAddsAreAtomic() throws InterruptedException {
        Variable counter = Variable.of(0L);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int i = 0; i < 400; i++) {
            pool.submit(() -> counter.assignAdd(1L));
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        assertEquals(400L, counter.longValue());
    }

    static final class Dense extends Module {
        final Variable w;
        final Variable b;

        Dense(int in, int out) {
            w = new Variable(randomNormal(in, out), "w", true);
            b = new Variable(zeros(out), "b", true);
        }
    }

    static final class Net extends Module {
        final List<Dense> layers = List.of(new Dense(2, 3), new Dense(3, 1));
        final Map<String, Variable> extras = Map.of("zeta", Variable.of(1f), "alpha", Variable.of(2f));
        final Variable[] frozen = {new Variable(ones(1), "steps", false)};
        final Variable alias;
        static Variable ignored = Variable.of(9f);

        Net() {
            alias = layers.get(0).w;
        }
    }

    @Test
    void modulesFindVariablesInFieldsListsMapsArraysAndSubmodulesOnce() {
        Net net = new Net();
        List<Variable> all = net.variables();
        // fields by name: alias, extras (by key: alpha, zeta), frozen, layers (w, b per layer in field order b, w)
        List<Variable> expected = List.of(net.alias, net.extras.get("alpha"), net.extras.get("zeta"), net.frozen[0],
                net.layers.get(0).b, net.layers.get(1).b, net.layers.get(1).w);
        assertEquals(expected, all);
        assertEquals(6, net.trainableVariables().size());
        assertFalse(net.trainableVariables().contains(net.frozen[0]));
        assertFalse(all.contains(Net.ignored));
    }
}
