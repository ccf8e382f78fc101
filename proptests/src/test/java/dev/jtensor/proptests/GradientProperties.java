package dev.jtensor.proptests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtensor.DType;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import dev.jtensor.autodiff.GradientTape;
import dev.jtensor.autodiff.UnconnectedGradients;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * Property-based gradient tests over the whole catalogue ({@link GradientSpecs}): for random
 * specs, shapes, parameters and values, the tape's gradients agree with float64 central finite
 * differences, to first and second order, and sources a result does not depend on get no gradient.
 * {@link GradientLayoutProperties} adds broadcasting, strided views and float32;
 * {@link TapeProperties} repeated inputs, variables, jacobians and the public checker;
 * {@link TieProperties} the conventions at ties; {@link ForwardLawProperties} the forward laws;
 * {@link CatalogueCompletenessTest} keeps the catalogue complete.
 *
 * <p><b>Running.</b> The default run uses the tries given on each property, tuned so that the
 * module's tests take well under a minute on a 2-core machine (about 40 s):
 * <pre>
 * ./mvnw -pl proptests -am test
 * </pre>
 * A deep pass multiplies every property's tries by ten (about six minutes), or by any factor:
 * <pre>
 * ./mvnw -pl proptests -am test -Pdeep
 * ./mvnw -pl proptests -am test -Djtensor.proptests.scale=50
 * </pre>
 * One class or property alone: add {@code -Dtest=GradientProperties#tapeGradientsMatchFiniteDifferences
 * -Dsurefire.failIfNoSpecifiedTests=false}; jqwik's statistics: {@code -Djqwik.reporting.onlyfailures=false}.
 *
 * <p>A failure prints jqwik's seed and the shrunk counterexample (shrinking keeps the spec): the spec,
 * its parameters and each input's dtype, shape and exact values, and the worst element's tape and
 * expected values. jqwik replays the failing sample first on the next run; to pin it, put the seed
 * in the property, {@code @Property(seed = "...")}.
 */
@AddLifecycleHook(ScaledTries.class)
class GradientProperties {

    @Provide
    Arbitrary<Case> cases() {
        return GradientSpecs.allCases();
    }

    @Provide
    Arbitrary<Case> twiceDifferentiable() {
        return GradientSpecs.twiceDifferentiableCases();
    }

    /** 1. The gradient of {@code sum(w * f(x))} equals its central differences, element by element. */
    @Property(tries = 100000)
    void tapeGradientsMatchFiniteDifferences(@ForAll("cases") Case c) {
        Assume.that(c.admitted());
        List<Tensor> grads = Numerics.gradients(c::apply, c.inputs());
        for (int j = 0; j < c.inputs().size(); j++) {
            Tensor x = c.inputs().get(j), g = grads.get(j);
            assertEquals(x.shape(), g.shape(), "gradient " + j + " shape");
            assertEquals(x.dtype(), g.dtype(), "gradient " + j + " dtype");
        }
        GradientSpec.Tolerance t = c.spec().tolerance();
        if (c.spec().zeroGradient()) {
            for (int j = 0; j < grads.size(); j++) {
                assertTrue(Numerics.allZero(grads.get(j)), "gradient " + j + " should be zero: " + Case.show(grads.get(j)));
            }
            return;
        }
        List<double[]> numeric = Numerics.finiteDifferences(c::apply, c.inputs(), t.eps());
        for (int j = 0; j < grads.size(); j++) {
            Numerics.assertClose("d/dx" + j, grads.get(j).toDoubleArray(), numeric.get(j), t.atol(), t.rtol());
        }
    }

    /**
     * 2. Second order: differentiating the first gradient (taken by an inner tape, projected on fixed
     * weights) with an outer tape equals the central differences of that projection.
     */
    @Property(tries = 30000)
    void secondOrderMatchesFiniteDifferencesOfTheFirst(@ForAll("twiceDifferentiable") Case c) {
        Assume.that(c.admitted());
        List<Tensor> second = Numerics.gradients(xs -> Numerics.projectedGradient(c::apply, xs), c.inputs());
        GradientSpec.Tolerance t = c.spec().tolerance();
        List<double[]> numeric = Numerics.finiteDifferencesOf(
                xs -> Numerics.weighted(Numerics.projectedGradient(c::apply, xs), 0), c.inputs(), t.eps());
        for (int j = 0; j < second.size(); j++) {
            assertEquals(c.inputs().get(j).shape(), second.get(j).shape(), "second-order gradient " + j + " shape");
            Numerics.assertClose("d/dx" + j + " <v, dL/dx>", second.get(j).toDoubleArray(), numeric.get(j),
                    10 * t.atol(), 10 * t.rtol());
        }
    }

    /**
     * 2b. The same second derivatives through persistent tapes, asking the inner tape for one
     * source at a time (twice) and the outer tape for one source at a time.
     */
    @Property(tries = 10000)
    void persistentTapesGiveTheSameSecondOrder(@ForAll("twiceDifferentiable") Case c) {
        Assume.that(c.admitted());
        List<Tensor> xs = c.inputs();
        List<Tensor> expected = Numerics.gradients(args -> Numerics.projectedGradient(c::apply, args), xs);
        try (GradientTape outer = new GradientTape(true, false)) {
            outer.watch(xs);
            Tensor y;
            GradientTape inner = new GradientTape(true, false);
            try (inner) {
                inner.watch(xs);
                y = c.apply(xs);
            }
            Tensor w = Numerics.weightsLike(y, 0);
            Tensor s = TF.zeros(xs.get(0).dtype());
            for (int j = 0; j < xs.size(); j++) {
                Tensor g = inner.gradient(y, List.of(xs.get(j)), w, UnconnectedGradients.ZERO).get(0);
                Tensor again = inner.gradient(y, List.of(xs.get(j)), w, UnconnectedGradients.ZERO).get(0);
                assertArrayEquals(g.toDoubleArray(), again.toDoubleArray(), "a persistent tape answers twice alike");
                s = s.add(TF.reduceSum(g.mul(Numerics.weightsLike(g, j + 1))));
            }
            outer.stop();
            Tensor ws = Numerics.weightsLike(s, 0);
            for (int j = 0; j < xs.size(); j++) {
                Tensor g = outer.gradient(s, List.of(xs.get(j)), ws, UnconnectedGradients.ZERO).get(0);
                Numerics.assertClose("persistent d/dx" + j, g.toDoubleArray(), expected.get(j).toDoubleArray(),
                        1e-12, 1e-10);
            }
        }
    }

    /**
     * 7. A watched source the result does not use gets null, or zeros of its shape and dtype when
     * {@link UnconnectedGradients#ZERO} is asked; an integer source always gets null. Inputs of a
     * zero-gradient spec get null or zeros.
     */
    @Property(tries = 5000)
    void unusedSourcesGetNullOrZeros(@ForAll("cases") Case c, @ForAll("shapes") int[] unusedShape,
                                     @ForAll boolean float32) {
        Assume.that(c.admitted());
        Tensor unused = TF.zeros(float32 ? DType.FLOAT32 : DType.FLOAT64, unusedShape);
        List<Tensor> sources = new ArrayList<>(c.inputs());
        sources.add(TF.zeros(DType.INT32, unusedShape));
        sources.add(unused);
        for (UnconnectedGradients mode : UnconnectedGradients.values()) {
            try (GradientTape tape = new GradientTape(false, false)) {
                tape.watch(sources);
                Tensor y = c.output();
                List<Tensor> grads = tape.gradient(y, sources, null, mode);
                assertNull(grads.get(sources.size() - 2), "gradient of an integer source");
                Tensor g = grads.get(sources.size() - 1);
                for (int j = 0; j < c.inputs().size() && c.spec().zeroGradient(); j++) {
                    Tensor used = grads.get(j);
                    assertTrue(used == null || Numerics.allZero(used), "zero gradient: " + Case.show(used));
                }
                if (mode == UnconnectedGradients.NONE) {
                    assertNull(g, "gradient of an unused source");
                } else {
                    assertEquals(unused.shape(), g.shape());
                    assertEquals(unused.dtype(), g.dtype());
                    assertTrue(Numerics.allZero(g), "zeros for an unused source: " + Case.show(g));
                }
            }
        }
    }

    @Provide
    Arbitrary<int[]> shapes() {
        return Shapes.shape();
    }
}
