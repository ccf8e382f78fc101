package dev.jtensor.nn.optimizers;

import static org.junit.jupiter.api.Assertions.*;

import dev.jtensor.DType;
import dev.jtensor.InvalidArgumentException;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import dev.jtensor.Variable;
import dev.jtensor.nn.optimizers.schedules.CosineDecay;
import dev.jtensor.nn.optimizers.schedules.PiecewiseConstantDecay;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Names, slots, the variables list, Keras's defaults by name, and the errors bad input gets. */
class OptimizerApiTest {

    private static Variable kernel() {
        return new Variable(TF.constant(new float[][] {{1, 2}, {3, 4}}), "dense/kernel", true);
    }

    private static void assertMessage(Executable call, String... parts) {
        var e = assertThrows(InvalidArgumentException.class, call);
        for (String part : parts) assertTrue(e.getMessage().contains(part), e.getMessage());
    }

    @Test
    void slotsAreNamedAfterTheirVariableAndListedInOrder() {
        Variable k = kernel(), b = new Variable(TF.constant(new float[] {0, 0}), "dense/bias", true);
        Adam adam = Adam.builder().amsgrad(true).build();
        adam.build(List.of(k, b));
        assertEquals(List.of("iterations", "learning_rate", "dense/kernel/m", "dense/kernel/v", "dense/kernel/vhat",
                "dense/bias/m", "dense/bias/v", "dense/bias/vhat"), adam.variables().stream().map(Variable::name).toList());
        assertTrue(adam.variables().stream().noneMatch(Variable::trainable));
        assertSame(adam.variables().get(3), adam.slot(k, "v"));
        assertEquals(k.shape(), adam.slot(k, "m").shape());
        assertEquals(DType.INT64, adam.iterations().dtype());
        assertEquals(0L, adam.iterations().longValue());
        adam.build(List.of(k));   // building again changes nothing
        assertEquals(8, adam.variables().size());
        Adagrad adagrad = new Adagrad();
        adagrad.build(List.of(k));
        assertArrayEquals(new float[] {0.1f, 0.1f, 0.1f, 0.1f}, adagrad.slot(k, "accumulator").toFloatArray(), 0f);
        assertEquals(List.of("iterations", "dense/kernel/rms", "dense/kernel/mg", "dense/kernel/momentum"),
                names(RMSprop.builder().learningRate(new CosineDecay(0.1, 10, 0)).centered(true).momentum(0.9).build(), k));
        assertEquals(List.of("iterations", "learning_rate"), names(new SGD(), k));
        assertEquals(List.of("iterations", "learning_rate", "dense/kernel/momentum"),
                names(SGD.builder().momentum(0.9).build(), k));
        assertMessage(() -> adam.slot(k, "momentum"), "'adam'", "'momentum'", "dense/kernel", "[m, v, vhat]");
        assertMessage(() -> new Adam().slot(k, "m"), "dense/kernel", "build");
    }

    private static List<String> names(Optimizer optimizer, Variable v) {
        optimizer.build(List.of(v));
        return optimizer.variables().stream().map(Variable::name).toList();
    }

    @Test
    void getGivesKerasDefaults() {
        assertEquals(0.01, Optimizers.get("sgd").learningRate(), 1e-9);
        for (String name : List.of("adam", "adamw", "rmsprop", "adagrad")) {
            Optimizer optimizer = Optimizers.get(name);
            assertEquals(name, optimizer.name());
            assertEquals(0.001, optimizer.learningRate(), 1e-9);
        }
        assertInstanceOf(AdamW.class, Optimizers.get("AdamW"));
        assertInstanceOf(AdamW.class, AdamW.builder().beta1(0.8).build());
        assertEquals("SGD", Optimizers.get("SGD").name());
        assertMessage(() -> Optimizers.get("adadelta"), "'adadelta'", "[sgd, adam, adamw, rmsprop, adagrad]");
        assertMessage(() -> Optimizers.get(null), "null", "sgd");
    }

    @Test
    void badGradientsAndVariablesAreNamedAndChangeNothing() {
        Variable k = kernel();
        Adam adam = new Adam();
        Tensor good = TF.ones(2, 2);
        assertMessage(() -> adam.applyGradients(List.of(good), List.of(k, k)), "1 gradient(s) for 2 variable(s)");
        assertMessage(() -> adam.applyGradients(List.of(TF.ones(2, 3)), List.of(k)), "'dense/kernel'", "(2, 3)", "(2, 2)");
        assertMessage(() -> adam.applyGradients(List.of(TF.ones(DType.FLOAT64, 2, 2)), List.of(k)), "float64", "float32");
        Variable frozen = new Variable(TF.ones(2, 2), "frozen", false);
        assertMessage(() -> adam.applyGradients(List.of(good), List.of(frozen)), "'frozen'", "not trainable");
        assertMessage(() -> adam.applyGradients(Arrays.asList((Tensor) null), List.of(k)), "no gradients", "dense/kernel");
        assertMessage(() -> adam.applyGradients(null, List.of(k)), "gradients is null");
        Variable counter = new Variable(TF.constant(new int[] {1}), "counter", true);
        assertMessage(() -> adam.applyGradients(List.of(TF.constant(new int[] {1})), List.of(counter)), "'counter'", "int32");
        // a bad pair after a good one: nothing is applied, not even to the good one
        Variable other = new Variable(TF.ones(3), "other", true);
        assertMessage(() -> adam.applyGradients(List.of(good, TF.ones(2)), List.of(k, other)), "'other'");
        assertArrayEquals(new float[] {1, 2, 3, 4}, k.toFloatArray(), 0f);
        assertEquals(0L, adam.iterations().longValue());
        // a null gradient skips its variable
        adam.applyGradients(Arrays.asList(good, null), List.of(k, other));
        assertArrayEquals(new float[] {1, 1, 1}, other.toFloatArray(), 0f);
        assertEquals(1L, adam.iterations().longValue());
    }

    @Test
    void badOptionsAreNamed() {
        assertMessage(() -> SGD.builder().clipNorm(1).clipValue(1).build(), "only one of clipNorm, clipValue");
        assertMessage(() -> SGD.builder().momentum(1.5), "momentum", "1.5");
        assertMessage(() -> Adam.builder().beta1(1), "beta1", "[0.0, 1.0)");
        assertMessage(() -> new Adam(-1), "learning rate", "-1.0");
        assertMessage(() -> SGD.builder().clipNorm(0), "clipNorm", "> 0");
        assertMessage(() -> Adam.builder().learningRate(new CosineDecay(0.1, 10, 0)).build().setLearningRate(0.1),
                "schedule", "cannot be set");
        assertMessage(() -> new PiecewiseConstantDecay(new long[] {1, 2}, new double[] {1}), "one more", "1 values");
        assertMessage(() -> new PiecewiseConstantDecay(new long[] {2, 1}, new double[] {1, 2, 3}), "increase");
        assertMessage(() -> new CosineDecay(0.1, 0, 0), "decaySteps", "0");
    }
}
