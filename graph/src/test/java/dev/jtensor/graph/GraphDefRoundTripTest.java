package dev.jtensor.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.jtensor.DType;
import dev.jtensor.Index;
import dev.jtensor.Settings;
import dev.jtensor.Shape;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import dev.jtensor.Variable;
import dev.jtensor.accel.Device;
import dev.jtensor.graph.proto.GraphDef;
import dev.jtensor.ops.Primitive;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Build, export, serialise, parse, import, run: the imported graph has the same operations (names,
 * op types, equal primitives) and gives the same values, bit for bit, as the original, for graphs
 * that together use every primitive that a GraphDef can hold, variables, updates and control inputs.
 */
class GraphDefRoundTripTest {

    private static final int U = Shape.UNKNOWN;

    /** What a test graph gives: the tensors to fetch and the value to feed each placeholder by name. */
    private record Built(List<Tensor> fetches, Map<String, Object> feeds, int steps, List<Operation> targets) {
        Built(List<Tensor> fetches, Map<String, Object> feeds) {
            this(fetches, feeds, 1, List.of());
        }
    }

    /**
     * Builds a graph, round-trips it through GraphDef bytes and runs both: {@code steps} runs of the
     * targets and fetches, after the variable initializer, must give identical values each time.
     */
    private static Graph assertRoundTrip(Function<Graph, Built> build) {
        Graph g = new Graph();
        Built built;
        try (Scope scope = g.asDefault()) {
            built = build.apply(g);
        }
        GraphDef def;
        try {
            def = GraphDef.parseFrom(GraphDefs.export(g).toByteArray());
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
        Graph copy = GraphDefs.importGraphDef(def);
        assertEquals(describe(g), describe(copy), "operations after the round trip");
        assertEquals(runs(g, built, t -> t), runs(copy, built, t -> copy.tensor(Operation.of(t).name() + ":0")));
        return copy;
    }

    /** The operations by name: type and, for primitives without a variable, the primitive itself. */
    private static Map<String, String> describe(Graph g) {
        Map<String, String> out = new HashMap<>();
        for (Operation op : g.operations()) {
            String detail = op.kind() instanceof OpKind.Apply(Primitive p) && VariablePrimitives.handleOf(p) == null
                    && !(p instanceof dev.jtensor.ops.RandomDraw) ? p.toString() : "";
            out.put(op.name(), op.type() + " " + detail + " <- " + op.inputs().stream()
                    .map(t -> Operation.of(t).name()).toList() + " ^" + op.controlInputs().stream().map(Operation::name).toList());
        }
        return out;
    }

    private static List<String> runs(Graph g, Built built, Function<Tensor, Tensor> find) {
        List<String> values = new ArrayList<>();
        try (Session session = new Session(g); var seed = Settings.withSeed(7)) {
            if (!g.variables().isEmpty()) session.run(g.globalVariablesInitializer());
            Map<Tensor, Object> feeds = new LinkedHashMap<>();
            built.feeds().forEach((name, value) -> feeds.put(g.tensor(name + ":0"), value));
            for (int step = 0; step < built.steps(); step++) {
                Session.Runner runner = session.runner().feedAll(feeds);
                for (Operation t : built.targets()) runner.addTarget(g.operation(t.name()));
                for (Tensor t : built.fetches()) runner.fetch(find.apply(t));
                for (Tensor v : runner.run()) {
                    values.add(v.dtype() + v.shape().toBracketString() + " " + bits(v));
                }
            }
        }
        return values;
    }

    /** The exact values: raw bits of doubles, so -0.0 and NaN compare as themselves. */
    private static String bits(Tensor v) {
        double[] d = v.toDoubleArray();
        StringBuilder s = new StringBuilder();
        for (double x : d) s.append(Long.toHexString(Double.doubleToRawLongBits(x))).append(' ');
        return s.toString();
    }

    private static final float[][] X = {{1.5f, -2f, 0.25f}, {3f, 0.5f, -0.75f}};

    @Test
    void elementwiseOpsOnAPlaceholderOfUnknownBatch() {
        assertRoundTrip(g -> {
            Tensor x = g.placeholder(DType.FLOAT32, Shape.of(U, 3), "x");
            Tensor pos = TF.abs(x).add(0.5f);
            List<Tensor> f = new ArrayList<>(List.of(TF.negative(x), TF.abs(x), TF.sign(x), TF.square(x), TF.relu(x),
                    TF.reciprocal(x), TF.sqrt(pos), TF.rsqrt(pos), TF.exp(x), TF.log(pos), TF.sin(x), TF.cos(x),
                    TF.tanh(x), TF.sigmoid(x), TF.softplus(x), TF.floor(x), TF.ceil(x), TF.round(x),
                    x.add(x), x.sub(pos), x.mul(pos), x.div(pos), TF.floorDiv(x, pos), TF.floorMod(x, pos),
                    TF.pow(pos, x), TF.maximum(x, pos), TF.minimum(x, pos), x.add(TF.constant(new float[] {1, 2, 3}))));
            Tensor less = TF.less(x, pos);
            f.addAll(List.of(TF.cast(TF.equal(x, pos), DType.INT32), TF.cast(TF.notEqual(x, pos), DType.INT32),
                    TF.cast(less, DType.FLOAT64), TF.cast(TF.lessEqual(x, pos), DType.INT64),
                    TF.cast(TF.greater(x, pos), DType.INT32), TF.cast(TF.greaterEqual(x, pos), DType.INT32),
                    TF.cast(TF.logicalAnd(less, TF.logicalNot(less)), DType.INT32),
                    TF.cast(TF.logicalOr(less, TF.logicalNot(less)), DType.INT32),
                    TF.where(less, x, pos), TF.log1p(pos), TF.expm1(x)));
            return new Built(f, Map.of("x", X));
        });
    }

    @Test
    void reductionsScansAndArgReductionsKeepTheirAxes() {
        assertRoundTrip(g -> {
            Tensor x = g.placeholder(DType.FLOAT32, Shape.of(2, 3), "x");
            Tensor b = TF.greater(x, TF.constant(0f));
            return new Built(List.of(TF.reduceSum(x, 1), TF.reduceSum(x, new int[] {0, 1}, true), TF.reduceProd(x, 0),
                    TF.reduceMax(x, 1), TF.reduceMin(x, new int[] {0}, true), TF.cast(TF.reduceAll(b, 1), DType.INT32),
                    TF.cast(TF.reduceAny(b, 0), DType.INT32), TF.argMax(x, 1), TF.argMin(x, 0),
                    TF.cumsum(x, 1), TF.cumsum(x, 0, true, true), TF.cumprod(x, 1, false, true), TF.reduceMean(x, 0)),
                    Map.of("x", X));
        });
    }

    @Test
    void matmulsReshapesTransposesAndBroadcasts() {
        assertRoundTrip(g -> {
            Tensor x = g.placeholder(DType.FLOAT32, Shape.of(U, 3), "x");
            Tensor w = TF.constant(new float[][] {{1, 2, 3}, {4, 5, 6}});
            Tensor batch = TF.reshape(TF.range(12f, 24f, 1f), 2, 2, 3);
            return new Built(List.of(TF.matmul(x, w, false, true), TF.matmul(w, x, true, false).mul(1f),
                    TF.matmul(batch, TF.transpose(batch, 0, 2, 1)), TF.reshape(x, -1), TF.reshape(x, 3, -1),
                    TF.transpose(x), TF.broadcastTo(TF.constant(new float[] {1, 2, 3}), 4, 3),
                    x.mul(TF.constant(new float[] {2, 3, 4})), TF.shape(x)), Map.of("x", X));
        });
    }

    @Test
    void slicesConcatsPadsGathersAndSegmentSums() {
        assertRoundTrip(g -> {
            Tensor x = g.placeholder(DType.FLOAT32, Shape.of(U, 3), "x");
            Tensor k = TF.constant(new float[][] {{1, 2, 3, 4}, {5, 6, 7, 8}, {9, 10, 11, 12}});
            return new Built(List.of(x.get(new Index.Range(1, null, 1)), x.get(Index.all(), Index.range(0, 3)),
                    k.get(Index.all(), new Index.Range(null, null, -1)), k.get(new Index.Range(2, null, -2)),
                    k.get(Index.at(1)), TF.concat(List.of(x, x.mul(2f)), 0), TF.concat(List.of(k, k), 1),
                    TF.pad(k, new int[][] {{1, 0}, {0, 2}}, 9.5), TF.gather(k, TF.constant(new int[] {2, 0, 2}), 1),
                    TF.gather(x, 1, 0), TF.unsortedSegmentSum(k, TF.constant(new int[] {1, -1, 1}), 3)),
                    Map.of("x", X));
        });
    }

    @Test
    void linearAlgebraStopGradientFillsAndCopies() {
        assertRoundTrip(g -> {
            Tensor m = g.placeholder(DType.FLOAT64, Shape.of(2, 2), "m");
            return new Built(List.of(TF.matrixInverse(m), TF.matrixDeterminant(m), TF.stopGradient(m).add(1.0),
                    TF.fill(new int[] {2, 3}, 2.5f), TF.zerosLike(m), m.to(Device.CPU)),
                    Map.of("m", new double[][] {{4, 7}, {2, 6}}));
        });
    }

    @Test
    void seededRandomDrawsDrawTheSameValues() {
        assertRoundTrip(g -> new Built(List.of(
                TF.randomUniform(new int[] {2, 3}, 0, 1, DType.FLOAT32, 11L),
                TF.randomUniform(new int[] {4}, -2, 3, DType.FLOAT64, 12L),
                TF.randomUniform(new int[] {5}, -3, 9, DType.INT32, 13L),
                TF.randomNormal(new int[] {3}, 0, 1, DType.FLOAT32, 14L),
                TF.randomNormal(new int[] {3}, 1.5, 0.25, DType.FLOAT32, 15L),
                TF.truncatedNormal(new int[] {2, 2}, -1, 2, DType.FLOAT64, 16L)), Map.of()));
    }

    @Test
    void variablesUpdatesAndControlDependenciesRunAlike() {
        Graph copy = assertRoundTrip(g -> {
            Variable v = new Variable(TF.constant(new float[] {1, 2}), "v", true);
            Variable counter = new Variable(TF.constant(0), "counter", false);
            Tensor bumped = g.assignAdd(counter, TF.constant(1));
            Tensor read;
            try (Scope after = g.controlDependencies(bumped)) {
                read = v.readValue().mul(2f);
            }
            Tensor reset = g.assign(v, TF.constant(new float[] {5, 6}));
            Tensor lowered = g.assignSub(v, TF.constant(new float[] {0.5f, 0.5f}));
            Operation step = g.group(Operation.of(lowered));
            return new Built(List.of(read, bumped.add(10), reset.mul(1f)), Map.of(), 3, List.of(step));
        });
        assertEquals(List.of("v", "counter"), copy.variables().stream().map(Variable::name).toList());
    }

    @Test
    void aTrainingStepWithGradientsAndOptimizersTrainsAlike() {
        assertRoundTrip(g -> {
            Tensor x = g.placeholder(DType.FLOAT32, Shape.of(U, 3), "x");
            Tensor y = g.placeholder(DType.FLOAT32, Shape.of(U, 1), "y");
            Variable w = new Variable(TF.constant(new float[][] {{0.1f}, {-0.2f}, {0.3f}}), "w", true);
            Variable b = new Variable(TF.constant(new float[] {0.5f}), "b", true);
            Tensor loss = TF.reduceMean(TF.square(TF.matmul(x, w).add(b).sub(y)));
            Operation sgd = new GradientDescentOptimizer(0.1).minimize(loss);
            Operation momentum = new MomentumOptimizer(0.05, 0.9).minimize(loss);
            return new Built(List.of(loss), Map.of("x", X, "y", new float[][] {{1}, {-1}}), 4, List.of(sgd, momentum));
        });
    }

    @Test
    void importIntoAGraphWithAPrefixKeepsWhatIsThere() {
        Graph source = new Graph();
        try (Scope scope = source.asDefault()) {
            Tensor x = source.placeholder(DType.FLOAT32, Shape.of(2), "x");
            source.withName("y", () -> x.mul(3f));
        }
        Graph target = new Graph();
        Tensor before;
        try (Scope scope = target.asDefault()) {
            before = TF.constant(1f);
        }
        GraphDef def = GraphDefs.export(source);
        Map<String, Operation> first = GraphDefs.importGraphDef(target, def, "import");
        Map<String, Operation> second = GraphDefs.importGraphDef(target, def, "import");
        assertEquals("import/y", first.get("y").name());
        assertEquals("import_1/y", second.get("y").name());
        assertEquals(Operation.of(before), target.operation("Const"));
        try (Session session = new Session(target)) {
            Tensor y = session.run(target.tensor("import_1/y:0"),
                    Map.of(target.tensor("import_1/x:0"), new float[] {1, 2}));
            assertArrayEquals(new float[] {3, 6}, y.toFloatArray());
        }
        Map<String, String> types = target.operations().stream().collect(Collectors.toMap(Operation::name, Operation::type));
        assertEquals(Map.of("Const", "Const", "import/x", "Placeholder", "import/y/Const", "Const",
                "import/y/BroadcastTo", "BroadcastTo", "import/y", "Mul", "import_1/x", "Placeholder",
                "import_1/y/Const", "Const", "import_1/y/BroadcastTo", "BroadcastTo", "import_1/y", "Mul"), types);
        assertFalse(types.containsKey("y/Const"));
        assertTrue(first.containsKey("y/Const"));
    }
}
