package dev.jtensor.nn.distribute;

import static dev.jtensor.nn.Approx.assertClose;
import static dev.jtensor.nn.Approx.assertSame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtensor.DType;
import dev.jtensor.FailedPreconditionException;
import dev.jtensor.Index;
import dev.jtensor.InvalidArgumentException;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import dev.jtensor.nn.FitOptions;
import dev.jtensor.nn.Model;
import dev.jtensor.nn.Sequential;
import dev.jtensor.nn.callbacks.History;
import dev.jtensor.nn.layers.BatchNormalization;
import dev.jtensor.nn.layers.Dense;
import dev.jtensor.nn.layers.Dropout;
import dev.jtensor.nn.layers.Input;
import dev.jtensor.nn.layers.InputLayer;
import dev.jtensor.nn.layers.KerasTensor;
import dev.jtensor.nn.layers.Layer;
import dev.jtensor.nn.losses.MeanSquaredError;
import dev.jtensor.nn.losses.SparseCategoricalCrossentropy;
import dev.jtensor.nn.optimizers.Adam;
import dev.jtensor.nn.optimizers.SGD;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Replicas on threads: the same training as one replica at the global batch, deterministic, state as a mean. */
class MirroredStrategyTest {

    private Tensor x;
    private Tensor y;

    @BeforeEach
    void data() {
        Layer.clearSession();
        TF.setSeed(21);
        x = TF.randomNormal(150, 6);
        y = TF.argMax(TF.matmul(x, TF.randomNormal(6, 3)), 1).cast(DType.INT32);
    }

    private static Sequential classifier(boolean eager) {
        TF.setSeed(8);
        Sequential model = new Sequential(new InputLayer(6), new Dense(16, "tanh"), new Dense(3));
        model.compile(Adam.builder().learningRate(0.01).build(), new SparseCategoricalCrossentropy(true), "accuracy");
        model.runEagerly(eager);
        return model;
    }

    @Test
    void replicasTrainAsOneReplicaAtTheGlobalBatch() {
        for (boolean eager : new boolean[] {false, true}) {
            Sequential one = classifier(eager), two = classifier(eager);
            // 150 examples at batch 32: the last batch of 22 splits 11 + 11, the others 16 + 16
            History h1 = one.fit(x, y, FitOptions.epochs(3).batchSize(32).seed(4).verbose(0));
            History h2 = two.fit(x, y, FitOptions.epochs(3).batchSize(32).seed(4).verbose(0)
                    .strategy(new MirroredStrategy(2)));
            for (String key : List.of("loss", "accuracy")) {
                List<Double> a = h1.history().get(key), b = h2.history().get(key);
                for (int e = 0; e < 3; e++) assertEquals(a.get(e), b.get(e), 1e-5, key + " epoch " + e);
            }
            for (int i = 0; i < one.variables().size(); i++) {
                assertClose(one.getWeights().get(i), two.getWeights().get(i), 1e-5);
            }
            assertEquals(one.optimizer().iterations().asTensor().longValue(),
                    two.optimizer().iterations().asTensor().longValue());
        }
    }

    @Test
    void unevenShardsAreWeightedByTheirExamples() {
        // 5 examples on 3 replicas: shards of 2, 2 and 1; the summed gradient is the batch's
        Sequential one = classifier(true), three = classifier(true);
        one.compile(new SGD(0.5), new MeanSquaredError());
        three.compile(new SGD(0.5), new MeanSquaredError());
        Tensor x5 = x.get(Index.range(0, 5));
        Tensor y5 = TF.oneHot(y.get(Index.range(0, 5)), 3);
        one.trainOnBatch(x5, y5);
        three.fit(x5, y5, FitOptions.epochs(1).batchSize(5).shuffle(false).verbose(0).strategy(new MirroredStrategy(3)));
        for (int i = 0; i < one.variables().size(); i++) {
            assertClose(one.getWeights().get(i), three.getWeights().get(i), 1e-6);
        }
        // a batch of 2 on 3 replicas uses two of them
        three.fit(x5.get(Index.range(0, 2)), y5.get(Index.range(0, 2)),
                FitOptions.epochs(1).batchSize(2).verbose(0).strategy(new MirroredStrategy(3)));
    }

    @Test
    void theSameSeedGivesTheSameBitsWhicheverReplicaFinishesFirst() {
        List<Tensor> first = null;
        for (int run = 0; run < 3; run++) {
            Layer.clearSession();
            TF.setSeed(8);
            Sequential model = new Sequential(new InputLayer(6), new Dense(32, "relu"), new Dropout(0.3), new Dense(3));
            model.compile(new SGD(0.1), new SparseCategoricalCrossentropy(true));
            TF.setSeed(99);
            model.fit(x, y, FitOptions.epochs(2).batchSize(30).seed(3).verbose(0).strategy(new MirroredStrategy(3)));
            List<Tensor> weights = model.getWeights();
            if (first == null) {
                first = weights;
            } else {
                for (int i = 0; i < weights.size(); i++) assertSame(first.get(i), weights.get(i));
            }
        }
    }

    @Test
    void movingStatisticsBecomeTheExampleWeightedMeanOfTheReplicas() {
        Layer.clearSession();
        BatchNormalization bn = new BatchNormalization();
        Sequential model = new Sequential(new InputLayer(2), bn, new Dense(1));
        model.compile(new SGD(0.0), new MeanSquaredError());
        // 6 examples on 2 replicas: shards [0,3) and [3,6)
        float[] data = {1, 10, 2, 20, 3, 30, 10, 0, 20, 0, 60, 3};
        Tensor x6 = TF.constant(data).reshape(6, 2);
        Tensor y6 = TF.zeros(6, 1);
        model.fit(x6, y6, FitOptions.epochs(1).batchSize(6).shuffle(false).verbose(0).strategy(new MirroredStrategy(2)));
        // by hand: shard means (2, 20) and (30, 1); biased variances (2/3, 200/3) and (1400/3, 2)
        double m = 0.99;
        double[] mean = {(1 - m) * (2 + 30) / 2, (1 - m) * (20 + 1) / 2};
        double[] var = {m + (1 - m) * (2.0 / 3 + 1400.0 / 3) / 2, m + (1 - m) * (200.0 / 3 + 2) / 2};
        assertClose(TF.constant(mean), bn.movingMean(), 1e-6);
        assertClose(TF.constant(var), bn.movingVariance(), 1e-6);
    }

    @Test
    void aReplicaStepComputesAndAppliesPartsByHand() {
        Layer.clearSession();
        Dense dense = new Dense(1).useBias(false);
        Sequential model = new Sequential(new InputLayer(1), dense);
        model.compile(new SGD(1.0), new MeanSquaredError());
        model.setWeights(List.of(TF.constant(new float[] {2}).reshape(1, 1)));
        ReplicaStep step = ReplicaStep.of(model);
        // loss = mean((w x - y)^2); with w = 2: x = 1, y = 0 gives residual 2; x = 3, y = 3 gives 3
        ReplicaStep.Part a = step.compute(List.of(TF.constant(new float[] {1}).reshape(1, 1)),
                List.of(TF.zeros(1, 1)), 2);
        ReplicaStep.Part b = step.compute(List.of(TF.constant(new float[] {3}).reshape(1, 1)),
                List.of(TF.constant(new float[] {3}).reshape(1, 1)), 2);
        assertEquals(2, step.sumLength());
        // each part is scaled by 1/2: loss 4/2 and 9/2; gradient 2*r*x/2: 2 and 9
        assertClose(TF.constant(new float[] {2, 2}), a.sums(), 1e-6);
        assertClose(TF.constant(new float[] {4.5f, 9}), b.sums(), 1e-6);
        assertClose(TF.constant(new float[] {2}).reshape(1, 1), a.predictions(), 1e-6);
        Tensor loss = step.apply(a.sums().add(b.sums()));
        assertEquals(6.5, loss.doubleValue(), 1e-6);
        assertEquals(2 - 11, dense.kernel().asTensor().toFloatArray()[0], 1e-5);
    }

    @Test
    void badUseIsReportedByName() {
        assertThrows(InvalidArgumentException.class, () -> new MirroredStrategy(0));
        Sequential uncompiled = new Sequential(new InputLayer(2), new Dense(1));
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> ReplicaStep.of(uncompiled));
        assertTrue(e.getMessage().contains("compiled"), e.getMessage());
        Model model = classifier(false);
        model.callAll(List.of(x), false);
        ReplicaStep step = ReplicaStep.of(model);
        e = assertThrows(InvalidArgumentException.class, () -> new MirroredStrategy(2).run(step, List.of(x),
                List.of(y.get(Index.range(0, 10)))));
        assertTrue(e.getMessage().contains("(10,)"), e.getMessage());
        assertThrows(FailedPreconditionException.class, () -> step.apply(TF.zeros(3)));
        Sequential summed = new Sequential(new InputLayer(2), new Dense(1));
        summed.compile(new SGD(0.1), new MeanSquaredError(dev.jtensor.nn.losses.Reduction.SUM));
        summed.callAll(List.of(TF.ones(1, 2)), false);
        e = assertThrows(InvalidArgumentException.class, () -> ReplicaStep.of(summed));
        assertTrue(e.getMessage().contains("with reduction SUM; replicas need SUM_OVER_BATCH_SIZE"), e.getMessage());
        KerasTensor in = Input.of(6);
        Model twoOutputs = Model.of(List.of(in), List.of(new Dense(3).call(in), new Dense(3).call(in)));
        twoOutputs.compile(new SGD(0.1), new SparseCategoricalCrossentropy(true), "accuracy");
        e = assertThrows(InvalidArgumentException.class, () -> twoOutputs.fit(List.of(x), List.of(y, y),
                FitOptions.epochs(1).verbose(0).strategy(new MirroredStrategy(2))));
        assertTrue(e.getMessage().contains("compiled metrics need a model of one output; this one has 2"),
                e.getMessage());
        step.compute(List.of(x.get(Index.range(0, 4))), List.of(y.get(Index.range(0, 4))), 4);   // 1 loss, 163 weights
        e = assertThrows(InvalidArgumentException.class, () -> step.apply(TF.zeros(3)));
        assertTrue(e.getMessage().contains("ReplicaStep.apply: expected a float32 vector of 164 values, got float32 (3,)"),
                e.getMessage());
    }
}
