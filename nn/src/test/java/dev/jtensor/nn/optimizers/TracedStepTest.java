package dev.jtensor.nn.optimizers;

import static org.junit.jupiter.api.Assertions.*;

import dev.jtensor.TF;
import dev.jtensor.Tensor;
import dev.jtensor.Variable;
import dev.jtensor.autodiff.GradientTape;
import dev.jtensor.graph.Graph;
import dev.jtensor.graph.Session;
import dev.jtensor.graph.TracedFunction;
import dev.jtensor.nn.optimizers.schedules.ExponentialDecay;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** A training step traced as a TracedFunction runs the whole update at every call: the eager steps' values. */
class TracedStepTest {

    /** A linear model's parameters and a step of squared-error loss. */
    private static final class Model {
        final Variable w = new Variable(TF.constant(new float[][] {{0.5f, -0.2f}, {0.1f, 0.3f}, {-0.4f, 0.2f}}),
                "dense/kernel", true);
        final Variable b = new Variable(TF.constant(new float[] {0.1f, -0.1f}), "dense/bias", true);
        final Optimizer optimizer;

        Model(Optimizer optimizer) {
            this.optimizer = optimizer;
        }

        Tensor step(Tensor x) {
            List<Variable> vars = List.of(w, b);
            try (GradientTape tape = new GradientTape()) {
                Tensor loss = x.matmul(w).add(b).sub(1f).square().reduceMean();
                optimizer.applyGradients(tape.gradient(loss, vars), vars);
                return loss;
            }
        }
    }

    private static final Tensor X = TF.constant(new float[][] {{1, 2, 3}, {0.5f, -1, 2}, {-2, 0.25f, 1}, {1, 1, 1}});

    private static void assertTracedEqualsEager(Supplier<Optimizer> optimizer, boolean buildFirst) {
        Model eager = new Model(optimizer.get()), traced = new Model(optimizer.get());
        if (buildFirst) traced.optimizer.build(List.of(traced.w, traced.b));
        TracedFunction step = TracedFunction.of(traced::step);
        for (int k = 0; k < 3; k++) {
            float eagerLoss = eager.step(X).floatValue();
            assertEquals(eagerLoss, step.call(X).floatValue(), 0f, "loss of call " + k);
        }
        assertEquals(1, step.tracingCount());
        assertEquals(3, traced.optimizer.iterations().longValue());
        List<Variable> a = eager.optimizer.variables(), b = traced.optimizer.variables();
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).name(), b.get(i).name());
            assertArrayEquals(a.get(i).toDoubleArray(), b.get(i).toDoubleArray(), 0, a.get(i).name());
        }
        assertArrayEquals(eager.w.toFloatArray(), traced.w.toFloatArray(), 0f);
        assertArrayEquals(eager.b.toFloatArray(), traced.b.toFloatArray(), 0f);
    }

    @Test
    void adamWithAScheduleAndClippingBuiltBeforeTracing() {
        assertTracedEqualsEager(() -> Adam.builder().learningRate(new ExponentialDecay(0.1, 1, 0.5, false))
                .clipNorm(0.5).build(), true);
    }

    @Test
    void unbuiltSlotsAreCreatedEagerlyDuringTheTrace() {
        assertTracedEqualsEager(() -> SGD.builder().learningRate(0.05).momentum(0.9).nesterov(true).build(), false);
        assertTracedEqualsEager(() -> AdamW.builder().amsgrad(true).globalClipNorm(1).build(), false);
        assertTracedEqualsEager(() -> RMSprop.builder().centered(true).momentum(0.5).clipValue(0.3).build(), false);
        assertTracedEqualsEager(Adagrad::new, false);
        assertTracedEqualsEager(SGD::new, false);
    }

    @Test
    void aLearningRateSetBetweenCallsIsSeenByTheTrace() {
        Model eager = new Model(new SGD(0.1)), traced = new Model(new SGD(0.1));
        TracedFunction step = TracedFunction.of(traced::step);
        eager.step(X);
        step.call(X);
        eager.optimizer.setLearningRate(0.01);
        traced.optimizer.setLearningRate(0.01);
        eager.step(X);
        step.call(X);
        assertArrayEquals(eager.w.toFloatArray(), traced.w.toFloatArray(), 0f);
    }

    @Test
    void aSessionRunsTheUpdateAtEveryRun() {
        Variable w = new Variable(TF.constant(new double[] {1, 2}), "w", true);
        Variable reference = new Variable(TF.constant(new double[] {1, 2}), "w", true);
        Adam eager = new Adam(0.1), inGraph = new Adam(0.1);
        inGraph.build(List.of(w));
        Graph graph = new Graph();
        Tensor loss;
        try (var scope = graph.asDefault()) {
            loss = w.square().reduceSum();
            inGraph.applyGradients(List.of(w.asTensor().mul(2.0)), List.of(w));
        }
        // the graph's update ops are the ones that changed variables: run all of them as targets
        List<Tensor> updates = graph.operations().stream()
                .filter(op -> op.type().startsWith("ResourceApply") || op.type().equals("AssignAddVariableOp"))
                .map(op -> op.output()).toList();
        try (Session session = new Session(graph)) {
            for (int k = 0; k < 3; k++) {
                session.run(updates);
                eager.applyGradients(List.of(reference.asTensor().mul(2.0)), List.of(reference));
            }
        }
        assertArrayEquals(reference.toDoubleArray(), w.toDoubleArray(), 0);
        assertEquals(3, inGraph.iterations().longValue());
        assertNotNull(loss);
    }
}
