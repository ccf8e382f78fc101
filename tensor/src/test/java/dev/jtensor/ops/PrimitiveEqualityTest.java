package dev.jtensor.ops;

import static org.junit.jupiter.api.Assertions.*;

import dev.jtensor.DType;
import dev.jtensor.Shape;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import dev.jtensor.Variable;
import dev.jtensor.accel.Backends;
import dev.jtensor.accel.BinaryOp;
import dev.jtensor.accel.FusedProgram;
import dev.jtensor.accel.ReduceOp;
import dev.jtensor.accel.UnaryOp;
import dev.jtensor.accel.UpdateRule;
import dev.jtensor.ops.Distribution;
import dev.jtensor.testkit.TestBackend;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Primitives are values: two independently built records with equal parameters are equal (a graph
 * merges them, a cache finds them), and a record differing in one parameter is not. Variable
 * handles and call bodies compare by identity, so ops on two variables stay two ops.
 */
class PrimitiveEqualityTest {

    private static final VariableHandle V = handle("v"), W = handle("w");
    private static final CallBody BODY = body(), OTHER_BODY = body();

    /** A factory that builds a fresh instance (fresh arrays) each call, and instances each differing in one parameter. */
    private record Sample(Supplier<Primitive> make, List<Primitive> different) {
    }

    private static final Map<Class<?>, Sample> SAMPLES = new HashMap<>();

    private static void sample(Supplier<Primitive> make, Primitive... different) {
        SAMPLES.put(make.get().getClass(), new Sample(make, List.of(different)));
    }

    static {
        sample(() -> new Unary(UnaryOp.EXP), new Unary(UnaryOp.LOG));
        sample(() -> new Binary(BinaryOp.ADD), new Binary(BinaryOp.MULTIPLY));
        sample(Select::new);
        sample(() -> new Reduce(ReduceOp.SUM, new int[] {0, 2}, false), new Reduce(ReduceOp.MAX, new int[] {0, 2}, false),
                new Reduce(ReduceOp.SUM, new int[] {0, 1}, false), new Reduce(ReduceOp.SUM, new int[] {0, 2}, true));
        sample(() -> new ArgReduce(true, 1), new ArgReduce(false, 1), new ArgReduce(true, 0));
        sample(() -> new Cumulative(false, 1, true, false), new Cumulative(true, 1, true, false),
                new Cumulative(false, 0, true, false), new Cumulative(false, 1, false, false),
                new Cumulative(false, 1, true, true));
        sample(() -> new MatMul(true, false), new MatMul(false, false), new MatMul(true, true));
        sample(() -> new Reshape(Shape.of(2, -1)), new Reshape(Shape.of(2, 3)));
        sample(() -> new Transpose(new int[] {1, 0, 2}), new Transpose(new int[] {0, 1, 2}));
        sample(() -> new BroadcastTo(Shape.of(4, 3)), new BroadcastTo(Shape.of(5, 3)));
        sample(() -> new StridedSlice(new int[] {0, 1}, new int[] {2, 2}, new int[] {1, 1}),
                new StridedSlice(new int[] {1, 1}, new int[] {2, 2}, new int[] {1, 1}),
                new StridedSlice(new int[] {0, 1}, new int[] {2, 1}, new int[] {1, 1}),
                new StridedSlice(new int[] {0, 1}, new int[] {2, 2}, new int[] {1, 2}));
        sample(() -> new Concat(1), new Concat(0));
        sample(() -> new Pad(new int[] {1, 0}, new int[] {0, 2}, 0.5), new Pad(new int[] {0, 0}, new int[] {0, 2}, 0.5),
                new Pad(new int[] {1, 0}, new int[] {0, 1}, 0.5), new Pad(new int[] {1, 0}, new int[] {0, 2}, 1.5));
        sample(() -> new Gather(1), new Gather(0));
        sample(() -> new SegmentSum(4), new SegmentSum(3));
        sample(() -> new Cast(DType.INT32), new Cast(DType.INT64));
        sample(MatrixInverse::new);
        sample(MatrixDeterminant::new);
        sample(StopGradient::new);
        sample(() -> new ReadVariable(V), new ReadVariable(W));
        sample(() -> new AssignVariable(V, AssignVariable.Mode.ADD), new AssignVariable(W, AssignVariable.Mode.ADD),
                new AssignVariable(V, AssignVariable.Mode.SUB));
        sample(() -> new ApplyGradientDescent(V), new ApplyGradientDescent(W));
        sample(() -> new ApplyUpdate(UpdateRule.MOMENTUM, List.of(V, W)),
                new ApplyUpdate(UpdateRule.NESTEROV_MOMENTUM, List.of(V, W)),
                new ApplyUpdate(UpdateRule.MOMENTUM, List.of(W, V)));
        sample(() -> new Fill(Shape.of(2, 3)), new Fill(Shape.of(3, 2)));
        sample(() -> new RandomDraw(Distribution.UNIFORM, Shape.of(2), DType.FLOAT32, 0, 1, 7L),
                new RandomDraw(Distribution.NORMAL, Shape.of(2), DType.FLOAT32, 0, 1, 7L),
                new RandomDraw(Distribution.UNIFORM, Shape.of(3), DType.FLOAT32, 0, 1, 7L),
                new RandomDraw(Distribution.UNIFORM, Shape.of(2), DType.FLOAT64, 0, 1, 7L),
                new RandomDraw(Distribution.UNIFORM, Shape.of(2), DType.FLOAT32, -1, 1, 7L),
                new RandomDraw(Distribution.UNIFORM, Shape.of(2), DType.FLOAT32, 0, 2, 7L),
                new RandomDraw(Distribution.UNIFORM, Shape.of(2), DType.FLOAT32, 0, 1, null));
        sample(() -> new Call(BODY), new Call(OTHER_BODY));
        sample(ShapeOf::new);
        sample(() -> new FusedElementwise(new FusedProgram(1, List.of(new FusedProgram.Unary(UnaryOp.EXP, 0)))),
                new FusedElementwise(new FusedProgram(1, List.of(new FusedProgram.Unary(UnaryOp.LOG, 0)))));
        sample(() -> new ToDevice(TestBackend.DEVICE_0), new ToDevice(TestBackend.DEVICE_1));
        sample(() -> new ImagePatches(new SlidingWindows(3, 3, 1, 1, 1, 1, Padding.SAME), 0),
                new ImagePatches(new SlidingWindows(3, 3, 1, 1, 1, 1, Padding.VALID), 0),
                new ImagePatches(new SlidingWindows(3, 3, 1, 1, 1, 1, Padding.SAME), Double.NEGATIVE_INFINITY));
        sample(() -> new ImagePatchesAdjoint(new SlidingWindows(2, 2, 2, 2, 1, 1, Padding.VALID), 4, 6),
                new ImagePatchesAdjoint(new SlidingWindows(2, 2, 2, 2, 1, 1, Padding.VALID), 5, 6),
                new ImagePatchesAdjoint(new SlidingWindows(2, 2, 2, 2, 1, 1, Padding.VALID), 4, 7),
                new ImagePatchesAdjoint(new SlidingWindows(2, 2, 2, 2, 1, 1, Padding.SAME), 4, 6));
        sample(() -> new Conv2D(new SlidingWindows(3, 3, 1, 1, 1, 1, Padding.SAME)),
                new Conv2D(new SlidingWindows(3, 3, 2, 1, 1, 1, Padding.SAME)));
    }

    @Test
    void everyPrimitiveHasASample() {
        TreeSet<String> missing = new TreeSet<>();
        for (Class<?> p : Primitive.class.getPermittedSubclasses()) {
            if (!SAMPLES.containsKey(p)) missing.add(p.getSimpleName());
        }
        assertTrue(missing.isEmpty(), "no equality sample in PrimitiveEqualityTest for " + missing);
    }

    @Test
    void equalParametersMakeEqualPrimitives() {
        SAMPLES.forEach((type, s) -> {
            Primitive a = s.make().get(), b = s.make().get();
            assertNotSame(a, b);
            assertEquals(a, b, type.getSimpleName());
            assertEquals(a.hashCode(), b.hashCode(), type.getSimpleName() + " hashCode");
            assertEquals(a.toString(), b.toString(), type.getSimpleName() + " toString");
        });
    }

    @Test
    void eachParameterTakesPart() {
        SAMPLES.forEach((type, s) -> {
            int parameters = type.getRecordComponents().length;
            assertEquals(parameters, s.different().size(), type.getSimpleName()
                    + ": give one differing instance per parameter (record component)");
            Primitive a = s.make().get();
            for (Primitive other : s.different()) {
                assertNotEquals(a, other, type.getSimpleName() + " vs. " + other);
            }
        });
    }

    @Test
    void arrayParametersPrintTheirValues() {
        assertEquals("Reduce[op=SUM, axes=[0, 2], keepDims=false]", new Reduce(ReduceOp.SUM, new int[] {0, 2}, false).toString());
        assertEquals("Transpose[perm=[1, 0]]", new Transpose(new int[] {1, 0}).toString());
    }

    private static VariableHandle handle(String name) {
        // a second, uninitialised handle over a throwaway variable: only its identity matters here
        return new VariableHandle(new Variable(TF.zeros(2)), name, true, DType.FLOAT32, Shape.of(2), Backends.cpu(), null);
    }

    private static CallBody body() {
        return new CallBody() {
            @Override
            public String name() {
                return "Body";
            }

            @Override
            public TensorSpec infer(TensorSpec[] inputs) {
                return inputs[0];
            }

            @Override
            public Tensor call(Tensor[] inputs) {
                return inputs[0];
            }

            @Override
            public Tensor[] gradient(Tensor[] inputs, Tensor output, Tensor upstream, boolean[] needed) {
                return new Tensor[] {upstream};
            }
        };
    }
}
