package dev.jtensor.proptests;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generators of shapes: ranks 0 to 4, dimensions 0 to 5 with 1 (what broadcasting and squeezing
 * act on), 2 and 3 the most common and 0 rare, and at most {@link #MAX_SIZE} elements so that a
 * finite-difference check stays fast. Shrinking goes towards low rank and dimensions of 1.
 */
final class Shapes {

    /** The most elements a generated input has. */
    static final int MAX_SIZE = 64;

    private Shapes() {
    }

    /** A dimension: 1 to 5 with 1, 2 and 3 the most common, and 0 rarely (1 in 35). */
    static Arbitrary<Integer> dim() {
        return Arbitraries.frequency(Tuple.of(8, 1), Tuple.of(8, 2), Tuple.of(8, 3), Tuple.of(6, 4), Tuple.of(4, 5),
                Tuple.of(1, 0)).withoutEdgeCases();
    }

    /** A shape of rank {@code minRank..maxRank} (middle ranks favoured) with at most {@link #MAX_SIZE} elements. */
    static Arbitrary<int[]> shape(int minRank, int maxRank) {
        List<Tuple.Tuple2<Integer, Integer>> ranks = new ArrayList<>();
        for (int r = minRank; r <= maxRank; r++) ranks.add(Tuple.of(r == 0 ? 1 : r == 4 ? 2 : 3, r));
        // no edge cases: jqwik's (all zeros, all ones, ...) would crowd out ordinary shapes
        return Arbitraries.frequency(ranks)
                .flatMap(rank -> dim().array(int[].class).ofSize(rank))
                .filter(s -> size(s) <= MAX_SIZE).withoutEdgeCases();
    }

    /** Any shape of rank 0 to 4. */
    static Arbitrary<int[]> shape() {
        return shape(0, 4);
    }

    /**
     * {@code count} shapes that broadcast together: each is a common shape with some leading axes
     * dropped (rank mismatch) and some dimensions replaced by 1.
     */
    static Arbitrary<List<int[]>> broadcastable(int count) {
        return shape().flatMap(full -> reduced(full).list().ofSize(count));
    }

    /** {@code full} with some leading axes dropped and some dimensions set to 1. */
    static Arbitrary<int[]> reduced(int[] full) {
        return Combinators.combine(Arbitraries.integers().between(0, full.length),
                        Arbitraries.integers().between(0, 2).array(int[].class).ofSize(full.length))
                .as((drop, ones) -> {
                    int[] s = Arrays.copyOfRange(full, drop, full.length);
                    for (int d = 0; d < s.length; d++) {
                        if (ones[drop + d] == 0) s[d] = 1;
                    }
                    return s;
                });
    }

    /** An axis of a rank-{@code rank} tensor, non-negative or counted from the end ({@code -rank..rank-1}). */
    static Arbitrary<Integer> axis(int rank) {
        return Arbitraries.integers().between(0, rank - 1)
                .flatMap(a -> Arbitraries.of(a, a - rank));
    }

    /** A set of distinct axes, each given non-negative or negative, in random order. */
    static Arbitrary<int[]> axes(int rank) {
        if (rank == 0) {
            return Arbitraries.just(new int[0]);
        }
        return Arbitraries.integers().between(0, rank - 1).set().ofMaxSize(rank)
                .flatMap(set -> Arbitraries.shuffle(new ArrayList<>(set)))
                .flatMap(list -> Combinators.combine(list.stream()
                                .map(a -> Arbitraries.of(a, a - rank)).toList())
                        .as(signed -> signed.stream().mapToInt(Integer::intValue).toArray()));
    }

    /** NumPy's broadcast of two shapes, or null if they do not broadcast (an independent oracle). */
    static int[] numpyBroadcast(int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 1; i <= rank; i++) {
            int da = i <= a.length ? a[a.length - i] : 1, db = i <= b.length ? b[b.length - i] : 1;
            if (da != db && da != 1 && db != 1) {
                return null;
            }
            out[rank - i] = da == 1 ? db : da;
        }
        return out;
    }

    /** Number of elements. */
    static int size(int[] shape) {
        int n = 1;
        for (int d : shape) n *= d;
        return n;
    }

    /** {@code (2, 3)}, {@code ()} for a scalar. */
    static String show(int[] shape) {
        return Arrays.toString(shape).replace('[', '(').replace(']', ')');
    }
}
