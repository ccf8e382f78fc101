package dev.jtensor.proptests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Tensor;
import dev.jtensor.graph.Graph;
import dev.jtensor.graph.Scope;
import dev.jtensor.graph.Session;
import dev.jtensor.graph.TracedFunction;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * Graph mode computes what eager mode computes, bit for bit, over the whole gradient catalogue
 * (in float64 and in float32): each case built in a graph on placeholders and run in a session,
 * with the placeholders' shapes known or with every dimension unknown, and each case as a
 * {@link TracedFunction}, whose gradient under an outer tape is also the eager tape's, bit for bit.
 * The same primitives run on the same values with the same kernels, so no rounding may differ.
 * (Symbolic gradients against the tape: {@link GraphGradientProperties}; passes: {@link GraphPassProperties}.)
 * Tries scale with {@code -Pdeep} as described in {@link GradientProperties}.
 */
@AddLifecycleHook(ScaledTries.class)
class GraphForwardProperties {

    /** Every spec, custom gradients and device moves included. */
    @Provide
    Arbitrary<Case> cases() {
        return GradientSpecs.allCases();
    }

    @Property(tries = 1000)
    void aGraphOnPlaceholdersOfKnownShapeGivesTheEagerValues(@ForAll("cases") Case c, @ForAll boolean float32) {
        Case x = inDtype(c, float32);
        Bitwise.assertSameBits("graph with known shapes: " + x, x.output(), runInGraph(x, false));
    }

    /**
     * Every primitive's shape rule accepts unknown dimensions ({@link PartialShapeProperties}), so a
     * case builds on placeholders that know only their rank, and its run-time shapes give the eager
     * values; except where it is not valid, which is listed: {@link UnknownDimensionLimits}.
     */
    @Property(tries = 1000)
    void aGraphOnPlaceholdersOfUnknownDimensionsGivesTheEagerValues(@ForAll("cases") Case c, @ForAll boolean float32) {
        Case x = inDtype(c, float32);
        Assume.that(UnknownDimensionLimits.knownGap(x).isEmpty());
        Tensor graph;
        try {
            graph = runInGraph(x, true);
        } catch (InvalidArgumentException e) {
            Assume.that(!UnknownDimensionLimits.rejectedByDesign(e));
            throw e;
        }
        Bitwise.assertSameBits("graph with unknown dimensions: " + x, x.output(), graph);
    }

    /** A traced function of the case gives the eager values at its first call (tracing) and its second (the cached trace). */
    @Property(tries = 500)
    void aTracedFunctionGivesTheEagerValues(@ForAll("cases") Case c, @ForAll boolean float32) {
        Case x = inDtype(c, float32);
        Tensor eager = x.output();
        TracedFunction f = traced(x);
        Tensor[] inputs = x.inputs().toArray(Tensor[]::new);
        Bitwise.assertSameBits("traced function, first call: " + x, eager, f.call(inputs));
        Bitwise.assertSameBits("traced function, second call: " + x, eager, f.call(inputs));
        assertEquals(1, f.tracingCount(), "one signature, one trace: " + x);
    }

    /** The tape's gradient through a traced function's call op is the tape's gradient of the eager op. */
    @Property(tries = 500)
    void aTracedFunctionsTapeGradientIsTheEagerTapesGradient(@ForAll("cases") Case c, @ForAll boolean float32) {
        Case x = inDtype(c, float32);
        List<Tensor> eager = Numerics.gradients(x::apply, x.inputs());
        TracedFunction f = traced(x);
        List<Tensor> throughCall = Numerics.gradients(xs -> f.call(xs.toArray(Tensor[]::new)), x.inputs());
        assertEquals(eager.size(), throughCall.size());
        for (int i = 0; i < eager.size(); i++) {
            Bitwise.assertSameBits("gradient " + i + " through the call op: " + x, eager.get(i), throughCall.get(i));
        }
    }

    private static Case inDtype(Case c, boolean float32) {
        return float32 ? c.with(c.float32Inputs()) : c;
    }

    private static TracedFunction traced(Case c) {
        return TracedFunction.ofList(c.inputs().size(), c::apply);
    }

    /** The case built on placeholders and run in a session without passes, fed the case's inputs. */
    private static Tensor runInGraph(Case c, boolean unknownDimensions) {
        Graph g = new Graph();
        List<Tensor> placeholders = GraphCases.placeholders(g, c.inputs(), unknownDimensions);
        Tensor y;
        try (Scope scope = g.asDefault()) {
            y = c.apply(placeholders);
        }
        assertTrue(y.isSymbolic() || placeholders.isEmpty(), "built a value instead of a graph: " + c);
        try (Session session = new Session(g)) {
            return session.run(y, GraphCases.feeds(placeholders, c.inputs()));
        }
    }
}
