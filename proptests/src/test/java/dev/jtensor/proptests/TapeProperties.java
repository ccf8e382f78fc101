package dev.jtensor.proptests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtensor.Shape;
import dev.jtensor.Tensor;
import dev.jtensor.Variable;
import dev.jtensor.autodiff.GradientChecker;
import dev.jtensor.autodiff.GradientTape;
import dev.jtensor.autodiff.UnconnectedGradients;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * The tape's bookkeeping over the catalogue: gradients of an input used several times add up,
 * variables get the gradients of the values read from them, {@code jacobian} agrees with
 * {@code gradient}, and the public {@link GradientChecker} accepts every spec. Tries scale with
 * {@code -Pdeep} as described in {@link GradientProperties}.
 */
@AddLifecycleHook(ScaledTries.class)
class TapeProperties {

    @Provide
    Arbitrary<Case> cases() {
        return GradientSpecs.allCases();
    }

    /** Specs of two or more inputs of one domain, drawn with equal shapes, so one tensor can be every input. */
    @Provide
    Arbitrary<Case> aliasable() {
        return GradientSpecs.cases(spec -> spec.arity() >= 2 && spec.domains().stream().distinct().count() == 1)
                .filter(c -> c.inputs().stream().allMatch(x -> x.shape().equals(c.inputs().get(0).shape())));
    }

    /** One tensor passed as every input gets the sum of the gradients the separate inputs get. */
    @Property(tries = 10000)
    void gradientsOfAnInputUsedSeveralTimesAddUp(@ForAll("aliasable") Case c) {
        Tensor x = c.inputs().get(0);
        Case aliased = c.with(Collections.nCopies(c.inputs().size(), x));
        Assume.that(aliased.admitted());
        Tensor g;
        try (GradientTape tape = new GradientTape(false, false)) {
            tape.watch(x);
            Tensor y = aliased.output();
            g = tape.gradient(y, List.of(x), Numerics.weightsLike(y, 0), UnconnectedGradients.ZERO).get(0);
        }
        List<Tensor> copies = new ArrayList<>();
        for (int j = 0; j < c.inputs().size(); j++) copies.add(Views.materialise(x));
        double[] expected = new double[x.size()];
        for (Tensor part : Numerics.gradients(c::apply, copies)) {
            double[] v = part.toDoubleArray();
            for (int i = 0; i < v.length; i++) expected[i] += v[i];
        }
        Numerics.assertClose("d/dx of the shared input", g.toDoubleArray(), expected, 1e-12, 1e-10);
    }

    /** Inputs held in trainable variables, watched automatically, get the gradients the tensors get. */
    @Property(tries = 10000)
    void variablesGetTheGradientsOfTheirValues(@ForAll("cases") Case c) {
        Assume.that(c.admitted());
        List<Variable> variables = new ArrayList<>();
        for (Tensor x : c.inputs()) variables.add(new Variable(x));
        List<Tensor> grads;
        try (GradientTape tape = new GradientTape()) {
            Tensor y = c.apply(variables.stream().map(Variable::readValue).toList());
            assertEquals(variables, tape.watchedVariables());
            grads = tape.gradient(y, variables, Numerics.weightsLike(y, 0), UnconnectedGradients.ZERO);
        }
        List<Tensor> expected = Numerics.gradients(c::apply, c.inputs());
        for (int j = 0; j < grads.size(); j++) {
            Numerics.assertClose("d/dv" + j, grads.get(j).toDoubleArray(), expected.get(j).toDoubleArray(), 0, 0);
        }
    }

    /** {@code w . jacobian(y, x)} equals the gradient of {@code w . y}. */
    @Property(tries = 10000)
    void jacobianAgreesWithTheGradient(@ForAll("cases") Case c) {
        Assume.that(c.admitted());
        List<Tensor> expected = Numerics.gradients(c::apply, c.inputs());
        try (GradientTape tape = new GradientTape(true, false)) {
            tape.watch(c.inputs());
            Tensor y = c.output();
            tape.stop();
            double[] w = Numerics.weights(y.size(), 0);
            for (int j = 0; j < c.inputs().size(); j++) {
                Tensor x = c.inputs().get(j), jacobian = tape.jacobian(y, x);
                double[] contracted = new double[x.size()];
                if (jacobian != null) {
                    int[] shape = new int[y.rank() + x.rank()];
                    System.arraycopy(y.shape().toArray(), 0, shape, 0, y.rank());
                    System.arraycopy(x.shape().toArray(), 0, shape, y.rank(), x.rank());
                    assertEquals(Shape.of(shape), jacobian.shape(), "jacobian shape");
                    double[] jv = jacobian.toDoubleArray();
                    for (int o = 0; o < y.size(); o++) {
                        for (int i = 0; i < x.size(); i++) contracted[i] += w[o] * jv[o * x.size() + i];
                    }
                }
                Numerics.assertClose("w . dy/dx" + j, contracted, expected.get(j).toDoubleArray(), 1e-12, 1e-10);
            }
        }
    }

    /** The public checker (full Jacobian against finite differences) passes every spec with its tolerances. */
    @Property(tries = 5000)
    void gradientCheckerAcceptsEverySpec(@ForAll("cases") Case c) {
        Assume.that(c.admitted() && !c.spec().zeroGradient());
        GradientSpec.Tolerance t = c.spec().tolerance();
        GradientChecker.Result r = GradientChecker.check(c::apply, c.inputs(), t.eps(), t.atol(), t.rtol());
        assertTrue(r.passed(), r.toString());
    }
}
