package dev.jtensor.proptests;

import dev.jtensor.DType;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import dev.jtensor.proptests.Layouts.Shaped;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Tensors drawn for a layout, with its parameters, for the forward-law properties; prints like a
 * {@link Case}.
 *
 * @param xs     float64 inputs
 * @param params the layout's parameters
 */
record Sample<P>(List<Tensor> xs, P params) {

    /** The first input. */
    Tensor x() {
        return xs.get(0);
    }

    /** Inputs of {@code layout}'s shapes with values from one domain per input, or one for all. */
    static <P> Arbitrary<Sample<P>> of(Arbitrary<Shaped<P>> layout, Domain... domains) {
        return layout.flatMap(shaped -> Combinators.combine(IntStream.range(0, shaped.shapes().size())
                        .mapToObj(i -> domains[domains.length == 1 ? 0 : i].values(shaped.shapes().get(i))).toList())
                .as(values -> {
                    List<Tensor> xs = new ArrayList<>();
                    IntStream.range(0, values.size()).forEach(i ->
                            xs.add(TF.constant(values.get(i), DType.FLOAT64, shaped.shapes().get(i))));
                    return new Sample<>(List.copyOf(xs), shaped.params());
                }));
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("with ").append(params);
        for (int i = 0; i < xs.size(); i++) s.append("\n    x").append(i).append(" = ").append(Case.show(xs.get(i)));
        return s.toString();
    }
}
