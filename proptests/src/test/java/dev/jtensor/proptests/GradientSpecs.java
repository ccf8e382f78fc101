package dev.jtensor.proptests;

import dev.jtensor.TF;
import dev.jtensor.Tensor;
import dev.jtensor.proptests.Params.None;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * The catalogue: one {@link GradientSpec} per differentiable primitive and per public
 * differentiable op of {@link TF} and {@link dev.jtensor.Operand} (each overload its own entry),
 * gathered from {@link ElementwiseSpecs}, {@link ReductionSpecs}, {@link ShapeSpecs} and
 * {@link LinalgSpecs} and {@link ConvolutionSpecs}. {@link CatalogueCompletenessTest} fails when an op has neither a spec here
 * nor an entry in its short list of ops that are not differentiable.
 */
final class GradientSpecs {

    private static final List<GradientSpec<?>> ALL = build();

    private GradientSpecs() {
    }

    private static List<GradientSpec<?>> build() {
        List<GradientSpec<?>> all = new ArrayList<>();
        all.addAll(ElementwiseSpecs.all());
        all.addAll(FluentSpecs.all());
        all.addAll(ReductionSpecs.all());
        all.addAll(ShapeSpecs.all());
        all.addAll(LinalgSpecs.all());
        all.addAll(ConvolutionSpecs.all());
        return List.copyOf(all);
    }

    /** Every spec. */
    static List<GradientSpec<?>> all() {
        return ALL;
    }

    /**
     * Cases of a random spec among those that pass {@code filter}, each spec equally likely. Shrinking
     * keeps the spec (and shrinks its shapes and values), so a counterexample is about the op that failed.
     */
    static Arbitrary<Case> cases(Predicate<GradientSpec<?>> filter) {
        List<GradientSpec<?>> chosen = ALL.stream().filter(filter).toList();
        return Arbitraries.of(chosen).dontShrink().flatMap(GradientSpec::cases);
    }

    /** Cases of every spec. */
    static Arbitrary<Case> allCases() {
        return cases(spec -> true);
    }

    /** Cases of the specs whose gradients have a nonzero gradient of their own (for second orders). */
    static Arbitrary<Case> twiceDifferentiableCases() {
        return cases(spec -> spec.twiceDifferentiable() && !spec.zeroGradient());
    }

    // ------------------------------------------------------------------ helpers for the catalogue

    /** An elementwise function of one input of any shape. */
    static GradientSpec<None> unary(String name, Domain domain, UnaryOperator<Tensor> f) {
        return GradientSpec.of(name, Layouts.same(1), (xs, p) -> f.apply(xs.get(0)), domain);
    }

    /** An elementwise function of two inputs with broadcast-compatible shapes. */
    static GradientSpec<None> binary(String name, Domain a, Domain b, BinaryOperator<Tensor> f) {
        return GradientSpec.of(name, Layouts.broadcast(2), (xs, p) -> f.apply(xs.get(0), xs.get(1)), a, b)
                .broadcasting();
    }

    /** Inputs {@code i} and {@code j} differ by at least 1e-3 everywhere (after broadcasting): no ties. */
    static Predicate<List<Tensor>> apart(int i, int j) {
        return xs -> minAbs(xs.get(i).sub(xs.get(j))) >= 1e-3;
    }

    /** Input {@code i} is at least 1e-3 from {@code c} everywhere. */
    static Predicate<List<Tensor>> awayFrom(int i, double c) {
        return xs -> minAbs(xs.get(i).sub(c)) >= 1e-3;
    }

    /** {@code x_i / x_j} is at least 1e-3 from an integer everywhere: away from the jumps of floorDiv/floorMod. */
    static Predicate<List<Tensor>> quotientAwayFromIntegers(int i, int j) {
        return xs -> {
            Tensor q = xs.get(i).div(xs.get(j));
            return minAbs(q.sub(TF.round(q))) >= 1e-3;
        };
    }

    private static double minAbs(Tensor t) {
        return t.size() == 0 ? Double.POSITIVE_INFINITY : TF.abs(t).reduceMin().doubleValue();
    }
}
