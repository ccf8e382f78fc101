package dev.jtensor.proptests;

import dev.jtensor.Index;
import dev.jtensor.proptests.Layouts.Shaped;
import dev.jtensor.proptests.Params.Ints;
import dev.jtensor.proptests.Params.Slice;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Layouts for NumPy basic indexing ({@code Operand.get}): integers (negative too), ranges with
 * steps of either sign and bounds beyond the axis (Python clips them), new axes and an ellipsis.
 */
final class Slicing {

    private Slicing() {
    }

    /** A shape and an index into it. */
    static Arbitrary<Shaped<Slice>> index() {
        return Shapes.shape().flatMap(s -> perAxis(s).flatMap(items -> arrange(items, s.length))
                .map(items -> new Shaped<>(List.of(s), new Slice(items.toArray(Index[]::new)))));
    }

    /** {@code get(int...)}: integer indices into the first {@code k} axes, all of them non-empty. */
    static Arbitrary<Shaped<Ints>> integers() {
        return Shapes.shape(1, 4).filter(s -> s[0] > 0).flatMap(s -> Arbitraries.integers().between(1, s.length)
                .filter(k -> Arrays.stream(s, 0, k).allMatch(d -> d > 0))
                .flatMap(k -> Combinators.combine(IntStream.range(0, k).mapToObj(d -> at(s[d])).toList())
                        .as(l -> new Shaped<>(List.of(s), new Ints(l.stream().mapToInt(Integer::intValue).toArray())))));
    }

    private static Arbitrary<List<Index>> perAxis(int[] s) {
        List<Arbitrary<Index>> items = new ArrayList<>();
        for (int d : s) {
            items.add(d == 0 ? range(d) : Arbitraries.frequencyOf(
                    net.jqwik.api.Tuple.of(2, at(d).map(Index::at)), net.jqwik.api.Tuple.of(3, range(d))));
        }
        return Combinators.combine(items).as(l -> l);
    }

    /** An index into an axis of length {@code d}, non-negative or from the end. */
    private static Arbitrary<Integer> at(int d) {
        return Arbitraries.integers().between(0, d - 1).flatMap(i -> Arbitraries.of(i, i - d));
    }

    private static Arbitrary<Index> range(int d) {
        Arbitrary<Integer> bound = Arbitraries.integers().between(-d - 2, d + 2).injectNull(0.4);
        return Combinators.combine(bound, bound, Arbitraries.of(1, 2, 3, -1, -2))
                .as((start, stop, step) -> new Index.Range(start, stop, step));
    }

    /**
     * One item per axis as given, or with trailing items left out (implied whole axes), or with a run
     * of items replaced by an ellipsis; then up to two new axes inserted anywhere.
     */
    private static Arbitrary<List<Index>> arrange(List<Index> items, int rank) {
        Arbitrary<Integer> position = Arbitraries.integers().between(0, rank);
        return Combinators.combine(Arbitraries.integers().between(0, 2), position, position,
                position.list().ofMaxSize(2)).as((mode, i, j, newAxes) -> {
                    int from = Math.min(i, j), to = Math.max(i, j);
                    List<Index> out = new ArrayList<>();
                    switch (mode) {
                        case 0 -> out.addAll(items);
                        case 1 -> out.addAll(items.subList(0, from));
                        default -> {
                            out.addAll(items.subList(0, from));
                            out.add(Index.ellipsis());
                            out.addAll(items.subList(to, rank));
                        }
                    }
                    for (int p : newAxes) out.add(Math.min(p, out.size()), Index.newAxis());
                    return out;
                });
    }
}
