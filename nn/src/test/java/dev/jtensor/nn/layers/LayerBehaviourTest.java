package dev.jtensor.nn.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtensor.DType;
import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Shape;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import dev.jtensor.Variable;
import dev.jtensor.nn.Approx;
import dev.jtensor.nn.initializers.Initializers;
import dev.jtensor.nn.regularizers.Regularizer;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Building, naming, weights, freezing, initializers, regularizers and input checks. */
class LayerBehaviourTest {

    @BeforeEach
    void freshNames() {
        Layer.clearSession();
    }

    @Test
    void layersAreNamedAsKerasNamesThemAndWeightsCarryTheLayerName() {
        Dense first = new Dense(2), second = new Dense(2);
        BatchNormalization bn = new BatchNormalization();
        assertEquals("dense", first.name());
        assertEquals("dense_1", second.name());
        assertEquals("batch_normalization", bn.name());
        assertEquals("max_pooling2d", LayerNames.snakeCase("MaxPooling2D"));
        second.call(TF.ones(1, 3));
        assertEquals(List.of("dense_1/kernel", "dense_1/bias"), second.variables().stream().map(Variable::name).toList());
        bn.call(TF.ones(2, 3));
        assertEquals(List.of("batch_normalization/gamma", "batch_normalization/beta",
                "batch_normalization/moving_mean", "batch_normalization/moving_variance"),
                bn.variables().stream().map(Variable::name).toList());
    }

    @Test
    void freshNamesCountAnewOnThisThreadOnlyAndThenResume() throws Exception {
        new Dense(2);
        try (var names = Layer.freshNames()) {
            assertEquals("dense", new Dense(2).name());
            assertEquals("dense_1", new Dense(2).name());
            String[] elsewhere = new String[1];
            Thread other = new Thread(() -> elsewhere[0] = new Dense(2).name());   // the process's counts
            other.start();
            other.join();
            assertEquals("dense_1", elsewhere[0]);
        }
        assertEquals("dense_2", new Dense(2).name());
    }

    @Test
    void aLayerBuildsOnceFromItsFirstInputAndRefusesIncompatibleInputs() {
        Dense dense = new Dense(4);
        assertFalse(dense.built());
        dense.call(TF.ones(2, 3));
        assertTrue(dense.built());
        assertEquals(Shape.of(3, 4), dense.kernel().shape());
        assertEquals(Shape.of(-1, 3), dense.builtInputShape());
        dense.call(TF.ones(5, 3));   // another batch size is fine
        var e = assertThrows(InvalidArgumentException.class, () -> dense.call(TF.ones(2, 7)));
        assertEquals("Input 0 of layer \"dense\" is incompatible with the layer: expected axis -1 of input shape to "
                + "have value 3, but received input with shape (2, 7)", e.getMessage());
        var rank = assertThrows(InvalidArgumentException.class, () -> new Dense(2).call(TF.ones(3)));
        assertTrue(rank.getMessage().contains("expected min_ndim=2, found ndim=1"), rank.getMessage());
        var late = assertThrows(InvalidArgumentException.class, () -> dense.activation("relu"));
        assertTrue(late.getMessage().contains("activation must be called before the layer is built"), late.getMessage());
    }

    @Test
    void badConfigurationIsRefusedWithTheArgumentNamed() {
        assertTrue(assertThrows(InvalidArgumentException.class, () -> new Dense(0)).getMessage().contains("units must be positive"));
        assertTrue(assertThrows(InvalidArgumentException.class, () -> new Dropout(1)).getMessage().contains("rate must be in [0, 1)"));
        assertTrue(assertThrows(InvalidArgumentException.class, () -> new Dense(2, "swoosh")).getMessage()
                .contains("unknown activation 'swoosh'"));
        assertTrue(assertThrows(InvalidArgumentException.class, () -> new Embedding(5, 2).call(TF.ones(2, 2)))
                .getMessage().contains("Embedding needs integer ids, got dtype float32"));
        Conv2D conv = new Conv2D(4, 3);
        conv.call(TF.zeros(1, 5, 5, 2));
        assertTrue(assertThrows(InvalidArgumentException.class, () -> conv.call(TF.zeros(1, 5, 5, 3))).getMessage()
                .contains("expected axis 3 of input shape to have value 2, but received input with shape (1, 5, 5, 3)"));
        assertTrue(assertThrows(InvalidArgumentException.class, () -> new Conv2D(4, 3).call(TF.zeros(5, 5))).getMessage()
                .contains("expected ndim=4, found ndim=2"));
        assertTrue(assertThrows(InvalidArgumentException.class, () -> new MaxPooling2D(2).padding("full")).getMessage()
                .contains("padding must be \"valid\" or \"same\", got full"));
        assertTrue(assertThrows(InvalidArgumentException.class, () -> new Reshape(5).call(TF.ones(2, 6)))
                .getMessage().contains("does not match an input of shape (None, 6)"));
    }

    @Test
    void setWeightsChecksEverythingBeforeAssigningAnything() {
        Dense dense = new Dense(2);
        dense.call(TF.ones(1, 3));
        List<Tensor> before = dense.getWeights();
        var e = assertThrows(InvalidArgumentException.class,
                () -> dense.setWeights(List.of(TF.zeros(3, 2), TF.zeros(3))));
        assertTrue(e.getMessage().contains("dense/bias must be float32 (2,), got float32 (3,)"), e.getMessage());
        Approx.assertSame(before.get(0), dense.kernel());
    }

    @Test
    void aFrozenLayerListsNoTrainableVariables() {
        Dense dense = new Dense(2);
        dense.call(TF.ones(1, 3));
        dense.setTrainable(false);
        assertEquals(List.of(), dense.trainableVariables());
        assertEquals(2, dense.nonTrainableVariables().size());
        assertEquals(8, dense.countParams());
    }

    @Test
    void glorotAndHeInitializersHaveKerasBoundsAndSpreadAndSeedsRepeat() {
        Shape shape = Shape.of(300, 200);
        float[] glorot = Initializers.glorotUniform(3).apply(shape, DType.FLOAT32).toFloatArray();
        double limit = Math.sqrt(6.0 / 500);
        double sumSq = 0;
        for (float v : glorot) {
            assertTrue(Math.abs(v) <= limit, "within the Glorot limit");
            sumSq += v * v;
        }
        assertEquals(limit * limit / 3, sumSq / glorot.length, 0.05 * limit * limit / 3, "uniform variance");
        float[] he = Initializers.heNormal(3).apply(shape, DType.FLOAT32).toFloatArray();
        double heVar = 0;
        for (float v : he) heVar += v * v;
        assertEquals(2.0 / 300, heVar / he.length, 0.05 * 2.0 / 300, "He normal variance 2 / fanIn");
        Approx.assertSame(Initializers.glorotUniform(3).apply(shape, DType.FLOAT32),
                Initializers.glorotUniform(3).apply(shape, DType.FLOAT32));
        Approx.assertSame(TF.fill(new int[] {2, 2}, 0.5f), Initializers.constant(0.5).apply(Shape.of(2, 2), DType.FLOAT32));
        assertTrue(assertThrows(InvalidArgumentException.class, () -> Initializers.get("lecun_magic")).getMessage()
                .contains("unknown initializer 'lecun_magic'"));
    }

    @Test
    void regularizersPenalizeTheWeightsAsKerasDoes() {
        Tensor w = TF.constant(new float[] {1, -2, 3});
        assertEquals(0.06f, Regularizer.l1(0.01).apply(w).floatValue(), 1e-7f);           // 0.01 * 6
        assertEquals(0.14f, Regularizer.l2(0.01).apply(w).floatValue(), 1e-7f);           // 0.01 * 14
        assertEquals(0.6f + 1.4f, Regularizer.l1l2(0.1, 0.1).apply(w).floatValue(), 1e-6f);
        Dense dense = new Dense(1).kernelInitializer(Initializers.ones()).kernelRegularizer(Regularizer.l2(0.5));
        dense.call(TF.ones(1, 4));
        assertEquals(List.of(2.0f), dense.regularizationLosses().stream().map(Tensor::floatValue).toList());
        assertThrows(InvalidArgumentException.class, () -> Regularizer.l2(-1));
    }

    @Test
    void symbolicCallsGiveShapesWithAnUnknownBatch() {
        KerasTensor in = Input.of(28, 28, 1);
        assertEquals(Shape.of(-1, 28, 28, 1), in.shape());
        KerasTensor flat = new Flatten().call(in);
        assertEquals(Shape.of(-1, 784), flat.shape());
        KerasTensor ids = Input.of(DType.INT32, "ids", 5);
        assertEquals(Shape.of(-1, 5, 8), new Embedding(100, 8).call(ids).shape());
        assertThrows(InvalidArgumentException.class, () -> new Dense(2).call(new Concatenate().call(in)));
    }
}
