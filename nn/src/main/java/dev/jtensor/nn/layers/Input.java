package dev.jtensor.nn.layers;

import dev.jtensor.DType;
import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Shape;
import java.util.List;

/**
 * Keras's {@code keras.Input}: the start of a functional model, a {@link KerasTensor} for a batch of
 * examples of the given shape.
 *
 * {@snippet :
 * KerasTensor images = Input.of(28, 28, 1);                 // (None, 28, 28, 1), float32
 * KerasTensor ids = Input.of(DType.INT32, "tokens", 20);    // (None, 20), int32
 * }
 */
public final class Input {

    private Input() {
    }

    /** A float32 input; {@code shape} is one example's (the batch dimension is added, unknown). */
    public static KerasTensor of(int... shape) {
        return of(DType.FLOAT32, null, shape);
    }

    /**
     * An input of {@code dtype} named {@code name}; {@code name} may be null: Keras's {@code input_layer},
     * {@code input_layer_1}, ... A -1 in {@code shape} is a dimension unknown until data arrives.
     */
    public static KerasTensor of(DType dtype, String name, int... shape) {
        if (dtype == null) {
            throw new InvalidArgumentException("Input.of: dtype is null");
        }
        return new KerasTensor(batchOf(shape), dtype, null, List.of(), name != null ? name : nextName());
    }

    /** {@code (None, ...exampleShape)}, checked. */
    static Shape batchOf(int... shape) {
        if (shape == null) {
            throw new InvalidArgumentException("Input.of: shape is null");
        }
        int[] dims = new int[shape.length + 1];
        dims[0] = Shape.UNKNOWN;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] < -1 || shape[i] == 0) {
                throw new InvalidArgumentException("Input.of: dimension " + i + " of " + java.util.Arrays.toString(shape)
                        + " must be positive or -1 (unknown)");
            }
            dims[i + 1] = shape[i];
        }
        return Shape.of(dims);
    }

    private static synchronized String nextName() {
        return LayerNames.unique("input_layer");
    }
}
