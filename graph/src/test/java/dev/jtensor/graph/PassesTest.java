package dev.jtensor.graph;

import static org.junit.jupiter.api.Assertions.*;

import dev.jtensor.DType;
import dev.jtensor.Shape;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import dev.jtensor.accel.BinaryOp;
import dev.jtensor.autodiff.GradientTape;
import dev.jtensor.accel.FusedProgram;
import dev.jtensor.accel.UnaryOp;
import dev.jtensor.ops.Dispatch;
import dev.jtensor.ops.FusedElementwise;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Each pass alone, on plans whose shape after the pass is known by hand, and the values of the
 * optimised run bit for bit those of the plain one.
 */
class PassesTest {

    private final Graph g = new Graph();

    private Plan plan(Set<GraphOptimization> passes, Tensor fetch, Tensor... fed) {
        return Planner.plan(new SessionVariables(g), List.of(fetch), List.of(), List.of(fed), passes);
    }

    private static List<String> types(Plan plan) {
        return plan.nodes().stream().map(n -> n.feed() >= 0 ? "fed" : n.primitive() == null ? "Const"
                : n.primitive().name()).toList();
    }

    @Test
    void constantFoldingComputesConstantSubtreesOnce() {
        Tensor x, y;
        try (Scope scope = g.asDefault()) {
            x = g.placeholder(DType.FLOAT32, Shape.of(3), "x");
            Tensor two = TF.constant(2f), three = TF.constant(3f);
            y = x.mul(two.add(three).mul(two));      // (2 + 3) * 2 = 10, a scalar broadcast to x
        }
        Plan folded = plan(EnumSet.of(GraphOptimization.CONSTANT_FOLDING), y, x);
        assertEquals(List.of("fed", "Const", "BroadcastTo", "Mul"), types(folded), folded.toString());
        assertEquals(10f, folded.nodes().get(1).constantValue().floatValue());
        assertSameRun(y, Map.of(x, TF.constant(new float[] {1, 2, 3})), new float[] {10, 20, 30});
    }

    @Test
    void commonSubexpressionsAreComputedOnce() {
        Tensor x, y, z;
        try (Scope scope = g.asDefault()) {
            x = g.placeholder(DType.FLOAT64, Shape.of(2), "x");
            y = g.placeholder(DType.FLOAT64, Shape.of(2), "y");
            z = x.mul(y).add(x.mul(y).exp());
        }
        Plan merged = plan(EnumSet.of(GraphOptimization.COMMON_SUBEXPRESSION_ELIMINATION), z, x, y);
        assertEquals(List.of("fed", "fed", "Mul", "Exp", "AddV2"), types(merged), merged.toString());
        assertSameRun(z, Map.of(x, TF.constant(new double[] {1, 2}), y, TF.constant(new double[] {0.5, -1})),
                new double[] {0.5 + Math.exp(0.5), -2 + Math.exp(-2)});
    }

    @Test
    void statefulNodesAreNeverMerged() {
        Tensor sum;
        try (Scope scope = g.asDefault()) {
            Tensor a = TF.randomUniform(new int[] {4}, 0, 1, DType.FLOAT32, null);
            Tensor b = TF.randomUniform(new int[] {4}, 0, 1, DType.FLOAT32, null);
            sum = a.sub(b);
        }
        Plan merged = plan(GraphOptimization.ALL, sum);
        assertEquals(2, types(merged).stream().filter(t -> t.equals("RandomUniform")).count(), merged.toString());
    }

    @Test
    void anElementwiseChainBecomesOneFusedNodeWithScalarConstantsInside() {
        Tensor x, y, z;
        try (Scope scope = g.asDefault()) {
            x = g.placeholder(DType.FLOAT32, Shape.of(2, 3), "x");
            y = g.placeholder(DType.FLOAT32, Shape.of(1, 3), "y");
            z = x.mul(y).exp().add(1f).neg();        // y broadcast as a view, 1 a program constant
        }
        Plan fused = plan(EnumSet.of(GraphOptimization.ELEMENTWISE_FUSION), z, x, y);
        assertEquals(List.of("fed", "fed", "BroadcastTo", "FusedElementwise"), types(fused), fused.toString());
        FusedElementwise f = (FusedElementwise) fused.nodes().getLast().primitive();
        assertEquals(new FusedProgram(2, List.of(new FusedProgram.Binary(BinaryOp.MULTIPLY, 0, 1),
                new FusedProgram.Unary(UnaryOp.EXP, 2), new FusedProgram.Constant(1),
                new FusedProgram.Binary(BinaryOp.ADD, 3, 4), new FusedProgram.Unary(UnaryOp.NEGATIVE, 5))), f.program());
        assertEquals("Neg", fused.nodes().getLast().name(), "the fused node computes the chain's last operation");
        float[][] xs = {{0.1f, -2, 3}, {0.5f, 0, -1}};
        float[] ys = {1.5f, 0.25f, -0.75f};
        float[] expected = new float[6];
        for (int i = 0; i < 6; i++) expected[i] = -((float) Math.exp(xs[i / 3][i % 3] * ys[i % 3]) + 1f);
        assertSameRun(z, Map.of(x, TF.constant(xs), y, TF.constant(new float[][] {ys})), expected);
    }

    @Test
    void aValueReadOutsideTheChainOrFetchedEndsAGroup() {
        Tensor x, shared, z;
        try (Scope scope = g.asDefault()) {
            x = g.placeholder(DType.FLOAT64, Shape.of(3), "x");
            shared = x.square();                               // read by the chain and by the reduction
            z = shared.add(x).tanh().add(TF.reduceSum(shared));
        }
        Plan fused = plan(EnumSet.of(GraphOptimization.ELEMENTWISE_FUSION), z, x);
        assertEquals(List.of("fed", "Square", "Sum", "BroadcastTo", "FusedElementwise"), types(fused),
                fused.toString());
        // fetching the chain's first op as well pins it: the same groups
        Plan fetched = Planner.plan(new SessionVariables(g), List.of(z, shared),
                List.of(), List.of(x), EnumSet.of(GraphOptimization.ELEMENTWISE_FUSION));
        assertEquals(fused.nodes().size(), fetched.nodes().size(), fetched.toString());
    }

    @Test
    void aValueTwoMembersReadJoinsTheGroupOnceBothHave() {
        Tensor x, z;
        try (Scope scope = g.asDefault()) {
            x = g.placeholder(DType.FLOAT64, Shape.of(5), "x");
            Tensor shared = x.neg();                          // read by exp and by tanh: a diamond
            z = shared.exp().add(shared.tanh());
        }
        Plan fused = plan(EnumSet.of(GraphOptimization.ELEMENTWISE_FUSION), z, x);
        assertEquals(List.of("fed", "FusedElementwise"), types(fused), fused.toString());
        double[] xs = {-1.5, -0.2, 0, 0.7, 3};
        double[] expected = new double[5];
        for (int i = 0; i < 5; i++) expected[i] = Math.exp(-xs[i]) + Math.tanh(-xs[i]);
        assertSameRun(z, Map.of(x, TF.constant(xs)), expected);
    }

    @Test
    void intsAndComparisonsAreNotFused() {
        Tensor x, z;
        try (Scope scope = g.asDefault()) {
            x = g.placeholder(DType.INT32, Shape.of(3), "x");
            z = x.mul(x).add(x);
        }
        assertEquals(List.of("fed", "Mul", "AddV2"), types(plan(GraphOptimization.ALL, z, x)));
    }

    @Test
    void theGradientOfAFusedNodeIsTheTapesOverItsOps() {
        Tensor pa, pb, z;
        try (Scope scope = g.asDefault()) {
            pa = g.placeholder(DType.FLOAT64, Shape.of(3), "a");
            pb = g.placeholder(DType.FLOAT64, Shape.of(3), "b");
            z = TF.sin(pa.mul(pb)).add(pa.div(pb)).square();
        }
        Plan fused = plan(EnumSet.of(GraphOptimization.ELEMENTWISE_FUSION), z, pa, pb);
        var primitive = (FusedElementwise) fused.nodes().getLast().primitive();
        Tensor a = TF.constant(new double[] {0.3, -1.2, 2}), b = TF.constant(new double[] {1.5, 0.7, -0.4});
        List<Tensor> viaFused, eager;
        try (GradientTape tape = new GradientTape()) {
            tape.watch(a, b);
            viaFused = tape.gradient(Dispatch.apply(primitive, a, b), List.of(a, b));
        }
        try (GradientTape tape = new GradientTape()) {
            tape.watch(a, b);
            eager = tape.gradient(TF.sin(a.mul(b)).add(a.div(b)).square(), List.of(a, b));
        }
        for (int i = 0; i < 2; i++) {
            assertArrayEquals(eager.get(i).toDoubleArray(), viaFused.get(i).toDoubleArray(), 1e-12, "input " + i);
        }
    }

    /** The run with every pass gives exactly the plain run's values, which are {@code expected}. */
    private void assertSameRun(Tensor fetch, Map<Tensor, Tensor> feeds, Object expected) {
        try (Session plain = new Session(g, GraphOptimization.NONE); Session optimised = new Session(g)) {
            Tensor p = plain.run(fetch, feeds), o = optimised.run(fetch, feeds);
            if (expected instanceof float[] f) {
                assertArrayEquals(f, p.toFloatArray(), 1e-6f);
                assertArrayEquals(p.toFloatArray(), o.toFloatArray(), 0f);
            } else {
                assertArrayEquals((double[]) expected, p.toDoubleArray(), 1e-12);
                assertArrayEquals(p.toDoubleArray(), o.toDoubleArray(), 0);
            }
        }
    }
}
