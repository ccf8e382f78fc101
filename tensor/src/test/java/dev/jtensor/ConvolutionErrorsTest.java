package dev.jtensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad input to {@code TF.nn}'s convolution and pooling: each a specific, TF-worded error. */
class ConvolutionErrorsTest {

    private static final Tensor IMAGE = TF.ones(2, 5, 5, 3);
    private static final Tensor FILTER = TF.ones(3, 3, 3, 4);
    private static final int[] ONE = {1, 1};

    private static void fails(String message, Executable call) {
        assertEquals(message, assertThrows(InvalidArgumentException.class, call).getMessage());
    }

    @Test
    void wrongRanks() {
        fails("input must be 4-dimensional (NHWC), got shape [5,5,3] [Op:Conv2D]",
                () -> TF.nn.conv2d(TF.ones(5, 5, 3), FILTER, ONE, "SAME"));
        fails("filter must be 4-dimensional [KH,KW,C,OC], got shape [3,3,3] [Op:Conv2D]",
                () -> TF.nn.conv2d(IMAGE, TF.ones(3, 3, 3), ONE, "SAME"));
        fails("input must be 4-dimensional (NHWC), got shape [5,5] [Op:MaxPool]",
                () -> TF.nn.maxPool2d(TF.ones(5, 5), ONE, ONE, "VALID"));
        fails("input must be 4-dimensional (NHWC), got shape [] [Op:AvgPool]",
                () -> TF.nn.avgPool2d(TF.constant(1f), ONE, ONE, "VALID"));
    }

    @Test
    void channelMismatch() {
        fails("input depth must equal filter depth: 3 vs 2 (input [2,5,5,3], filter [3,3,2,4]) [Op:Conv2D]",
                () -> TF.nn.conv2d(IMAGE, TF.ones(3, 3, 2, 4), ONE, "SAME"));
    }

    @Test
    void badStridesAndWindows() {
        fails("strides must be positive, got [0, 1] [Op:Conv2D]", () -> TF.nn.conv2d(IMAGE, FILTER, new int[] {0, 1}, "SAME"));
        fails("strides must have 1, 2 or 4 elements, got [1, 1, 1] [Op:Conv2D]",
                () -> TF.nn.conv2d(IMAGE, FILTER, new int[] {1, 1, 1}, "SAME"));
        fails("strides [2, 1, 1, 1] must be 1 in the batch and channel dimensions (NHWC): only spatial strides are "
                + "supported [Op:Conv2D]", () -> TF.nn.conv2d(IMAGE, FILTER, new int[] {2, 1, 1, 1}, "SAME"));
        fails("dilations must be positive, got [1, -1] [Op:Conv2D]",
                () -> TF.nn.conv2d(IMAGE, FILTER, ONE, "SAME", new int[] {1, -1}));
        fails("ksize must be positive, got [0] [Op:MaxPool]", () -> TF.nn.maxPool2d(IMAGE, new int[] {0}, ONE, "SAME"));
        fails("ksize must have 1, 2 or 4 elements, got [] [Op:AvgPool]", () -> TF.nn.avgPool2d(IMAGE, new int[0], ONE, "SAME"));
        fails("Computed output size would be negative: -1 [input_size: 5, effective_filter_size: 7, stride: 1] [Op:MaxPool]",
                () -> TF.nn.maxPool2d(IMAGE, new int[] {7, 1}, ONE, "VALID"));
    }

    @Test
    void unknownPadding() {
        fails("Unknown padding 'FULL': it must be SAME or VALID [Op:Conv2D]", () -> TF.nn.conv2d(IMAGE, FILTER, ONE, "FULL"));
        fails("padding is null [Op:MaxPool]", () -> TF.nn.maxPool2d(IMAGE, ONE, ONE, null));
    }

    @Test
    void nonFloatDTypes() {
        fails("Conv2D needs a float32 or float64 input, got int32 (cast it first) [Op:Conv2D]",
                () -> TF.nn.conv2d(TF.ones(DType.INT32, 1, 3, 3, 1), TF.ones(DType.INT32, 1, 1, 1, 1), ONE, "SAME"));
        fails("filter is float64 but input is float32 [Op:Conv2D]",
                () -> TF.nn.conv2d(IMAGE, TF.ones(DType.FLOAT64, 3, 3, 3, 4), ONE, "SAME"));
        fails("MaxPool needs a float32 or float64 input, got int64 (cast it first) [Op:MaxPool]",
                () -> TF.nn.maxPool2d(TF.ones(DType.INT64, 1, 3, 3, 1), ONE, ONE, "SAME"));
    }

    @Test
    void nullArguments() {
        fails("input is null [Op:Conv2D]", () -> TF.nn.conv2d(null, FILTER, ONE, "SAME"));
        fails("filter is null [Op:Conv2D]", () -> TF.nn.conv2d(IMAGE, null, ONE, "SAME"));
        fails("strides is null [Op:AvgPool]", () -> TF.nn.avgPool2d(IMAGE, ONE, null, "SAME"));
    }

    @Test
    void sameAveragePoolingDividesByTheTapsInsideTheImage() {
        // 3x3 windows, stride 1, SAME on a 3x3 image of ones plus the index: corners average 4 pixels, edges 6
        Tensor x = TF.reshape(TF.range(1f, 10f, 1f), 1, 3, 3, 1);
        Tensor avg = TF.nn.avgPool2d(x, new int[] {3}, new int[] {1}, "SAME");
        assertArrayEquals(new float[] {(1 + 2 + 4 + 5) / 4f, (1 + 2 + 3 + 4 + 5 + 6) / 6f, (2 + 3 + 5 + 6) / 4f,
                (1 + 2 + 4 + 5 + 7 + 8) / 6f, 5f, (2 + 3 + 5 + 6 + 8 + 9) / 6f,
                (4 + 5 + 7 + 8) / 4f, (4 + 5 + 6 + 7 + 8 + 9) / 6f, (5 + 6 + 8 + 9) / 4f}, avg.toFloatArray());
        // 2x2 SAME windows, stride 1: the padding row and column come after (TF's rule); max pooling never
        // takes the padding, even where every pixel is negative
        assertArrayEquals(new float[] {-1, -2, -3, -4, -5, -6, -7, -8, -9},
                TF.nn.maxPool2d(x.neg(), new int[] {2, 2}, ONE, "SAME").toFloatArray());
    }
}
