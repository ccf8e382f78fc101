package dev.jtensor.internal;

import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Tensor;
import java.util.List;

/**
 * Null checks for the tensors a frontend is given, worded as {@link dev.jtensor.ops.Dispatch}
 * words them, so that a null operand is reported the same way whether a frontend or a primitive
 * meets it first.
 */
public final class Inputs {

    private Inputs() {
    }

    /**
     * {@code t} itself, checked for null.
     *
     * @throws InvalidArgumentException "input #1 is null [Op:AddV2]"
     */
    public static Tensor require(String op, int index, Tensor t) {
        if (t == null) {
            throw InvalidArgumentException.of(op, "input #" + index + " is null");
        }
        return t;
    }

    /**
     * The tensors of a list input (concat, stack) as an array, checked for a null list and null elements.
     *
     * @throws InvalidArgumentException "values[1] is null [Op:ConcatV2]"
     */
    public static Tensor[] requireAll(String op, List<Tensor> values) {
        if (values == null) {
            throw InvalidArgumentException.of(op, "values is null");
        }
        Tensor[] out = new Tensor[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
            if (out[i] == null) {
                throw InvalidArgumentException.of(op, "values[" + i + "] is null");
            }
        }
        return out;
    }
}
