package dev.jtensor.proptests;

import dev.jtensor.Index;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import java.util.Arrays;

/**
 * Non-contiguous tensors with given values, built with the public API only: a transpose of a
 * materialised transpose, every other element of a larger tensor (an offset and steps of 2), a
 * reversal (negative steps), or a broadcast of a smaller tensor (zero strides).
 */
final class Views {

    /** How a view is laid out over its storage. */
    enum Kind {
        /** axes reversed twice: strides in reverse order */ TRANSPOSED,
        /** {@code base[1::2, 1::2, ...]} of a tensor twice as large: an offset and doubled strides */ STEPPED,
        /** {@code base[::-1, ::-1, ...]}: negative strides */ REVERSED,
        /** broadcast along the first non-unit axis (or a new leading one): zero strides, repeated values */ BROADCAST
    }

    /** A view and a contiguous tensor holding the same values. */
    record Pair(Tensor contiguous, Tensor view) {
    }

    private Views() {
    }

    /**
     * A view of {@code x}'s values laid out as {@code kind}. {@link Kind#BROADCAST} repeats values,
     * so it changes them: the pair's contiguous tensor holds the repeated values.
     */
    static Pair of(Tensor x, Kind kind) {
        int[] shape = x.shape().toArray();
        return switch (kind) {
            case TRANSPOSED -> new Pair(x, materialise(TF.transpose(x)).transpose());
            case STEPPED -> new Pair(x, stepped(x));
            case REVERSED -> new Pair(x, materialise(x.get(all(shape.length, Index.step(-1))))
                    .get(all(shape.length, Index.step(-1))));
            case BROADCAST -> broadcast(x);
        };
    }

    /** A fresh contiguous copy, unconnected to {@code t}'s history. */
    static Tensor materialise(Tensor t) {
        return TF.constant(t.toDoubleArray(), t.dtype(), t.shape().toArray());
    }

    private static Index[] all(int rank, Index item) {
        Index[] items = new Index[rank];
        Arrays.fill(items, item);
        return items;
    }

    /** {@code x}'s values at the odd positions of a tensor of shape {@code 2d + 1} filled with 7s elsewhere. */
    private static Tensor stepped(Tensor x) {
        int[] shape = x.shape().toArray(), big = new int[shape.length];
        for (int d = 0; d < shape.length; d++) big[d] = 2 * shape[d] + 1;
        double[] values = x.toDoubleArray(), base = new double[Shapes.size(big)];
        Arrays.fill(base, 7.0);
        int[] index = new int[shape.length];
        for (int i = 0; i < values.length; i++) {
            int flat = 0;
            for (int d = 0; d < shape.length; d++) flat = flat * big[d] + 2 * index[d] + 1;
            base[flat] = values[i];
            for (int d = shape.length - 1; d >= 0 && ++index[d] == shape[d]; d--) index[d] = 0;
        }
        if (shape.length == 0) {
            return TF.constant(new double[] {7.0, values[0]}, x.dtype(), 2).get(1);
        }
        return TF.constant(base, x.dtype(), big).get(all(shape.length, Index.range(1, Integer.MAX_VALUE, 2)));
    }

    private static Pair broadcast(Tensor x) {
        int[] shape = x.shape().toArray();
        int axis = 0;
        while (axis < shape.length && shape[axis] <= 1) axis++;
        Tensor base;
        if (shape.length == 0 || x.size() == 0) {
            return new Pair(x, x);
        } else if (axis == shape.length) {
            // no axis to repeat along: the broadcast adds the leading unit axis instead
            base = materialise(x.reshape(Arrays.copyOfRange(shape, 1, shape.length)));
        } else {
            Index[] items = all(shape.length, Index.all());
            items[axis] = Index.range(0, 1);
            base = materialise(x.get(items));
        }
        Tensor view = TF.broadcastTo(base, shape);
        return new Pair(TF.constant(view.toDoubleArray(), x.dtype(), shape), view);
    }
}
