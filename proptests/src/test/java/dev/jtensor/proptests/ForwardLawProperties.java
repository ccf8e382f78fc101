package dev.jtensor.proptests;

import static dev.jtensor.TF.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtensor.DType;
import dev.jtensor.Index;
import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Tensor;
import dev.jtensor.proptests.Params.Axis;
import dev.jtensor.proptests.Params.Ints;
import dev.jtensor.proptests.Params.MatMul;
import dev.jtensor.proptests.Params.None;
import dev.jtensor.proptests.Params.Running;
import dev.jtensor.proptests.Params.Split;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BinaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * 6. Forward laws: NumPy's broadcast rule, round trips of the shape ops, algebraic identities of
 * the elementwise ops, reductions composed from single-axis ones, and laws of softmax, cumulative
 * ops, floor division and linear algebra. Tries scale with {@code -Pdeep} as described in
 * {@link GradientProperties}.
 */
@AddLifecycleHook(ScaledTries.class)
class ForwardLawProperties {

    /** Shape pairs: mostly broadcast-compatible, some independent (usually incompatible). */
    @Provide
    Arbitrary<List<int[]>> shapePairs() {
        return Arbitraries.frequencyOf(Tuple.of(3, Shapes.broadcastable(2)), Tuple.of(1, Shapes.shape().list().ofSize(2)));
    }

    @Property(tries = 15000)
    void broadcastShapeFollowsNumpysRule(@ForAll("shapePairs") List<int[]> shapes) {
        Tensor a = ones(DType.FLOAT64, shapes.get(0)), b = ones(DType.FLOAT64, shapes.get(1));
        int[] expected = Shapes.numpyBroadcast(shapes.get(0), shapes.get(1));
        List<BinaryOperator<Tensor>> ops = List.of((x, y) -> add(x, y), (x, y) -> multiply(x, y),
                (x, y) -> maximum(x, y), (x, y) -> squaredDifference(x, y), (x, y) -> where(greater(x, y), x, y));
        for (BinaryOperator<Tensor> op : ops) {
            if (expected == null) {
                assertThrows(InvalidArgumentException.class, () -> op.apply(a, b));
            } else {
                assertArrayEquals(expected, op.apply(a, b).shape().toArray());
                assertArrayEquals(expected, op.apply(b, a).shape().toArray());
            }
        }
    }

    @Provide
    Arbitrary<Sample<Ints>> reshapes() {
        return Sample.of(Layouts.reshape(), Domain.ANY);
    }

    @Property(tries = 6000)
    void reshapeKeepsRowMajorOrderAndRoundTrips(@ForAll("reshapes") Sample<Ints> s) {
        Tensor y = reshape(s.x(), s.params().values());
        assertArrayEquals(s.x().toDoubleArray(), y.toDoubleArray());
        same(reshape(y, s.x().shape().toArray()), s.x(), 0);
    }

    @Provide
    Arbitrary<Sample<Ints>> transposes() {
        return Sample.of(Layouts.transpose(), Domain.ANY);
    }

    @Property(tries = 6000)
    void transposeRoundTrips(@ForAll("transposes") Sample<Ints> s) {
        int rank = s.x().rank();
        int[] perm = s.params().values().length == 0 ? reversed(rank) : s.params().values().clone();
        int[] inverse = new int[rank];
        for (int i = 0; i < rank; i++) {
            perm[i] = perm[i] < 0 ? perm[i] + rank : perm[i];
            inverse[perm[i]] = i;
        }
        Tensor y = transpose(s.x(), s.params().values());
        for (int i = 0; i < rank; i++) assertEquals(s.x().shape().get(perm[i]), y.shape().get(i), "axis " + i);
        same(transpose(y, inverse), s.x(), 0);
    }

    private static int[] reversed(int rank) {
        int[] p = new int[rank];
        for (int i = 0; i < rank; i++) p[i] = rank - 1 - i;
        return p;
    }

    @Provide
    Arbitrary<Sample<Axis>> stacks() {
        return Sample.of(Layouts.stack(3), Domain.ANY);
    }

    @Property(tries = 6000)
    void stackAndUnstackRoundTrip(@ForAll("stacks") Sample<Axis> s) {
        int axis = s.params().axis();
        Tensor stacked = stack(s.xs(), axis);
        List<Tensor> pieces = unstack(stacked, axis);
        assertEquals(3, pieces.size());
        for (int i = 0; i < 3; i++) same(pieces.get(i), s.xs().get(i), 0);
        same(stack(pieces, axis), stacked, 0);
    }

    @Provide
    Arbitrary<Sample<Split>> splits() {
        return Sample.of(Layouts.split(false), Domain.ANY);
    }

    @Property(tries = 6000)
    void splitAndConcatRoundTrip(@ForAll("splits") Sample<Split> s) {
        List<Tensor> pieces = split(s.x(), s.params().sizes(), s.params().axis());
        same(concat(pieces, s.params().axis()), s.x(), 0);
    }

    @Provide
    Arbitrary<Sample<None>> triples() {
        return Sample.of(Layouts.broadcast(3), Domain.ANY);
    }

    @Property(tries = 15000)
    void elementwiseAlgebra(@ForAll("triples") Sample<None> s) {
        Tensor a = s.xs().get(0), b = s.xs().get(1), c = s.xs().get(2);
        same(add(a, b), add(b, a), 0);
        same(multiply(a, b), multiply(b, a), 0);
        same(add(add(a, b), c), add(a, add(b, c)), 1e-14);
        same(multiply(multiply(a, b), c), multiply(a, multiply(b, c)), 1e-14);
        same(subtract(a, b), add(a, negative(b)), 0);
        same(maximum(a, b), negative(minimum(negative(a), negative(b))), 0);
        same(squaredDifference(a, b), square(subtract(a, b)), 0);
        same(clipByValue(a, b, c), minimum(maximum(a, b), c), 0);
        same(where(greater(a, b), a, b), maximum(a, b), 0);
    }

    @Provide
    Arbitrary<Sample<None>> positives() {
        return Sample.of(Layouts.same(1), Domain.POSITIVE);
    }

    @Property(tries = 6000)
    void inverseFunctionsCancel(@ForAll("positives") Sample<None> s) {
        Tensor x = s.x();
        same(exp(log(x)), x, 1e-14);
        same(log(exp(x)), x, 1e-14);
        same(square(sqrt(x)), x, 1e-14);
        same(multiply(rsqrt(x), sqrt(x)), onesLike(x), 1e-14);
        same(reciprocal(reciprocal(x)), x, 1e-14);
        same(log1p(expm1(x)), x, 1e-14);
        same(add(sigmoid(x), sigmoid(negative(x))), onesLike(x), 1e-14);
        same(tanh(x), subtract(multiply(sigmoid(multiply(x, 2.0)), 2.0), onesLike(x)), 1e-14);
        same(subtract(softplus(x), softplus(negative(x))), x, 1e-14);
        same(pow(x, 2.5), exp(multiply(log(x), 2.5)), 1e-13);
    }

    @Provide
    Arbitrary<Sample<Axis>> axes() {
        return Sample.of(Layouts.axisOf(1), Domain.ANY);
    }

    @Property(tries = 6000)
    void softmaxIsADistribution(@ForAll("axes") Sample<Axis> s) {
        Tensor x = s.x();
        int axis = s.params().axis();
        Tensor p = softmax(x, axis);
        Tensor sums = reduceSum(p, axis);
        if (sums.size() > 0 && x.shape().get(axis) > 0) {
            same(sums, onesLike(sums), 1e-14);
        }
        same(exp(logSoftmax(x, axis)), p, 1e-14);
        same(reduceLogSumExp(x, new int[] {axis}, false), log(reduceSum(exp(x), axis)), 1e-14);
    }

    @Provide
    Arbitrary<Sample<Ints>> permutedAxes() {
        return Sample.of(Shapes.shape().flatMap(s -> {
            List<Integer> order = new ArrayList<>();
            for (int d = 0; d < s.length; d++) order.add(d);
            return Arbitraries.shuffle(order).map(o -> new Layouts.Shaped<>(List.of(s),
                    new Ints(o.stream().mapToInt(Integer::intValue).toArray())));
        }), Domain.ANY);
    }

    /** Reducing all axes at once equals reducing them one at a time, in any order. */
    @Property(tries = 6000)
    void reductionsOverAllAxesEqualSuccessiveSingleAxisReductions(@ForAll("permutedAxes") Sample<Ints> s) {
        Tensor x = s.x();
        Tensor sum = x, prod = x, max = x, min = x;
        for (int axis : s.params().values()) {
            sum = reduceSum(sum, new int[] {axis}, true);
            prod = reduceProd(prod, new int[] {axis}, true);
            max = reduceMax(max, new int[] {axis}, true);
            min = reduceMin(min, new int[] {axis}, true);
        }
        same(reshape(sum), reduceSum(x), 1e-14);
        same(reshape(prod), reduceProd(x), 1e-14);
        same(reshape(max), reduceMax(x), 0);
        same(reshape(min), reduceMin(x), 0);
        if (x.size() > 0) {
            same(reduceMean(x), reduceSum(x).div(x.size()), 1e-15);
            Tensor variance = reduceVariance(x, null, false);
            same(variance, reduceMean(square(x)).sub(square(reduceMean(x))), 1e-12);
            same(square(reduceStd(x, null, false)), variance, 1e-14);
        }
    }

    @Provide
    Arbitrary<Sample<Running>> running() {
        return Sample.of(Layouts.cumulative(), Domain.ANY);
    }

    @Property(tries = 6000)
    void cumulativeOpsAgreeWithTheirVariants(@ForAll("running") Sample<Running> s) {
        Tensor x = s.x();
        int axis = s.params().axis();
        Tensor inclusive = cumsum(x, axis);
        same(cumsum(x, axis, true, false), inclusive.sub(x), 1e-14);
        same(cumsum(x, axis, false, true), flip(cumsum(flip(x, axis), axis), axis), 1e-14);
        same(multiply(cumprod(x, axis, true, false), x), cumprod(x, axis), 1e-14);
        if (x.shape().get(axis) > 0) {
            int last = x.shape().get(axis) - 1;
            same(split(inclusive, new int[] {last, 1}, axis).get(1), reduceSum(x, new int[] {axis}, true), 1e-14);
        }
    }

    /** {@code x} reversed along {@code axis}. */
    private static Tensor flip(Tensor x, int axis) {
        Index[] items = new Index[x.rank()];
        Arrays.fill(items, Index.all());
        items[axis < 0 ? axis + x.rank() : axis] = Index.step(-1);
        return x.get(items);
    }

    @Provide
    Arbitrary<Sample<None>> divisions() {
        return Sample.of(Layouts.broadcast(2), Domain.ANY, Domain.AWAY_FROM_ZERO);
    }

    @Property(tries = 6000)
    void floorDivAndFloorModRecomposeTheDividend(@ForAll("divisions") Sample<None> s) {
        Tensor a = s.xs().get(0), b = s.xs().get(1);
        Tensor mod = floorMod(a, b);
        same(add(multiply(floorDiv(a, b), b), mod), broadcastTo(a, mod.shape().toArray()), 1e-14);
        Tensor sameSign = logicalOr(equal(mod, zerosLike(mod)), equal(sign(mod), sign(broadcastTo(b, mod.shape().toArray()))));
        assertTrue(reduceAll(sameSign).booleanValue(), "floorMod takes the divisor's sign");
    }

    @Provide
    Arbitrary<Sample<MatMul>> products() {
        return Sample.of(Layouts.matmul(true), Domain.ANY);
    }

    @Property(tries = 6000)
    void matmulTransposesAgreeWithExplicitTransposes(@ForAll("products") Sample<MatMul> s) {
        Tensor a = s.xs().get(0), b = s.xs().get(1);
        boolean ta = s.params().transposeA(), tb = s.params().transposeB();
        Tensor product = matmul(a, b, ta, tb);
        same(product, matmul(ta ? matrixTranspose(a) : a, tb ? matrixTranspose(b) : b), 1e-14);
        same(matrixTranspose(product), matmul(b, a, !tb, !ta), 1e-14);
    }

    @Provide
    Arbitrary<Sample<None>> squareMatrices() {
        return Sample.of(Layouts.squareMatrices(), Domain.WELL_CONDITIONED);
    }

    @Property(tries = 6000)
    void inverseAndDeterminantLaws(@ForAll("squareMatrices") Sample<None> s) {
        Tensor a = s.x();
        int n = a.shape().get(-1);
        Tensor inverse = matrixInverse(a);
        same(matmul(inverse, a), broadcastTo(eye(n, n, DType.FLOAT64), a.shape().toArray()), 1e-12);
        same(matrixDeterminant(a).mul(matrixDeterminant(inverse)), onesLike(matrixDeterminant(a)), 1e-12);
        same(matrixDeterminant(matrixTranspose(a)), matrixDeterminant(a), 1e-12);
    }

    /** Same shape and values within {@code tolerance}, absolute and relative. */
    private static void same(Tensor actual, Tensor expected, double tolerance) {
        assertEquals(expected.shape(), actual.shape(), "shape");
        Numerics.assertClose("values", actual.toDoubleArray(), expected.toDoubleArray(), tolerance, tolerance);
    }
}
