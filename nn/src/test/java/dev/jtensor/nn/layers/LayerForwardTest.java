package dev.jtensor.nn.layers;

import static dev.jtensor.nn.Approx.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jtensor.Shape;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import dev.jtensor.nn.Activations;
import dev.jtensor.nn.Approx;
import dev.jtensor.nn.Fixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every layer's forward values against NumPy (scripts/fixtures/gen_layer_fixtures.py). */
class LayerForwardTest {

    private static final Map<String, Tensor> F = Fixtures.load("layers.npz").arrays();

    @Test
    void denseComputesActivationOfAffineMapOnMatricesAndOnTheLastAxis() {
        Dense dense = new Dense(3, "relu");
        dense.ensureBuilt(Shape.of(-1, 5));
        dense.setWeights(List.of(F.get("dense_kernel"), F.get("dense_bias")));
        assertClose(F.get("dense_relu"), dense.call(F.get("dense_x")), 1e-6);

        Dense linear = new Dense(3);
        linear.ensureBuilt(Shape.of(-1, 3, 5));
        linear.setWeights(List.of(F.get("dense_kernel"), F.get("dense_bias")));
        assertClose(F.get("dense3_linear"), linear.call(F.get("dense3_x")), 1e-6);
    }

    @Test
    void batchNormalizationTrainsOnBatchStatisticsAndMovesItsAverages() {
        for (String c : List.of("bn2", "bn4")) {
            BatchNormalization bn = new BatchNormalization(0.9, 1e-3);
            Tensor x = F.get(c + "_x");
            bn.ensureBuilt(x.shape());
            int channels = x.shape().get(-1);
            bn.setWeights(List.of(F.get(c + "_gamma"), F.get(c + "_beta"), TF.zeros(channels), TF.ones(channels)));
            assertClose(F.get(c + "_train"), bn.call(x, true), 1e-5);
            assertClose(F.get(c + "_moving_mean"), bn.movingMean(), 1e-6);
            assertClose(F.get(c + "_moving_variance"), bn.movingVariance(), 1e-6);
            assertClose(F.get(c + "_infer"), bn.call(x), 1e-5);
            assertEquals(2, bn.trainableVariables().size(), "gamma and beta train; the moving statistics do not");
        }
    }

    @Test
    void layerNormalizationNormalizesEachExample() {
        LayerNormalization ln = new LayerNormalization();
        ln.ensureBuilt(Shape.of(-1, 5));
        ln.setWeights(List.of(F.get("ln_gamma"), F.get("ln_beta")));
        assertClose(F.get("ln_out"), ln.call(F.get("ln_x")), 1e-5);
    }

    @Test
    void embeddingLooksUpRows() {
        Embedding emb = new Embedding(6, 3);
        emb.ensureBuilt(Shape.of(-1, 4));
        emb.setWeights(List.of(F.get("emb_table")));
        assertClose(F.get("emb_out"), emb.call(F.get("emb_ids")), 0);
    }

    @Test
    void activationsMatchTheirFormulas() {
        Tensor x = F.get("act_x");
        for (String name : List.of("elu", "selu", "gelu", "softsign", "swish", "relu6", "leaky_relu", "softplus")) {
            assertClose(F.get("act_" + name), Activations.get(name).apply(x), 2e-6);
        }
        assertClose(F.get("act_softmax"), new Activation("softmax").call(x.reshape(1, -1)).reshape(-1), 1e-6);
    }

    @Test
    void flattenReshapeAndInputLayerKeepTheBatch() {
        Tensor images = TF.range(2 * 3 * 4).reshape(2, 3, 4);
        Tensor flat = new Flatten().call(images);
        assertEquals(Shape.of(2, 12), flat.shape());
        assertClose(images.reshape(2, 12), flat, 0);
        assertEquals(Shape.of(2, 4, 3), new Reshape(-1, 3).call(images).shape());
        assertEquals(Shape.of(-1, 12), new Flatten().outputShape(Shape.of(-1, 3, 4)));
        assertEquals(Shape.of(-1, 2, 6), new Reshape(2, -1).outputShape(Shape.of(-1, 3, 4)));
    }

    @Test
    void dropoutScalesKeptElementsAndPassesThroughAtInference() {
        TF.setSeed(7);
        Dropout dropout = new Dropout(0.25);
        Tensor x = TF.ones(200, 50);
        float[] y = dropout.call(x, true).toFloatArray();
        int kept = 0;
        for (float v : y) {
            if (v != 0) {
                assertEquals(1 / 0.75f, v, 1e-6f);
                kept++;
            }
        }
        assertEquals(0.75, kept / (double) y.length, 0.02, "fraction kept");
        assertClose(x, dropout.call(x), 0);
    }

    @Test
    void mergeLayersJoinAndAdd() {
        Tensor a = TF.constant(new float[][] {{1, 2}}), b = TF.constant(new float[][] {{3, 4}});
        assertClose(TF.constant(new float[][] {{1, 2, 3, 4}}), new Concatenate().call(List.of(a, b), false), 0);
        assertClose(TF.constant(new float[][] {{4, 6}}), new Add().call(List.of(a, b), false), 0);
        KerasTensor x = Input.of(4), y = Input.of(6);
        assertEquals(Shape.of(-1, 10), new Concatenate().call(x, y).shape());
    }

    @Test
    void convolutionAndPoolingLayersMatchLoopsOverNhwcImages() {
        Tensor x = F.get("conv_x");
        Conv2D conv = new Conv2D(4, 3).strides(2).padding("same").activation("relu");
        conv.ensureBuilt(x.shape());
        assertEquals(Shape.of(3, 3, 3, 4), conv.kernel().shape());
        conv.setWeights(List.of(F.get("conv_kernel"), F.get("conv_bias")));
        assertClose(F.get("conv_same_s2_relu"), conv.call(x), 1e-5);
        assertEquals(Shape.of(-1, 4, 3, 4), conv.outputShape(Shape.of(-1, 7, 6, 3)));
        assertClose(F.get("maxpool2"), new MaxPooling2D(2).call(x), 0);
        assertClose(F.get("avgpool2"), new AveragePooling2D(2).call(x), 1e-6);
        assertClose(F.get("gap"), new GlobalAveragePooling2D().call(x), 1e-6);
    }
}
