package dev.jtensor.internal;

import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Shape;
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
     * {@code value} itself, checked for null, for an argument that is not an op's input.
     *
     * @throws InvalidArgumentException "GradientTape.gradient: sources is null"
     */
    public static <T> T nonNull(T value, String method, String parameter) {
        if (value == null) {
            throw new InvalidArgumentException(method + ": " + parameter + " is null");
        }
        return value;
    }

    /**
     * {@code values} itself, checked for null and for null elements.
     *
     * @throws InvalidArgumentException "GradientTape.gradient: sources[1] is null"
     */
    public static <L extends List<?>> L nonNullElements(L values, String method, String parameter) {
        nonNull(values, method, parameter);
        for (int i = 0; i < values.size(); i++) {
            nonNull(values.get(i), method, parameter + "[" + i + "]");
        }
        return values;
    }

    /**
     * {@code value} itself, checked for null, for a Java value an op takes in place of a tensor.
     *
     * @throws InvalidArgumentException "indices is null [Op:GatherV2]"
     */
    public static <T> T nonNullInput(String op, String parameter, T value) {
        if (value == null) {
            throw InvalidArgumentException.of(op, parameter + " is null");
        }
        return value;
    }

    /**
     * The shape an op is given as Java dimensions, checked for null.
     *
     * @throws InvalidArgumentException "shape is null [Op:Fill]"
     */
    public static Shape shape(String op, int[] dims) {
        if (dims == null) {
            throw InvalidArgumentException.of(op, "shape is null");
        }
        return Shape.of(dims);
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
