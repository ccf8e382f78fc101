package dev.jtensor.proptests;

import static org.junit.jupiter.api.Assertions.*;

import dev.jtensor.DType;
import dev.jtensor.Shape;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import dev.jtensor.Variable;
import dev.jtensor.ops.ApplyGradientDescent;
import dev.jtensor.ops.AssignVariable;
import dev.jtensor.ops.Dispatch;
import dev.jtensor.ops.Fill;
import dev.jtensor.ops.OpHook;
import dev.jtensor.ops.Primitive;
import dev.jtensor.ops.Distribution;
import dev.jtensor.ops.RandomDraw;
import dev.jtensor.ops.ReadVariable;
import dev.jtensor.ops.ShapeOf;
import dev.jtensor.ops.TensorSpec;
import dev.jtensor.ops.VariableHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntPredicate;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * Shape rules with unknown dimensions agree with the concrete ones: for every primitive the
 * gradient catalogue dispatches (observed with an {@link OpHook}), inferring its output from input
 * specs with some or all dimensions made unknown must not fail, and must give a shape the concrete
 * output is compatible with. A rule may only reject what no run-time shape could make valid.
 */
@AddLifecycleHook(ScaledTries.class)
class PartialShapeProperties {

    /** One dispatch: the primitive, its input specs and its (concrete) output spec. */
    private record Applied(Primitive primitive, TensorSpec[] inputs, TensorSpec output) {
    }

    @Provide
    Arbitrary<Case> cases() {
        return GradientSpecs.allCases();
    }

    @Property(tries = 400)
    void rulesAcceptUnknownDimensionsAndAgreeWithTheConcreteShape(@ForAll("cases") Case c, @ForAll Random random) {
        for (Applied a : dispatched(c)) {
            check(a, partly(a.inputs(), d -> random.nextBoolean()), "some dimensions unknown");
            check(a, partly(a.inputs(), d -> true), "every dimension unknown");
        }
    }

    @Example
    void statefulAndZeroInputRulesAcceptUnknownDimensions() {
        VariableHandle v = Variable.of(TF.zeros(DType.FLOAT32, 4, 3)).handle();
        TensorSpec value = spec(DType.FLOAT32, Shape.UNKNOWN, 3), alpha = spec(DType.FLOAT32);
        TensorSpec shaped = spec(DType.FLOAT32, 4, 3);
        assertEquals(shaped, new ReadVariable(v).infer());
        assertEquals(shaped, new AssignVariable(v, AssignVariable.Mode.ASSIGN).infer(value));
        assertEquals(shaped, new AssignVariable(v, AssignVariable.Mode.SUB).infer(spec(DType.FLOAT32, Shape.UNKNOWN, Shape.UNKNOWN)));
        assertEquals(shaped, new ApplyGradientDescent(v).infer(alpha, value));
        assertThrows(RuntimeException.class, () -> new AssignVariable(v, AssignVariable.Mode.ASSIGN)
                .infer(spec(DType.FLOAT32, Shape.UNKNOWN, 4)));   // a known mismatch still fails
        assertEquals(spec(DType.INT32, 3), new ShapeOf().infer(spec(DType.FLOAT32, Shape.UNKNOWN, 2, Shape.UNKNOWN)));
        assertEquals(spec(DType.FLOAT32, 2), new RandomDraw(Distribution.NORMAL, Shape.of(2), DType.FLOAT32,
                0, 1, null).infer());
        assertEquals(spec(DType.FLOAT32, 2, 3), new Fill(Shape.of(2, 3)).infer(alpha));
    }

    /** What running {@code c} dispatched, in order (nothing for a case that is the identity, such as a broadcast to its own shape). */
    private static List<Applied> dispatched(Case c) {
        List<Applied> applied = new ArrayList<>();
        OpHook hook = new OpHook() {
            @Override
            public void recorded(Primitive primitive, Tensor[] inputs, Tensor output) {
                TensorSpec[] specs = new TensorSpec[inputs.length];
                for (int i = 0; i < inputs.length; i++) specs[i] = TensorSpec.of(inputs[i]);
                applied.add(new Applied(primitive, specs, TensorSpec.of(output)));
            }
        };
        try (var _ = Dispatch.push(hook)) {
            c.output();
        }
        return applied;
    }

    private static void check(Applied a, TensorSpec[] partial, String what) {
        TensorSpec inferred;
        try {
            inferred = a.primitive().infer(partial);
        } catch (RuntimeException e) {
            throw new AssertionError(a.primitive() + " rejects " + List.of(partial) + " (" + what + "), which ran as "
                    + List.of(a.inputs()) + ": " + e.getMessage(), e);
        }
        assertEquals(a.output().dtype(), inferred.dtype(), a.primitive() + " dtype");
        assertTrue(a.output().shape().isCompatibleWith(inferred.shape()), a.primitive() + " on " + List.of(partial)
                + " (" + what + ") infers " + inferred + ", but ran to " + a.output() + " on " + List.of(a.inputs()));
    }

    /** The specs with the dimensions {@code unknown} picks (called once per dimension) made unknown. */
    private static TensorSpec[] partly(TensorSpec[] specs, IntPredicate unknown) {
        TensorSpec[] out = new TensorSpec[specs.length];
        for (int i = 0; i < specs.length; i++) {
            int[] dims = specs[i].shape().toArray();
            for (int d = 0; d < dims.length; d++) {
                if (unknown.test(d)) dims[d] = Shape.UNKNOWN;
            }
            out[i] = new TensorSpec(specs[i].dtype(), Shape.of(dims));
        }
        return out;
    }

    private static TensorSpec spec(DType dtype, int... dims) {
        return new TensorSpec(dtype, Shape.of(dims));
    }
}
