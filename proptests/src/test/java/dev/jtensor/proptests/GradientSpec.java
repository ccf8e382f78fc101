package dev.jtensor.proptests;

import dev.jtensor.DType;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import dev.jtensor.proptests.Layouts.Shaped;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * One entry of the gradient catalogue: an op (or a composite) as a function of float tensors,
 * the shapes and parameters it accepts, and where its inputs' values may lie. The properties
 * draw {@link Case}s from it.
 *
 * @param name                a readable name, e.g. {@code "reduceMax(x, axes, keepDims)"}
 * @param domains             the value domain of each input; their number is the arity
 * @param layout              the shape constraints: input shapes and op parameters that go together
 * @param function            the op applied to the inputs and the parameters
 * @param broadcastable       whether inputs may have different, broadcast-compatible shapes
 * @param twiceDifferentiable whether the second-order property applies
 * @param zeroGradient        whether the gradient is zero by definition (stopGradient) or almost
 *                            everywhere (floor): checked against zero rather than finite differences
 * @param tolerance           finite-difference step and tolerances
 * @param admits              a joint condition on the inputs that domains cannot express, such as
 *                            "no near-ties between a and b" for maximum; cases failing it are discarded
 */
record GradientSpec<P>(String name, List<Domain> domains, Arbitrary<Shaped<P>> layout,
                       BiFunction<List<Tensor>, P, Tensor> function, boolean broadcastable,
                       boolean twiceDifferentiable, boolean zeroGradient, Tolerance tolerance,
                       Predicate<List<Tensor>> admits) {

    /**
     * Central-difference step and the allowed error {@code atol + rtol * |expected|} in float64; and
     * {@code float32}, the allowed error of float32 relative to the largest float64 value.
     */
    record Tolerance(double eps, double atol, double rtol, double float32) {
        static final Tolerance DEFAULT = new Tolerance(1e-6, 1e-6, 1e-5, 2e-4);
    }

    /** A spec with default flags: not broadcastable, twice differentiable, default tolerances. */
    static <P> GradientSpec<P> of(String name, Arbitrary<Shaped<P>> layout, BiFunction<List<Tensor>, P, Tensor> f,
                                  Domain... domains) {
        return new GradientSpec<>(name, List.of(domains), layout, f, false, true, false, Tolerance.DEFAULT, xs -> true);
    }

    /** The number of tensor inputs. */
    int arity() {
        return domains.size();
    }

    /** Marks the inputs as broadcastable against each other. */
    GradientSpec<P> broadcasting() {
        return new GradientSpec<>(name, domains, layout, function, true, twiceDifferentiable, zeroGradient, tolerance,
                admits);
    }

    /** Leaves the spec out of the second-order property. */
    GradientSpec<P> firstOrderOnly() {
        return new GradientSpec<>(name, domains, layout, function, broadcastable, false, zeroGradient, tolerance,
                admits);
    }

    /** Expects a zero (or absent) gradient instead of finite differences. */
    GradientSpec<P> withZeroGradient() {
        return new GradientSpec<>(name, domains, layout, function, broadcastable, twiceDifferentiable, true, tolerance,
                admits);
    }

    /** Uses other tolerances. */
    GradientSpec<P> within(Tolerance t) {
        return new GradientSpec<>(name, domains, layout, function, broadcastable, twiceDifferentiable, zeroGradient, t,
                admits);
    }

    /** Discards cases whose inputs fail {@code condition}. */
    GradientSpec<P> admitting(Predicate<List<Tensor>> condition) {
        return new GradientSpec<>(name, domains, layout, function, broadcastable, twiceDifferentiable, zeroGradient,
                tolerance, condition);
    }

    /** Random cases: a layout, then values for each input from its domain, as float64 tensors. */
    Arbitrary<Case> cases() {
        return layout.flatMap(shaped -> {
            List<int[]> shapes = shaped.shapes();
            if (shapes.size() != arity()) {
                throw new IllegalStateException(name + ": layout gives " + shapes.size() + " shapes for "
                        + arity() + " domains");
            }
            return Combinators.combine(IntStream.range(0, arity())
                            .mapToObj(i -> domains.get(i).values(shapes.get(i))).toList())
                    .as(values -> {
                        List<Tensor> inputs = new ArrayList<>();
                        for (int i = 0; i < arity(); i++) {
                            inputs.add(TF.constant(values.get(i), DType.FLOAT64, shapes.get(i)));
                        }
                        return new Case(this, shaped.params(), List.copyOf(inputs),
                                xs -> function.apply(xs, shaped.params()));
                    });
        });
    }

    @Override
    public String toString() {
        return name;
    }
}
