package dev.jtensor.ops;

import static dev.jtensor.ops.MiniGraph.placeholder;
import static org.junit.jupiter.api.Assertions.*;

import dev.jtensor.DType;
import dev.jtensor.Index;
import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Shape;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Public ops on placeholders with unknown dimensions, built with {@link MiniGraph}: the inferred
 * shapes follow TensorFlow's graph-mode shapes, known mismatches still fail when the op is written,
 * and replaying the graph with values gives the eager results.
 */
class UnknownDimensionsTest {

    private static final int U = Shape.UNKNOWN;
    private static final DType F = DType.FLOAT32;

    @Test
    void denseLayerKeepsTheBatchDimensionUnknown() {
        Tensor x = placeholder(F, U, 784);
        try (var g = new MiniGraph()) {
            Tensor y = TF.matmul(x, TF.ones(784, 256)).add(TF.ones(256));
            assertEquals(Shape.of(U, 256), y.shape());
            assertEquals("Tensor(\"AddV2_" + (g.ops().size() - 1) + ":0\", shape=(None, 256), dtype=float32)", y.toString());
        }
    }

    @Test
    void knownMismatchesStillFailWhenWritten() {
        Tensor x = placeholder(F, U, 784);
        try (var g = new MiniGraph()) {
            fails(() -> TF.matmul(x, TF.ones(783, 256)), "Matrix size-incompatible: In[0]: [?,784], In[1]: [783,256] [Op:MatMul]");
            fails(() -> TF.add(x, TF.ones(4)), "Incompatible shapes: [?,784] vs. [4] [Op:AddV2]");
            fails(() -> TF.concat(List.of(x, placeholder(F, 2, 3)), 0),
                    "ConcatOp : Dimension 1 in both shapes must be equal: shape[0] = [?,784] vs. shape[1] = [2,3] [Op:ConcatV2]");
            fails(() -> TF.reshape(placeholder(F, U, 6), 4, 3), null); // fine: 12 could be 2 rows of 6
        }
    }

    @Test
    void broadcastingFillsWhatIsKnown() {
        try (var g = new MiniGraph()) {
            assertEquals(Shape.of(U, 3), TF.add(placeholder(F, U, 3), placeholder(F, U, 3)).shape());
            assertEquals(Shape.of(4, U, 3), TF.add(placeholder(F, U, 3), placeholder(F, 4, 1, 1)).shape());
            assertEquals(Shape.of(5, 3), TF.add(placeholder(F, U, 3), placeholder(F, 5, 1)).shape());
            assertEquals(Shape.of(U, 3), TF.where(placeholder(DType.BOOL, U, 1), placeholder(F, 3), TF.zeros(1)).shape());
        }
    }

    @Test
    void broadcastWithTheOtherOperandAsShapeDonorRunsOnTheFedShape() {
        Tensor x = placeholder(F, U, 1);
        Tensor fed = TF.constant(new float[][] {{1}, {2}});
        MiniGraph g = new MiniGraph();
        Tensor y = TF.add(x, TF.constant(new float[] {10, 20, 30}));
        assertEquals(Shape.of(U, 3), y.shape());
        assertArrayEquals(new float[] {11, 21, 31, 12, 22, 32}, g.run(y, x, fed).toFloatArray());
    }

    @Test
    void meanOverAnUnknownAxisCountsTheRunTimeSize() {
        Tensor x = placeholder(F, U, 3);
        MiniGraph g = new MiniGraph();
        Tensor perColumn = TF.reduceMean(x, 0);
        Tensor variance = TF.reduceVariance(x, new int[] {0}, false);
        assertEquals(Shape.of(3), perColumn.shape());
        assertTrue(g.ops().contains("Shape"), g.ops().toString());
        Tensor fed = TF.constant(new float[][] {{1, 2, 3}, {3, 6, 9}});
        assertArrayEquals(new float[] {2, 4, 6}, g.run(perColumn, x, fed).toFloatArray());
        assertArrayEquals(new float[] {1, 4, 9}, g.run(variance, x, fed).toFloatArray());
    }

    @Test
    void meanOverKnownAxesUsesAConstantCount() {
        try (var g = new MiniGraph()) {
            assertEquals(Shape.of(U), TF.reduceMean(placeholder(F, U, 3), 1).shape());
            assertFalse(g.ops().contains("Shape"), g.ops().toString());
        }
    }

    @Test
    void zerosLikeTakesTheRunTimeShape() {
        Tensor x = placeholder(DType.INT32, U, 2);
        Tensor fed = TF.zeros(DType.INT32, 3, 2);
        MiniGraph g = new MiniGraph();
        Tensor z = TF.onesLike(x);
        assertEquals(Shape.of(U, 2), z.shape());
        assertEquals(DType.INT32, z.dtype());
        Tensor out = g.run(z, x, fed);
        assertEquals(Shape.of(3, 2), out.shape());
        assertArrayEquals(new int[] {1, 1, 1, 1, 1, 1}, out.toIntArray());
    }

    @Test
    void reshapeWithMinusOneStaysUnknownUntilRun() {
        Tensor x = placeholder(F, U, 2, 2);
        Tensor fed = TF.reshape(TF.range(0f, 8f, 1f), 2, 2, 2);
        MiniGraph g = new MiniGraph();
        Tensor flat = TF.reshape(x, -1, 4);
        assertEquals(Shape.of(U, 4), flat.shape());
        assertEquals(Shape.of(2, U), TF.reshape(x, 2, -1).shape());
        Tensor out = g.run(flat, x, fed);
        assertEquals(Shape.of(2, 4), out.shape());
        assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5, 6, 7}, out.toFloatArray());
    }

    @Test
    void shapeOpsKeepUnknownDimensions() {
        Tensor x = placeholder(F, U, 3);
        try (var g = new MiniGraph()) {
            assertEquals(Shape.of(U, 3), TF.concat(List.of(x, placeholder(F, 2, 3)), 0).shape());
            assertEquals(Shape.of(U, 5), TF.concat(List.of(x, placeholder(F, U, 2)), 1).shape());
            assertEquals(Shape.of(2, U, 3), TF.stack(x, x).shape());
            assertEquals(Shape.of(3, U), TF.transpose(x).shape());
            assertEquals(Shape.of(U, 5), TF.pad(x, new int[][] {{0, 0}, {1, 1}}).shape());
            assertEquals(Shape.of(U), TF.argMax(x, 1).shape());
            assertEquals(Shape.of(3), TF.argMax(x, 0).shape());   // an unknown axis may be non-empty
            assertEquals(Shape.of(U, 3), TF.cumsum(x, 0).shape());
            assertEquals(Shape.of(U, 1, 3), TF.expandDims(x, 1).shape());
            assertEquals(Shape.of(U), x.get(Index.all(), Index.at(0)).shape());
            assertEquals(Shape.of(3), x.get(0).shape());
            assertEquals(Shape.of(U, 2), x.get(Index.from(1), Index.range(0, 2)).shape());
            assertEquals(Shape.of(U, 3), TF.softmax(x).shape());
        }
    }

    @Test
    void slicingAnUnknownAxisResolvesWhenRun() {
        Tensor x = placeholder(F, U);
        Tensor fed = TF.range(0f, 7f, 1f);
        MiniGraph g = new MiniGraph();
        Tensor odd = x.get(new Index.Range(1, null, 2)); // x[1::2]
        assertEquals(Shape.of(U), odd.shape());
        assertArrayEquals(new float[] {1, 3, 5}, g.run(odd, x, fed).toFloatArray());
    }

    @Test
    void whatNeedsTheSizeFailsClearly() {
        Tensor x = placeholder(F, U, 3);
        try (var g = new MiniGraph()) {
            fails(() -> x.get(-1), "index -1 on axis 0 of unknown size (shape [?,3]) is not supported");
            fails(() -> TF.unstack(x, 0), "Cannot infer argument `num` from shape (None, 3) [Op:Unpack]");
            fails(() -> TF.expandDims(placeholder(F, U, U), 0), "more than one unknown dimension");
        }
    }

    @Test
    void eagerCreationNeedsAFullyDefinedShape() {
        fails(() -> TF.zeros(-1, 3), "the shape (None, 3) to fill must be fully defined");
        fails(() -> TF.randomUniform(new int[] {-1}, 0, 1),
                "the shape (None,) to draw must be fully defined");
    }

    @Test
    void broadcastToTakesUnknownDimensionsFromTheDonor() {
        Tensor b = TF.constant(new float[] {1, 2, 3});
        Tensor y = Dispatch.apply(new BroadcastTo(Shape.of(U, 3)), b, TF.zeros(2, 7));
        assertEquals(Shape.of(2, 3), y.shape());
        assertArrayEquals(new float[] {1, 2, 3, 1, 2, 3}, y.toFloatArray());
        fails(() -> Dispatch.apply(new BroadcastTo(Shape.of(U, 3)), b),
                "the target shape [?,3] of [3] has unknown dimensions and no shape donor gives them [Op:BroadcastTo]");
        fails(() -> Dispatch.apply(new BroadcastTo(Shape.of(U, 3)), TF.ones(2, 3), TF.zeros(4, 1)),
                "Unable to broadcast tensor of shape [2,3] to tensor of shape [?,3] (unknown dimensions from [4,1])");
    }

    @Test
    void shapeOfGivesTheDimensions() {
        Tensor s = Dispatch.apply(new ShapeOf(), TF.zeros(2, 0, 3));
        assertEquals(DType.INT32, s.dtype());
        assertArrayEquals(new int[] {2, 0, 3}, s.toIntArray());
        assertArrayEquals(new int[0], Dispatch.apply(new ShapeOf(), TF.constant(1f)).toIntArray());
    }

    @Test
    void stridedSliceToTheEndResolvesFromTheInput() {
        Tensor x = TF.range(0, 7, 1);
        Tensor y = Dispatch.apply(new StridedSlice(new int[] {2}, new int[] {U}, new int[] {3}), x);
        assertArrayEquals(new int[] {2, 5}, y.toIntArray());
        assertEquals(0, Dispatch.apply(new StridedSlice(new int[] {9}, new int[] {U}, new int[] {1}), x).size());
    }

    /** Fails with exactly {@code message} (or, when it is a fragment, containing it); null: must not fail. */
    private static void fails(Executable call, String message) {
        if (message == null) {
            assertDoesNotThrow(call);
            return;
        }
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, call);
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }
}
