package dev.jtensor.proptests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtensor.TF;
import dev.jtensor.Tensor;
import dev.jtensor.graph.Gradients;
import dev.jtensor.graph.Graph;
import dev.jtensor.graph.Scope;
import dev.jtensor.graph.Session;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * Symbolic gradients agree with the tape's over the whole gradient catalogue: each case built in
 * a graph on placeholders of its inputs' shapes, differentiated with {@link Gradients#gradients}
 * (weighted by the same cotangent as {@link Numerics#gradients}) and run in a session, gives the
 * tape's gradients, to first and second order; an input the graph finds unconnected (null) has a
 * zero tape gradient. Both come from the same rules on the same values, so they agree to rounding.
 * Tries scale with {@code -Pdeep} as described in {@link GradientProperties}.
 */
@AddLifecycleHook(ScaledTries.class)
class GraphGradientProperties {

    /** Every spec, custom gradients (an identity op carrying the rule, in graphs) and device moves ({@code x.to(test:0)}) included. */
    @Provide
    Arbitrary<Case> cases() {
        return GradientSpecs.allCases();
    }

    /** The twice-differentiable specs, for the second order. */
    @Provide
    Arbitrary<Case> twiceDifferentiable() {
        return GradientSpecs.twiceDifferentiableCases();
    }

    @Property(tries = 1000)
    void graphGradientsAgreeWithTheTape(@ForAll("cases") Case c) {
        List<Tensor> expected = Numerics.gradients(c::apply, c.inputs());
        Graph g = new Graph();
        List<Tensor> placeholders = GraphCases.placeholders(g, c.inputs());
        List<Tensor> grads;
        try (Scope scope = g.asDefault()) {
            Tensor y = c.apply(placeholders);
            grads = Gradients.gradients(List.of(y), placeholders, List.of(Numerics.weightsLike(y, 0)));
        }
        agree(g, c, placeholders, grads, expected, 1e-12);
    }

    /**
     * Gradients of the graph's gradients (projected on fixed weights, as {@link Numerics#projectedGradient})
     * agree with the tape's second order.
     */
    @Property(tries = 500)
    void graphSecondOrderAgreesWithTheTape(@ForAll("twiceDifferentiable") Case c) {
        List<Tensor> expected = Numerics.gradients(xs -> Numerics.projectedGradient(c::apply, xs), c.inputs());
        Graph g = new Graph();
        List<Tensor> placeholders = GraphCases.placeholders(g, c.inputs());
        List<Tensor> second;
        try (Scope scope = g.asDefault()) {
            Tensor y = c.apply(placeholders);
            List<Tensor> first = Gradients.gradients(List.of(y), placeholders, List.of(Numerics.weightsLike(y, 0)));
            Tensor projected = TF.zeros(placeholders.getFirst().dtype());
            for (int j = 0; j < first.size(); j++) {
                Tensor gj = first.get(j);
                if (gj != null) projected = projected.add(TF.reduceSum(gj.mul(Numerics.weightsLike(gj, j + 1))));
            }
            // weighted as Numerics.gradients weighs the outer pass
            second = Gradients.gradients(List.of(projected), placeholders,
                    List.of(Numerics.weightsLike(projected, 0)));
        }
        agree(g, c, placeholders, second, expected, 1e-10);
    }

    /** The graph's gradients, run on the case's inputs, equal the tape's; null ones are zeros there. */
    private static void agree(Graph g, Case c, List<Tensor> placeholders, List<Tensor> grads, List<Tensor> expected,
                              double tolerance) {
        Map<Tensor, Tensor> feeds = GraphCases.feeds(placeholders, c.inputs());
        try (Session session = new Session(g)) {
            for (int i = 0; i < grads.size(); i++) {
                double[] tape = expected.get(i).toDoubleArray();
                if (grads.get(i) == null) {
                    for (double v : tape) assertEquals(0.0, v, 0.0, "input " + i + " is unconnected in the graph: " + c);
                    continue;
                }
                double[] graph = session.run(grads.get(i), feeds).toDoubleArray();
                assertEquals(tape.length, graph.length, "input " + i + ": " + c);
                for (int k = 0; k < tape.length; k++) {
                    assertTrue(Math.abs(tape[k] - graph[k]) <= tolerance * Math.max(1, Math.abs(tape[k])),
                            "input " + i + " element " + k + ": tape " + tape[k] + ", graph " + graph[k] + ": " + c);
                }
            }
        }
    }
}
