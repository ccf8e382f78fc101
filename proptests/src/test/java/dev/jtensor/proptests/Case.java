package dev.jtensor.proptests;

import dev.jtensor.DType;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * A spec instantiated: its parameters and concrete float64 inputs. It prints every input's
 * dtype, shape and exact values, so that a shrunk counterexample can be replayed by hand.
 *
 * @param spec     the catalogue entry
 * @param params   the op's parameters (axes, ...)
 * @param inputs   the inputs, contiguous float64 tensors
 * @param function the op with its parameters bound
 */
record Case(GradientSpec<?> spec, Object params, List<Tensor> inputs, Function<List<Tensor>, Tensor> function) {

    /** The op applied to other inputs of the same shapes. */
    Tensor apply(List<Tensor> xs) {
        return function.apply(xs);
    }

    /** The op applied to this case's inputs. */
    Tensor output() {
        return apply(inputs);
    }

    /** Whether the inputs meet the spec's joint condition. */
    boolean admitted() {
        return spec.admits().test(inputs);
    }

    /** The same case with other inputs (same shapes), as float tensors of any dtype. */
    Case with(List<Tensor> others) {
        return new Case(spec, params, List.copyOf(others), function);
    }

    /** The inputs rounded to float32. */
    List<Tensor> float32Inputs() {
        List<Tensor> out = new ArrayList<>();
        for (Tensor x : inputs) out.add(TF.cast(x, DType.FLOAT32));
        return out;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(spec.name()).append(" with ").append(params);
        for (int i = 0; i < inputs.size(); i++) {
            s.append("\n    x").append(i).append(" = ").append(show(inputs.get(i)));
        }
        return s.toString();
    }

    /** {@code float64(2, 3) [1.0, 2.5, ...]}: dtype, shape and all values, row-major, exact. */
    static String show(Tensor t) {
        if (t == null) {
            return "null";
        }
        return t.dtype() + Shapes.show(t.shape().toArray()) + " " + Arrays.toString(t.toDoubleArray());
    }
}
