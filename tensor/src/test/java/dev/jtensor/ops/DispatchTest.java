package dev.jtensor.ops;

import static dev.jtensor.TF.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.jtensor.DType;
import dev.jtensor.FailedPreconditionException;
import dev.jtensor.Shape;
import dev.jtensor.Tensor;
import dev.jtensor.Variable;
import dev.jtensor.accel.Backends;
import dev.jtensor.internal.TensorAccess;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hooks: interception with symbolic outputs, levels, and the stateful ops they see. */
class DispatchTest {

    /** Records the names of the ops it sees. */
    private static final class Names implements OpHook {
        final List<String> seen = new ArrayList<>();

        @Override
        public void recorded(Primitive primitive, Tensor[] inputs, Tensor output) {
            seen.add(primitive.name());
        }
    }

    /** A minimal graph builder: every op becomes a symbolic output named after it. */
    private static final class Tracer implements OpHook {
        final List<Primitive> nodes = new ArrayList<>();

        @Override
        public Tensor intercept(Primitive primitive, Tensor[] inputs, TensorSpec output) {
            nodes.add(primitive);
            String name = primitive.name().toLowerCase() + (nodes.size() == 1 ? "" : "_" + (nodes.size() - 1)) + ":0";
            return TensorAccess.symbolic(output.dtype(), output.shape(), Backends.cpu(), name);
        }
    }

    private static Tensor placeholder(DType dtype, int... dims) {
        return TensorAccess.symbolic(dtype, Shape.of(dims), Backends.cpu(), "x:0");
    }

    @Test
    void anInterceptingHookTurnsOpsIntoSymbolicOutputs() {
        Tracer tracer = new Tracer();
        Tensor x = placeholder(DType.FLOAT32, 2, 3);
        Tensor y;
        try (var scope = Dispatch.push(tracer)) {
            y = x.mul(2).reduceSum(new int[] {1});
        }
        assertTrue(y.isSymbolic());
        assertEquals(Shape.of(2), y.shape());
        assertEquals(DType.FLOAT32, y.dtype());
        assertEquals(List.of("BroadcastTo", "Mul", "Sum"), tracer.nodes.stream().map(Primitive::name).toList());
        assertEquals("Tensor(\"sum_2:0\", shape=(2,), dtype=float32)", y.toString());
    }

    @Test
    void readingASymbolicTensorSaysToRunItInASession() {
        Tensor x = placeholder(DType.FLOAT32, 2);
        var e = assertThrows(FailedPreconditionException.class, x::toFloatArray);
        assertTrue(e.getMessage().contains("\"x:0\" is symbolic") && e.getMessage().contains("Session"), e.getMessage());
        assertThrows(FailedPreconditionException.class, x::floatValue);
        var op = assertThrows(FailedPreconditionException.class, () -> x.add(1f));
        assertTrue(op.getMessage().startsWith("AddV2 got a symbolic input (Tensor(\"x:0\""), op.getMessage());
        var variable = assertThrows(FailedPreconditionException.class, () -> new Variable(x));
        assertTrue(variable.getMessage().contains("symbolic"), variable.getMessage());
    }

    @Test
    void shapeAndDtypeRulesStillRunBeforeAHookIsAsked() {
        Tracer tracer = new Tracer();
        try (var scope = Dispatch.push(tracer)) {
            var e = assertThrows(dev.jtensor.InvalidArgumentException.class,
                    () -> matmul(placeholder(DType.FLOAT32, 2, 3), placeholder(DType.FLOAT32, 2, 3)));
            assertTrue(e.getMessage().contains("Matrix size-incompatible"), e.getMessage());
        }
        assertTrue(tracer.nodes.isEmpty());
    }

    @Test
    void aLevelHidesItsOpsFromOuterHooksUntilItCloses() {
        Names outer = new Names(), inner = new Names();
        Tensor a = constant(new float[] {1, 2});
        try (var o = Dispatch.push(outer)) {
            a.neg();
            try (var level = Dispatch.openLevel(inner)) {
                a.exp();
                assertTrue(Dispatch.hasHooks());
                try (var hidden = Dispatch.openLevel(null)) {
                    a.sqrt();
                    assertFalse(Dispatch.hasHooks());
                }
                a.abs();
            }
            a.square();
        }
        assertEquals(List.of("Neg", "Square"), outer.seen);
        assertEquals(List.of("Exp", "Abs"), inner.seen);
        assertFalse(Dispatch.hasHooks());
    }

    @Test
    void aCallShowsOuterHooksOneOpAndItsBodyTheInnerOnes() {
        Names outer = new Names();
        List<String> bodyOps = new ArrayList<>();
        CallBody twiceExp = new CallBody() {
            @Override public String name() { return "TwiceExp"; }
            @Override public TensorSpec infer(TensorSpec[] inputs) { return inputs[0]; }
            @Override public Tensor call(Tensor[] inputs) {
                Names inside = new Names();
                try (var s = Dispatch.push(inside)) {
                    Tensor y = inputs[0].exp().mul(2);
                    bodyOps.addAll(inside.seen);
                    return y;
                }
            }
            @Override public Tensor[] gradient(Tensor[] inputs, Tensor output, Tensor upstream, boolean[] needed) {
                return new Tensor[] {upstream.mul(output)};
            }
        };
        Tensor y;
        try (var o = Dispatch.push(outer)) {
            y = Dispatch.apply(new Call(twiceExp), constant(0f));
        }
        assertEquals(2f, y.floatValue());
        assertEquals(List.of("TwiceExp"), outer.seen);
        assertEquals(List.of("Exp", "Mul"), bodyOps);
    }

    @Test
    void stateAndRandomnessAreOpsThatHooksSee() {
        Names names = new Names();
        Variable v = new Variable(constant(new float[] {1, 2}));
        try (var s = Dispatch.push(names)) {
            v.asTensor();
            v.assign(constant(new float[] {3, 4}));
            v.assignAdd(constant(new float[] {1, 1}));
            v.assignSub(constant(new float[] {1, 1}));
            v.applyGradientDescent(0.5, constant(new float[] {2, 2}));
            zeros(3);
            ones(DType.INT32, 2);
            randomNormal(new int[] {2}, 0, 1, DType.FLOAT32, 1L);
            randomUniform(new int[] {2}, 0, 5, DType.INT32, 1L);
            truncatedNormal(new int[] {2}, 0, 1, DType.FLOAT64, 1L);
        }
        assertEquals(List.of("ReadVariableOp", "AssignVariableOp", "AssignAddVariableOp", "AssignSubVariableOp",
                "ResourceApplyGradientDescent", "Fill", "Fill", "RandomStandardNormal", "RandomUniformInt",
                "TruncatedNormal"), names.seen);
        assertArrayEquals(new float[] {2, 3}, v.toFloatArray());
    }

    @Test
    void aTracedUpdateDoesNotRunAtTraceTime() {
        Variable v = new Variable(constant(new float[] {1, 2}));
        Tracer tracer = new Tracer();
        Tensor updated;
        try (var s = Dispatch.push(tracer)) {
            v.assignAdd(constant(new float[] {10, 10}));
            updated = v.asTensor();
        }
        assertEquals(List.of("AssignAddVariableOp", "ReadVariableOp"), tracer.nodes.stream().map(Primitive::name).toList());
        assertTrue(updated.isSymbolic(), "a traced read is a node, not today's value");
        assertArrayEquals(new float[] {1, 2}, v.toFloatArray(), "the update is a node, not an effect");
    }

    @Test
    void statefulOpsSaySo() {
        Variable v = new Variable(constant(1f));
        assertTrue(new ReadVariable(v.handle()).stateful());
        assertTrue(new AssignVariable(v.handle(), AssignVariable.Mode.ADD).stateful());
        assertTrue(new ApplyGradientDescent(v.handle()).stateful());
        assertTrue(new RandomDraw(Distribution.NORMAL, Shape.of(2), DType.FLOAT32, 0, 1, null).stateful());
        assertFalse(new Binary(dev.jtensor.accel.BinaryOp.ADD).stateful());
        assertFalse(new Fill(Shape.of(2)).stateful());
    }

    /** Turns creation into symbolic constants and variables into graph variables, as a graph builder does. */
    private static final class Creator implements OpHook {
        final List<String> made = new ArrayList<>();

        @Override
        public Tensor constant(Tensor value) {
            made.add("Const " + value.shape());
            return TensorAccess.symbolic(value.dtype(), value.shape(), Backends.cpu(), "Const:0");
        }

        @Override
        public CreatedVariable createVariable(Variable variable, String name, boolean trainable, Tensor initialValue) {
            made.add("Variable " + name);
            VariableHandle handle = VariableHandle.ofGraphVariable(variable, name, trainable, initialValue.dtype(),
                    initialValue.shape(), Backends.cpu());
            return new CreatedVariable(handle, TensorAccess.symbolic(initialValue.dtype(), initialValue.shape(),
                    Backends.cpu(), name + "/Assign:0"));
        }
    }

    @Test
    void hooksMayTurnCreationIntoConstantsAndVariablesIntoGraphVariables() {
        Creator creator = new Creator();
        Variable v;
        Tensor c;
        try (var s = Dispatch.push(creator)) {
            c = constant(new float[] {1, 2});
            assertTrue(range(3).isSymbolic());
            v = new Variable(c, "v", true);
            try (var hidden = Dispatch.openLevel(null)) {
                assertFalse(constant(1f).isSymbolic(), "a level hides the hook from creation too");
                Variable eager = new Variable(constant(1f));
                assertThrows(FailedPreconditionException.class, eager::initializer, "an eager variable has no initializer op");
                assertEquals(1f, eager.floatValue());
            }
        }
        assertEquals(List.of("Const (2,)", "Const (3,)", "Variable v"), creator.made);
        assertTrue(c.isSymbolic());
        assertEquals("Tensor(\"v/Assign:0\", shape=(2,), dtype=float32)", v.initializer().toString());
        assertEquals("<tf.Variable 'v:0' shape=(2,) dtype=float32>", v.toString());
        assertTrue(v.handle().isGraphVariable());
        var read = assertThrows(FailedPreconditionException.class, v::readValue);
        assertTrue(read.getMessage().startsWith("Variable 'v' is a graph variable"), read.getMessage());
        var write = assertThrows(FailedPreconditionException.class, () -> v.assign(constant(new float[] {3, 4})));
        assertTrue(write.getMessage().startsWith("Variable 'v' is a graph variable"), write.getMessage());
        assertFalse(constant(1f).isSymbolic(), "without the hook creation is eager");
    }
}
