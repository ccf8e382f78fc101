package dev.jtensor.proptests;

import static dev.jtensor.proptests.Shapes.axes;
import static dev.jtensor.proptests.Shapes.axis;
import static dev.jtensor.proptests.Shapes.dim;
import static dev.jtensor.proptests.Shapes.reduced;
import static dev.jtensor.proptests.Shapes.shape;
import static dev.jtensor.proptests.Shapes.size;

import dev.jtensor.proptests.Params.Axes;
import dev.jtensor.proptests.Params.Axis;
import dev.jtensor.proptests.Params.Gathering;
import dev.jtensor.proptests.Params.Ints;
import dev.jtensor.proptests.Params.Segments;
import dev.jtensor.proptests.Params.MatMul;
import dev.jtensor.proptests.Params.None;
import dev.jtensor.proptests.Params.Pads;
import dev.jtensor.proptests.Params.Running;
import dev.jtensor.proptests.Params.Split;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * The shape constraints of the catalogue: for each kind of op, generators of valid input shapes
 * together with the op's static parameters (axes, permutations, paddings, ...). Every layout keeps
 * each input within {@link Shapes#MAX_SIZE} elements.
 */
final class Layouts {

    /** Input shapes and the op parameters that go with them. */
    record Shaped<P>(List<int[]> shapes, P params) {
    }

    private Layouts() {
    }

    private static <P> Shaped<P> shaped(P params, int[]... shapes) {
        return new Shaped<>(List.of(shapes), params);
    }

    /** {@code arity} inputs of one shape. */
    static Arbitrary<Shaped<None>> same(int arity) {
        return shape().map(s -> new Shaped<>(Collections.nCopies(arity, s), Params.NONE));
    }

    /** {@code arity} inputs whose shapes broadcast together (different ranks and unit dimensions). */
    static Arbitrary<Shaped<None>> broadcast(int arity) {
        return Shapes.broadcastable(arity).map(s -> new Shaped<>(s, Params.NONE));
    }

    /** One input of rank at least {@code minRank}. */
    static Arbitrary<Shaped<None>> rankAtLeast(int minRank) {
        return shape(minRank, 4).map(s -> shaped(Params.NONE, s));
    }

    /** A reduction: axes (null for all, or any subset, possibly empty) and keepDims. */
    static Arbitrary<Shaped<Axes>> reduce() {
        return shape().flatMap(s -> Combinators.combine(axes(s.length).injectNull(0.2), Arbitraries.of(false, true))
                .as((axes, keep) -> shaped(new Axes(axes, keep), s)));
    }

    /** A reduction over explicitly given axes without keepDims (the varargs overloads). */
    static Arbitrary<Shaped<Axes>> reduceAxes() {
        return shape().flatMap(s -> axes(s.length).map(axes -> shaped(new Axes(axes, false), s)));
    }

    /** One input of rank at least {@code minRank} and one of its axes. */
    static Arbitrary<Shaped<Axis>> axisOf(int minRank) {
        return shape(minRank, 4).flatMap(s -> axis(s.length).map(a -> shaped(new Axis(a), s)));
    }

    /** cumsum/cumprod: an axis, exclusive, reverse. */
    static Arbitrary<Shaped<Running>> cumulative() {
        return shape(1, 4).flatMap(s -> Combinators.combine(axis(s.length), Arbitraries.of(false, true),
                Arbitraries.of(false, true)).as((a, ex, rev) -> shaped(new Running(a, ex, rev), s)));
    }

    /**
     * Two operands of a matrix product: matrices {@code (m, k) @ (k, n)} (each transposed when its
     * flag is set) under batch shapes of rank 0 to 2 that broadcast against each other.
     */
    static Arbitrary<Shaped<MatMul>> matmul(boolean transposes) {
        Arbitrary<Boolean> flag = transposes ? Arbitraries.of(false, true) : Arbitraries.just(false);
        return shape(0, 2).flatMap(batch -> Combinators.combine(reduced(batch), reduced(batch), dim(), dim(), dim(),
                flag, flag).as((ba, bb, m, k, n, ta, tb) -> {
                    int[] a = withMatrix(ba, ta ? k : m, ta ? m : k), b = withMatrix(bb, tb ? n : k, tb ? k : n);
                    return shaped(new MatMul(ta, tb), a, b);
                })).filter(s -> s.shapes().stream().allMatch(x -> size(x) <= Shapes.MAX_SIZE));
    }

    /** Square matrices {@code (batch..., n, n)} with a batch of rank 0 to 2. */
    static Arbitrary<Shaped<None>> squareMatrices() {
        return Combinators.combine(shape(0, 2), dim()).as((batch, n) -> shaped(Params.NONE, withMatrix(batch, n, n)))
                .filter(s -> size(s.shapes().get(0)) <= Shapes.MAX_SIZE);
    }

    private static int[] withMatrix(int[] batch, int rows, int cols) {
        int[] s = Arrays.copyOf(batch, batch.length + 2);
        s[batch.length] = rows;
        s[batch.length + 1] = cols;
        return s;
    }

    /** A reshape target of the same size: a random factorisation, sometimes with one {@code -1}. */
    static Arbitrary<Shaped<Ints>> reshape() {
        return shape().flatMap(s -> target(size(s)).map(t -> shaped(new Ints(t), s)));
    }

    private static Arbitrary<int[]> target(int size) {
        if (size == 0) {
            return shape(1, 4).flatMap(t -> Arbitraries.integers().between(0, t.length - 1).map(z -> {
                int[] out = t.clone();
                out[z] = 0;
                return out;
            }));
        }
        List<Integer> primes = primeFactors(size);
        return Arbitraries.integers().between(primes.isEmpty() ? 0 : 1, 4).flatMap(rank -> rank == 0
                ? Arbitraries.just(new int[0]) : Combinators.combine(
                Arbitraries.integers().between(0, rank - 1).list().ofSize(primes.size()),
                Arbitraries.integers().between(-1, rank - 1)).as((slots, unknown) -> {
                    int[] t = new int[rank];
                    Arrays.fill(t, 1);
                    for (int i = 0; i < primes.size(); i++) t[slots.get(i)] *= primes.get(i);
                    if (unknown >= 0) t[unknown] = -1;
                    return t;
                }));
    }

    private static List<Integer> primeFactors(int n) {
        List<Integer> out = new ArrayList<>();
        for (int p = 2; n > 1; p++) {
            while (n % p == 0) {
                out.add(p);
                n /= p;
            }
        }
        return out;
    }

    /** A permutation of the axes (entries may be negative), or empty for "reverse them". */
    static Arbitrary<Shaped<Ints>> transpose() {
        return shape().flatMap(s -> {
            int rank = s.length;
            List<Integer> identity = new ArrayList<>();
            for (int i = 0; i < rank; i++) identity.add(i);
            Arbitrary<int[]> perm = Arbitraries.shuffle(identity).flatMap(p -> Combinators.combine(
                    p.stream().map(a -> Arbitraries.of(a, a - rank)).toList())
                    .as(l -> l.stream().mapToInt(Integer::intValue).toArray()));
            return Arbitraries.frequencyOf(tuple(4, perm), tuple(1, Arbitraries.just(new int[0])))
                    .map(p -> shaped(new Ints(p), s));
        });
    }

    /** An axis for a new dimension: {@code -rank-1 .. rank}. */
    static Arbitrary<Shaped<Axis>> expandDims() {
        return shape(0, 3).flatMap(s -> axis(s.length + 1).map(a -> shaped(new Axis(a), s)));
    }

    /** Some of the size-1 axes (possibly none: squeeze all of them). */
    static Arbitrary<Shaped<Ints>> squeeze() {
        return shape().flatMap(s -> {
            List<Integer> units = new ArrayList<>();
            for (int d = 0; d < s.length; d++) if (s[d] == 1) units.add(d);
            return Arbitraries.subsetOf(units).flatMap(set -> Combinators.combine(
                    set.stream().map(a -> Arbitraries.of(a, a - s.length)).toList())
                    .as(l -> shaped(new Ints(l.stream().mapToInt(Integer::intValue).toArray()), s)));
        });
    }

    /** {@code arity} inputs of one shape and an axis for the new dimension. */
    static Arbitrary<Shaped<Axis>> stack(int arity) {
        return shape(0, 3).flatMap(s -> axis(s.length + 1)
                .map(a -> new Shaped<>(Collections.nCopies(arity, s), new Axis(a))));
    }

    /** {@code arity} inputs that agree except along the (possibly negative) concatenation axis. */
    static Arbitrary<Shaped<Axis>> concat(int arity) {
        return shape(1, 3).flatMap(s -> axis(s.length).flatMap(a -> dim().list().ofSize(arity).map(sizes -> {
            int axis = a < 0 ? a + s.length : a;
            List<int[]> shapes = new ArrayList<>();
            for (int size : sizes) {
                int[] t = s.clone();
                t[axis] = size;
                shapes.add(t);
            }
            return new Shaped<>(shapes, new Axis(a));
        })));
    }

    /** A split along an axis: into equal parts, or into given sizes (one of them maybe {@code -1}). */
    static Arbitrary<Shaped<Split>> split(boolean equalParts) {
        return shape(1, 4).flatMap(s -> axis(s.length).flatMap(a -> {
            int length = s[a < 0 ? a + s.length : a];
            Arbitrary<Split> split = equalParts
                    ? Arbitraries.integers().between(1, Math.max(1, length))
                            .filter(p -> length % p == 0).map(p -> new Split(a, p, null))
                    : Arbitraries.integers().between(0, length).list().ofMinSize(0).ofMaxSize(2)
                            .flatMap(cuts -> Arbitraries.integers().between(-1, cuts.size())
                                    .map(unknown -> new Split(a, 0, sizes(cuts, length, unknown))));
            return split.map(p -> shaped(p, s));
        }));
    }

    /** Piece sizes between sorted {@code cuts} of {@code [0, length]}, piece {@code unknown} given as -1. */
    private static int[] sizes(List<Integer> cuts, int length, int unknown) {
        List<Integer> points = new ArrayList<>(cuts);
        Collections.sort(points);
        points.add(length);
        int[] sizes = new int[points.size()];
        for (int i = 0, previous = 0; i < sizes.length; previous = points.get(i), i++) {
            sizes[i] = points.get(i) - previous;
        }
        if (unknown >= 0) sizes[unknown] = -1;
        return sizes;
    }

    /** Repetitions 0 to 3 per axis. */
    static Arbitrary<Shaped<Ints>> tile() {
        return shape(0, 3).flatMap(s -> Arbitraries.frequency(tuple(1, 0), tuple(4, 1), tuple(3, 2), tuple(2, 3))
                .array(int[].class).ofSize(s.length)
                .filter(m -> size(s) * size(m) <= 2 * Shapes.MAX_SIZE)
                .map(m -> shaped(new Ints(m), s)));
    }

    /** Paddings 0 to 2 before and after each axis, and a fill value. */
    static Arbitrary<Shaped<Pads>> pad() {
        return shape(0, 3).flatMap(s -> Combinators.combine(
                Arbitraries.integers().between(0, 2).array(int[].class).ofSize(2 * s.length),
                Arbitraries.doubles().between(-2, 2).ofScale(2)).as((p, value) -> {
                    int[][] paddings = new int[s.length][];
                    for (int d = 0; d < s.length; d++) paddings[d] = new int[] {p[2 * d], p[2 * d + 1]};
                    return shaped(new Pads(paddings, value), s);
                }));
    }

    /** gather: an axis and integer indices of rank 0 to 2 within that axis. */
    static Arbitrary<Shaped<Gathering>> gather() {
        return shape(1, 3).flatMap(s -> axis(s.length).flatMap(a -> {
            int length = s[a < 0 ? a + s.length : a];
            return indexShape(length).flatMap(is -> Combinators.combine(indices(length, size(is)),
                    Arbitraries.of(false, true)).as((ix, int64) -> shaped(new Gathering(a, is, ix, int64), s)));
        }));
    }

    /** gather of rows (axis 0) by a list of indices. */
    static Arbitrary<Shaped<Gathering>> gatherRows() {
        return shape(1, 3).flatMap(s -> Arbitraries.integers().between(s[0] == 0 ? 0 : 1, s[0] == 0 ? 0 : 4)
                .flatMap(n -> indices(s[0], n).map(ix -> shaped(new Gathering(0, new int[] {n}, ix, false), s))));
    }

    /** unsortedSegmentSum: data of rank 1 to 3, one id in [-1, segments) per row, 1 to 4 segments. */
    static Arbitrary<Shaped<Segments>> segments() {
        return shape(1, 3).flatMap(s -> Combinators.combine(Arbitraries.integers().between(1, 4), Arbitraries.of(false, true))
                .flatAs((count, int64) -> Arbitraries.integers().between(-1, count - 1).array(int[].class).ofSize(s[0])
                        .map(ids -> shaped(new Segments(ids, count, int64), s))));
    }

    private static Arbitrary<int[]> indexShape(int length) {
        Arbitrary<int[]> any = shape(0, 2).filter(t -> size(t) <= 6);
        return length > 0 ? any : any.filter(t -> size(t) == 0);
    }

    private static Arbitrary<int[]> indices(int length, int count) {
        return count == 0 ? Arbitraries.just(new int[0])
                : Arbitraries.integers().between(0, length - 1).array(int[].class).ofSize(count);
    }

    /** broadcastTo: a target shape and an input shape that broadcasts to it. */
    static Arbitrary<Shaped<Ints>> broadcastTo() {
        return shape().flatMap(full -> reduced(full).map(s -> shaped(new Ints(full), s)));
    }

    private static <T> net.jqwik.api.Tuple.Tuple2<Integer, T> tuple(int weight, T value) {
        return net.jqwik.api.Tuple.of(weight, value);
    }
}
