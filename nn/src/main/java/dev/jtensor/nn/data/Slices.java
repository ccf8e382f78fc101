package dev.jtensor.nn.data;

import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Operand;
import dev.jtensor.Tensor;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/** {@link Dataset#fromTensorSlices}: the checks and the iterator over rows. */
final class Slices {
    private Slices() {
    }

    static Tensor[] check(Operand... components) {
        String who = "Dataset.fromTensorSlices";
        if (components == null) throw new InvalidArgumentException(who + ": components is null");
        if (components.length == 0) throw new InvalidArgumentException(who + ": needs at least one component");
        Tensor[] parts = new Tensor[components.length];
        for (int i = 0; i < parts.length; i++) {
            if (components[i] == null) {
                throw new InvalidArgumentException(who + ": component #" + i + " is null");
            }
            Tensor t = components[i].asTensor();
            if (t.isSymbolic()) {
                throw new InvalidArgumentException(who + ": component #" + i + " is symbolic (" + t
                        + "); a dataset slices values");
            }
            if (t.rank() == 0) {
                throw new InvalidArgumentException(who + ": component #" + i + " is a scalar; components "
                        + "need a first axis to slice along");
            }
            if (i > 0 && t.shape().get(0) != parts[0].shape().get(0)) {
                throw new InvalidArgumentException(who + ": components must have the same first dimension, "
                        + "got component #0 of shape " + parts[0].shape() + " and component #" + i + " of shape "
                        + t.shape());
            }
            parts[i] = t;
        }
        return parts;
    }

    static Iterator<List<Tensor>> iterator(Tensor[] parts, int n) {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < n;
            }

            @Override
            public List<Tensor> next() {
                if (next >= n) {
                    throw new NoSuchElementException("Dataset.fromTensorSlices: no more elements");
                }
                List<Tensor> element = new ArrayList<>(parts.length);
                for (Tensor t : parts) element.add(t.get(next));
                next++;
                return List.copyOf(element);
            }
        };
    }
}
