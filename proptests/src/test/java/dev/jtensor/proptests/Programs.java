package dev.jtensor.proptests;

import dev.jtensor.DType;
import dev.jtensor.proptests.ProgramStep.Again;
import dev.jtensor.proptests.ProgramStep.AssignAdd;
import dev.jtensor.proptests.ProgramStep.BinaryFn;
import dev.jtensor.proptests.ProgramStep.Constant;
import dev.jtensor.proptests.ProgramStep.MatMul;
import dev.jtensor.proptests.ProgramStep.Read;
import dev.jtensor.proptests.ProgramStep.ReduceAxis;
import dev.jtensor.proptests.ProgramStep.ReduceFn;
import dev.jtensor.proptests.ProgramStep.ScalarFn;
import dev.jtensor.proptests.ProgramStep.UnaryFn;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Random {@link ProgramCase}s: 2 to 12 steps, mostly elementwise with a few reductions, matmuls,
 * constants, repeats and (in a third of the programs) variable reads and updates; shapes up to
 * {@code [4, 17]}, so that the SIMD kernels' vector loops and tails both run; values from
 * {@link Domain#ANY}. Everything shrinks towards short chains of the latest values on {@code [1, 1]}.
 */
final class Programs {

    /** Scalars small enough to keep products well scaled, with 0 for the sign of zero. */
    private static final Arbitrary<Double> SCALARS = Arbitraries.of(2.0, 3.0, 0.5, -1.5, 0.0);

    private Programs() {
    }

    static Arbitrary<ProgramCase> cases() {
        return programs().flatMap(p -> {
            List<Arbitrary<double[]>> values = new ArrayList<>();
            values.add(Domain.ANY.values(new int[] {p.m(), p.n()}));
            for (int run = 0; run < 2; run++) {
                for (String input : Program.INPUTS) values.add(Domain.ANY.values(p.inputShape(input)));
            }
            return Combinators.combine(values).as(v -> new ProgramCase(p, v.get(0),
                    List.of(v.subList(1, 6), v.subList(6, 11))));
        });
    }

    private static Arbitrary<Program> programs() {
        Arbitrary<Boolean> variable = Arbitraries.frequencyOf(Tuple.of(2, Arbitraries.just(false)),
                Tuple.of(1, Arbitraries.just(true)));
        return variable.flatMap(v -> Combinators.combine(
                Arbitraries.of(DType.FLOAT32, DType.FLOAT64),
                Arbitraries.integers().between(1, 4),
                Arbitraries.integers().between(1, 17),
                steps(v).list().ofMinSize(2).ofMaxSize(12),
                Arbitraries.integers().between(0, 15).list().ofMaxSize(3))
                .as((dtype, m, n, steps, fetches) -> new Program(dtype, m, n, v, steps, fetches)));
    }

    private static Arbitrary<ProgramStep> steps(boolean variable) {
        List<Tuple.Tuple2<Integer, Arbitrary<? extends ProgramStep>>> choices = new ArrayList<>(List.of(
                Tuple.of(6, Combinators.combine(Arbitraries.of(UnaryFn.class), operand()).as(ProgramStep.Unary::new)),
                Tuple.of(6, Combinators.combine(Arbitraries.of(BinaryFn.class), operand(), operand())
                        .as(ProgramStep.Binary::new)),
                Tuple.of(2, Combinators.combine(Arbitraries.of(ScalarFn.class), operand(), SCALARS)
                        .as(ProgramStep.WithScalar::new)),
                Tuple.of(2, SCALARS.map(Constant::new)),
                Tuple.of(2, Combinators.combine(Arbitraries.of(ReduceFn.class), Arbitraries.of(ReduceAxis.class),
                        operand()).as(ProgramStep.Reduce::new)),
                Tuple.of(1, operand().map(MatMul::new)),
                Tuple.of(2, operand().map(Again::new))));
        if (variable) {
            choices.add(Tuple.of(1, Arbitraries.just(new Read())));
            choices.add(Tuple.of(3, operand().map(AssignAdd::new)));
        }
        @SuppressWarnings("unchecked")
        Tuple.Tuple2<Integer, Arbitrary<? extends ProgramStep>>[] array = choices.toArray(Tuple.Tuple2[]::new);
        return Arbitraries.frequencyOf(array);
    }

    /** A back offset, mostly to one of the latest three values (chains), sometimes further (DAGs). */
    private static Arbitrary<Integer> operand() {
        return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.integers().between(0, 2)),
                Tuple.of(1, Arbitraries.integers().between(0, 15)));
    }
}
