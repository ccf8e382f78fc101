package dev.jtensor.graph;

import static org.junit.jupiter.api.Assertions.*;

import dev.jtensor.Shape;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import dev.jtensor.autodiff.GradientTape;
import dev.jtensor.graph.proto.GraphDef;
import dev.jtensor.graph.proto.NodeDef;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;
import org.junit.jupiter.api.Test;

/**
 * {@code TF.nn}'s convolution and pooling in graph mode: on placeholders with an unknown batch
 * dimension a session gives the eager bits, symbolic gradients give the tape's, a traced function
 * gives the eager bits, and export writes {@code ExtractImagePatches} or refuses what TensorFlow
 * cannot hold.
 */
class ConvolutionGraphTest {

    private static final Tensor IMAGES = TF.randomUniform(new int[] {3, 7, 6, 2}, -1, 1, dev.jtensor.DType.FLOAT32, 11L);
    private static final Tensor FILTER = TF.randomUniform(new int[] {3, 3, 2, 4}, -1, 1, dev.jtensor.DType.FLOAT32, 12L);

    /** A small CNN block: conv (SAME, stride 2), relu, max pool and average pool, summed. */
    private static Tensor network(Tensor x, Tensor filter) {
        Tensor features = TF.relu(TF.nn.conv2d(x, filter, new int[] {2, 2}, "SAME"));
        Tensor max = TF.nn.maxPool2d(features, new int[] {2, 2}, new int[] {1, 1}, "SAME");
        Tensor avg = TF.nn.avgPool2d(features, new int[] {3, 3}, new int[] {1, 1}, "same");
        return TF.reduceSum(max.mul(avg));
    }

    private static final BinaryOperator<Tensor> NETWORK = ConvolutionGraphTest::network;

    @Test
    void sessionOnAnUnknownBatchGivesTheEagerBitsAndTheTapesGradients() {
        Tensor eager;
        List<Tensor> tapeGrads;
        try (GradientTape tape = new GradientTape()) {
            tape.watch(IMAGES, FILTER);
            eager = network(IMAGES, FILTER);
            tapeGrads = tape.gradient(eager, List.of(IMAGES, FILTER));
        }
        Graph g = new Graph();
        Tensor x, f, y;
        List<Tensor> grads;
        try (Scope scope = g.asDefault()) {
            x = g.placeholder(IMAGES.dtype(), Shape.of(Shape.UNKNOWN, 7, 6, 2), "x");
            f = g.placeholder(FILTER.dtype(), Shape.of(3, 3, 2, 4), "f");
            Tensor features = TF.nn.conv2d(x, f, new int[] {1, 2, 2, 1}, "SAME");
            assertEquals(Shape.of(Shape.UNKNOWN, 4, 3, 4), features.shape());
            y = network(x, f);
            grads = Gradients.gradients(List.of(y), List.of(x, f));
        }
        try (Session session = new Session(g)) {
            List<Tensor> out = session.runner().feed(x, IMAGES).feed(f, FILTER).fetch(y).fetch(grads.get(0))
                    .fetch(grads.get(1)).run();
            assertEquals(eager.toFloatArray()[0], out.get(0).toFloatArray()[0]);
            assertArrayEquals(tapeGrads.get(0).toFloatArray(), out.get(1).toFloatArray(), 1e-5f);
            assertArrayEquals(tapeGrads.get(1).toFloatArray(), out.get(2).toFloatArray(), 1e-5f);
            assertEquals(IMAGES.shape(), out.get(1).shape());
        }
    }

    @Test
    void aTracedFunctionGivesTheEagerBitsAndTheTapesGradient() {
        TracedFunction traced = TracedFunction.of(NETWORK);
        assertEquals(network(IMAGES, FILTER).toFloatArray()[0], traced.call(IMAGES, FILTER).toFloatArray()[0]);
        Tensor eagerGrad, tracedGrad;
        try (GradientTape tape = new GradientTape()) {
            tape.watch(FILTER);
            eagerGrad = tape.gradient(network(IMAGES, FILTER), FILTER);
        }
        try (GradientTape tape = new GradientTape()) {
            tape.watch(FILTER);
            tracedGrad = tape.gradient(traced.call(IMAGES, FILTER), FILTER);
        }
        assertArrayEquals(eagerGrad.toFloatArray(), tracedGrad.toFloatArray());
    }

    @Test
    void exportWritesTensorFlowsConv2DAndTheFilterGradientsPatchesTimesTheOutputGradient() {
        Graph g = new Graph();
        try (Scope scope = g.asDefault()) {
            Tensor x = g.placeholder(IMAGES.dtype(), Shape.of(Shape.UNKNOWN, 7, 6, 2), "x");
            Tensor f = g.placeholder(FILTER.dtype(), FILTER.shape(), "f");
            Tensor y = TF.nn.conv2d(x, f, new int[] {2, 1}, "VALID", new int[] {1, 2});
            Gradients.gradients(List.of(TF.reduceSum(y)), List.of(f));
        }
        GraphDef def = GraphDefs.export(g);
        NodeDef conv = node(def, "Conv2D");
        assertEquals(List.of(1L, 2L, 1L, 1L), conv.getAttrOrThrow("strides").getList().getIList());
        assertEquals(List.of(1L, 1L, 2L, 1L), conv.getAttrOrThrow("dilations").getList().getIList());
        assertEquals("VALID", conv.getAttrOrThrow("padding").getS().toStringUtf8());
        assertEquals("NHWC", conv.getAttrOrThrow("data_format").getS().toStringUtf8());
        NodeDef patches = node(def, "ExtractImagePatches");
        assertEquals(List.of(1L, 3L, 3L, 1L), patches.getAttrOrThrow("ksizes").getList().getIList());
        assertEquals(List.of(1L, 2L, 1L, 1L), patches.getAttrOrThrow("strides").getList().getIList());
        assertEquals(List.of(1L, 1L, 2L, 1L), patches.getAttrOrThrow("rates").getList().getIList());
        assertEquals("VALID", patches.getAttrOrThrow("padding").getS().toStringUtf8());
        assertTrue(node(def, "MatMul").getAttrOrThrow("transpose_a").getB());
    }

    private static NodeDef node(GraphDef def, String op) {
        return def.getNodeList().stream().filter(n -> n.getOp().equals(op)).findFirst().orElseThrow();
    }

    @Test
    void exportRefusesMaxPoolingsPatchesAndTheAdjoint() {
        Graph g = new Graph();
        try (Scope scope = g.asDefault()) {
            Tensor x = g.placeholder(IMAGES.dtype(), Shape.of(Shape.UNKNOWN, 7, 6, 2), "x");
            TF.nn.maxPool2d(x, new int[] {2, 2}, new int[] {2, 2}, "VALID");
        }
        var e = assertThrows(GraphDefException.class, () -> GraphDefs.export(g));
        assertTrue(e.getMessage().contains("padded with -Infinity (max pooling)"), e.getMessage());
        Graph h = new Graph();
        try (Scope scope = h.asDefault()) {
            Tensor x = h.placeholder(IMAGES.dtype(), Shape.of(2, 7, 6, 2), "x");
            Gradients.gradients(List.of(TF.nn.extractImagePatches(x, new int[] {2, 2}, new int[] {1, 1},
                    new int[] {1, 1}, "SAME")), List.of(x));
        }
        var adjoint = assertThrows(GraphDefException.class, () -> GraphDefs.export(h));
        assertTrue(adjoint.getMessage().contains("adjoint of image patches"), adjoint.getMessage());
    }

    @Test
    void unknownHeightIsRefusedWhileBuilding() {
        Graph g = new Graph();
        try (Scope scope = g.asDefault()) {
            Tensor x = g.placeholder(IMAGES.dtype(), Shape.of(Shape.UNKNOWN, Shape.UNKNOWN, 6, 2), "x");
            var e = assertThrows(dev.jtensor.InvalidArgumentException.class,
                    () -> TF.nn.conv2d(x, FILTER, new int[] {1, 1}, "SAME"));
            assertEquals("the input's height, width and channels must be known (only an image's batch dimension may "
                    + "be unknown), got shape (None, None, 6, 2) [Op:Conv2D]", e.getMessage());
        }
    }
}
