package dev.jtensor.ops;

import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Shape;
import dev.jtensor.Tensor;
import dev.jtensor.accel.Backend;
import dev.jtensor.accel.Strided;
import dev.jtensor.internal.TensorAccess;
import java.util.Arrays;

/**
 * The same elements, row-major, in a new shape of equal size. A view of contiguous input; a copy
 * otherwise. One dimension of the target may be {@link Shape#UNKNOWN} ({@code -1}): it takes the
 * size that is left, resolved from the input's size when that is known (always when the op runs),
 * and unknown otherwise.
 *
 * {@snippet :
 * Reshape r = new Reshape(Shape.of(-1, 784));
 * r.infer(new TensorSpec(DType.FLOAT32, Shape.of(32, 28, 28)));   // float32[32,784]
 * r.infer(new TensorSpec(DType.FLOAT32, Shape.of(-1, 28, 28)));   // float32[?,784]
 * }
 *
 * @param shape the new shape, with at most one unknown dimension
 */
public record Reshape(Shape shape) implements Primitive {

    public Reshape {
        Primitives.nonNull("Reshape", "shape", shape);
    }

    @Override
    public String name() {
        return "Reshape";
    }

    @Override
    public TensorSpec infer(TensorSpec... inputs) {
        Primitives.arity(this, inputs, 1);
        Shape in = inputs[0].shape();
        if (shape.isFullyDefined() && in.isFullyDefined() && in.size() == shape.size()) {
            return new TensorSpec(inputs[0].dtype(), shape);
        }
        return new TensorSpec(inputs[0].dtype(), Shape.of(resolve(in, shape.toArray())));
    }

    /**
     * {@code target} with its {@code -1} (if any) resolved from {@code input}'s size when that is
     * known, after TensorFlow's checks: at most one {@code -1}, no other negative size, and equal
     * sizes (or a size the known part divides).
     *
     * @throws InvalidArgumentException naming Reshape, the sizes and the shapes
     */
    public static int[] resolve(Shape input, int[] target) {
        Primitives.nonNull("Reshape", "input", input);
        Primitives.nonNull("Reshape", "target", target);
        int unknown = -1;
        long known = 1;
        for (int i = 0; i < target.length; i++) {
            if (target[i] == Shape.UNKNOWN) {
                if (unknown >= 0) {
                    throw InvalidArgumentException.of("Reshape", "Only one input size may be -1, not both " + unknown
                            + " and " + i + " in " + Arrays.toString(target));
                }
                unknown = i;
            } else if (target[i] < 0) {
                throw InvalidArgumentException.of("Reshape", "Size " + i + " must be non-negative, not " + target[i]
                        + " in " + Arrays.toString(target));
            } else {
                // saturates at 2^32, above any tensor's size, so that many large sizes cannot wrap the long
                known = Math.min(known * target[i], 1L << 32);
            }
        }
        if (!input.isFullyDefined()) {
            return target.clone(); // checked when the op runs, on the input's run-time size
        }
        int size = input.size();
        int[] resolved = target.clone();
        if (unknown >= 0) {
            if (known == 0 || size % known != 0) {
                throw InvalidArgumentException.of("Reshape", "Input to reshape is a tensor with " + size
                        + " values, but the requested shape requires a multiple of "
                        + (known < 1L << 32 ? String.valueOf(known) : "more than 2^32") + " ("
                        + Arrays.toString(target) + ")");
            }
            resolved[unknown] = (int) (size / known);
        } else if (known != size) {
            throw InvalidArgumentException.of("Reshape", "Input to reshape is a tensor with " + size
                    + " values, but the requested shape has " + known + " (requested "
                    + Arrays.toString(target).replace(" ", "") + " from " + input.toBracketString() + ")");
        }
        return resolved;
    }

    @Override
    public Tensor compute(Backend backend, Tensor[] inputs, TensorSpec output) {
        Tensor in = inputs[0];
        Shape out = output.shape();
        Strided v = Primitives.view(in);
        if (Primitives.isContiguous(in)) {
            return TensorAccess.view(inputs[0], output.dtype(), out, v.offset(), Strided.rowMajorStrides(out.toArray()));
        }
        int[] strides = stridesWhenOnlyUnitAxesChange(in.shape().toArray(), v.strides(), out.toArray());
        if (strides != null) {
            return TensorAccess.view(inputs[0], output.dtype(), out, v.offset(), strides);
        }
        return Primitives.wrap(backend, output, Primitives.denseData(backend, in));
    }

    /**
     * Strides for {@code to} when it differs from {@code from} only by size-1 axes (as indexing and
     * expandDims/squeeze produce), so that even a strided view reshapes without a copy; else null.
     */
    private static int[] stridesWhenOnlyUnitAxesChange(int[] from, int[] fromStrides, int[] to) {
        int[] strides = new int[to.length];
        int f = 0;
        for (int t = 0; t < to.length; t++) {
            if (to[t] == 1) {
                continue;
            }
            while (f < from.length && from[f] == 1) f++;
            if (f == from.length || from[f] != to[t]) {
                return null;
            }
            strides[t] = fromStrides[f++];
        }
        while (f < from.length && from[f] == 1) f++;
        return f == from.length ? strides : null;
    }
}
