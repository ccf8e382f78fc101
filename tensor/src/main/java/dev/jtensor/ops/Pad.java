package dev.jtensor.ops;

import dev.jtensor.Shape;
import dev.jtensor.Tensor;
import dev.jtensor.accel.Backend;
import dev.jtensor.accel.Strided;
import java.util.Arrays;

/**
 * Surrounds the input with a constant: axis {@code d} gains {@code before[d]} elements in front and
 * {@code after[d]} behind (an unknown dimension stays unknown).
 *
 * @param before non-negative padding before each axis
 * @param after  non-negative padding after each axis
 * @param value  the fill value, converted to the input's dtype
 */
public record Pad(int[] before, int[] after, double value) implements Primitive {

    public Pad {
        Primitives.nonNull("PadV2", "before", before);
        Primitives.nonNull("PadV2", "after", after);
        before = before.clone();
        after = after.clone();
    }

    @Override
    public int[] before() {
        return before.clone();
    }

    @Override
    public int[] after() {
        return after.clone();
    }

    @Override
    public String name() {
        return "PadV2";
    }

    @Override
    public TensorSpec infer(TensorSpec... inputs) {
        Primitives.arity(this, inputs, 1);
        int[] dims = inputs[0].shape().toArray();
        if (before.length != dims.length || after.length != dims.length) {
            throw Primitives.error(this, "The first dimension of paddings must be the rank of inputs [" + before.length
                    + ",2] " + inputs[0].shape().toBracketString());
        }
        int[] out = new int[dims.length];
        for (int d = 0; d < dims.length; d++) {
            if (before[d] < 0 || after[d] < 0) {
                throw Primitives.error(this, "Paddings must be non-negative: " + before[d] + " " + after[d]
                        + " at axis " + d);
            }
            if (dims[d] == Shape.UNKNOWN) {
                out[d] = Shape.UNKNOWN;
                continue;
            }
            long padded = (long) dims[d] + before[d] + after[d];
            if (padded > Integer.MAX_VALUE) {
                throw Primitives.error(this, "Paddings " + before[d] + " " + after[d] + " at axis " + d
                        + " make the dimension " + padded + ", more than a Java array can hold");
            }
            out[d] = (int) padded;
        }
        return new TensorSpec(inputs[0].dtype(), Shape.of(out));
    }

    @Override
    public Tensor compute(Backend backend, Tensor[] inputs, TensorSpec output) {
        // the padding is never written by the copy below: it comes from clearing or from the fill
        Object out;
        if (value == 0) {
            out = Primitives.allocateZeroed(backend, output);
        } else {
            out = Primitives.allocate(backend, output);
            backend.kernels().fill(output.shape().size(), value, out);
        }
        int[] strides = Strided.rowMajorStrides(output.shape().toArray());
        int offset = 0;
        for (int d = 0; d < strides.length; d++) {
            offset += before[d] * strides[d];
        }
        backend.kernels().copy(inputs[0].shape().toArray(), Primitives.view(inputs[0]), new Strided(out, offset, strides));
        return Primitives.wrap(backend, output, out);
    }

    // records compare arrays by identity: equal parameters must make equal primitives (graph dedup, caches);
    // the value compares as records compare doubles (NaN equals NaN, 0.0 is not -0.0)
    @Override
    public boolean equals(Object o) {
        return o instanceof Pad p && Arrays.equals(before, p.before) && Arrays.equals(after, p.after)
                && Double.compare(value, p.value) == 0;
    }

    @Override
    public int hashCode() {
        return (Arrays.hashCode(before) * 31 + Arrays.hashCode(after)) * 31 + Double.hashCode(value);
    }

    @Override
    public String toString() {
        return "Pad[before=" + Arrays.toString(before) + ", after=" + Arrays.toString(after)
                + ", value=" + value + "]";
    }
}
