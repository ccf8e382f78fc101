package dev.jtensor.proptests;

import dev.jtensor.TF;
import dev.jtensor.Tensor;
import dev.jtensor.Variable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link Program} with the values for two runs of it and the variable's initial value; prints
 * the program as code, then every value exactly, so that a counterexample can be replayed by hand.
 *
 * @param program the program
 * @param initial the variable's initial value, row-major {@code [m, n]} (unused without a variable)
 * @param runs    per run, the values of {@link Program#INPUTS}, in that order, row-major
 */
record ProgramCase(Program program, double[] initial, List<List<double[]>> runs) {

    /** The inputs of run {@code run} as tensors of the program's dtype, by name; new tensors at each call. */
    Map<String, Tensor> inputs(int run) {
        Map<String, Tensor> inputs = new LinkedHashMap<>();
        for (int i = 0; i < Program.INPUTS.size(); i++) {
            String name = Program.INPUTS.get(i);
            inputs.put(name, TF.constant(runs.get(run).get(i), program.dtype(), program.inputShape(name)));
        }
        return inputs;
    }

    /** The variable's initial value as a tensor. */
    Tensor initialValue() {
        return TF.constant(initial, program.dtype(), program.m(), program.n());
    }

    /** The program run eagerly {@code runs.size()} times in a row on one variable: per run, the fetched values. */
    List<List<Tensor>> evaluateEagerly() {
        Variable v = new Variable(initialValue());
        List<List<Tensor>> results = new ArrayList<>();
        for (int run = 0; run < runs.size(); run++) {
            Map<String, Tensor> inputs = inputs(run);
            results.add(program.evaluate(new Program.Env() {
                @Override
                public Tensor input(String name) {
                    return inputs.get(name);
                }

                @Override
                public Tensor read() {
                    return v.readValue();
                }

                @Override
                public Tensor assignAdd(Tensor delta) {
                    return v.assignAdd(delta).readValue();
                }
            }));
        }
        return results;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(program.toString());
        if (program.variable()) s.append("\n  v starts at ").append(show(initial));
        for (int run = 0; run < runs.size(); run++) {
            s.append("\n  run ").append(run + 1).append(" feeds");
            for (int i = 0; i < Program.INPUTS.size(); i++) {
                s.append("\n    ").append(Program.INPUTS.get(i)).append(" = ").append(show(runs.get(run).get(i)));
            }
        }
        return s.toString();
    }

    private static String show(double[] values) {
        return Arrays.toString(values);
    }
}
