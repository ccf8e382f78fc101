package dev.jtensor.bench;

import dev.jtensor.DType;
import dev.jtensor.Index;
import dev.jtensor.Shape;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import dev.jtensor.Variable;
import dev.jtensor.graph.Graph;
import dev.jtensor.graph.GraphDefs;
import dev.jtensor.graph.Operation;
import dev.jtensor.graph.Scope;
import dev.jtensor.graph.Session;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.RawTensor;
import org.tensorflow.Result;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * The independent check of our GraphDefs: TensorFlow itself (through TF Java) imports a GraphDef
 * that jtensor exported, runs it, and must give jtensor's values. The graph covers a layer over a
 * batch of unknown size (a broadcast with a shape donor), variables with initializers and an
 * update whose new value is used, reductions, a mean over the unknown batch, slices (a negative
 * step among them), concat, pad, gather, cast, argmax, a running sum, segment sums, where, pow and
 * a determinant. Not part of the default build: run after a {@code -Ptfjava} package with
 * {@code java -cp bench/target/benchmarks.jar:$(cat bench/target/tfjava.classpath) dev.jtensor.bench.GraphDefTfJavaCheck};
 * it prints one line per output and exits non-zero on the first mismatch.
 */
public final class GraphDefTfJavaCheck {

    private GraphDefTfJavaCheck() {
    }

    public static void main(String[] args) throws Exception {
        Graph g = new Graph();
        Tensor x;
        Map<String, Tensor> outputs = new LinkedHashMap<>();
        List<String> initializers = new ArrayList<>();
        try (Scope scope = g.asDefault()) {
            x = g.placeholder(DType.FLOAT32, Shape.of(Shape.UNKNOWN, 3), "x");
            Variable w = new Variable(TF.constant(new float[][] {{1, 2}, {3, 4}, {5, 6}}), "w", true);
            Variable b = new Variable(TF.constant(new float[] {0.5f, -1f}), "b", true);
            Variable count = new Variable(TF.constant(0), "count", false);
            for (Variable v : List.of(w, b, count)) initializers.add(Operation.of(v.initializer()).name());
            Tensor h = TF.relu(TF.matmul(x, w).add(b));
            Tensor k = TF.constant(new float[][] {{1, 2, 3, 4}, {5, 6, 7, 8}, {9, 10, 11, 12}});
            outputs.put("layer", h);
            outputs.put("sum", TF.reduceSum(h, new int[] {1}, true));
            outputs.put("mean", TF.reduceMean(x, 0));
            outputs.put("max", TF.reduceMax(k, 0));
            outputs.put("transpose", TF.transpose(x));
            outputs.put("slice", x.get(new Index.Range(1, null, 1)));
            outputs.put("reversed", k.get(Index.all(), new Index.Range(null, null, -1)));
            outputs.put("stepped", k.get(new Index.Range(2, null, -2), Index.range(1, 3)));
            outputs.put("concat", TF.concat(List.of(k, k.mul(2f)), 1));
            outputs.put("pad", TF.pad(k, new int[][] {{1, 0}, {0, 2}}, 9.5));
            outputs.put("gather", TF.gather(k, TF.constant(new int[] {2, 0, 2}), 1));
            outputs.put("cast", TF.cast(TF.greater(x, TF.constant(0f)), DType.FLOAT32));
            outputs.put("argmax", TF.cast(TF.argMax(k, 1), DType.FLOAT32));
            outputs.put("cumsum", TF.cumsum(k, 1, true, true));
            outputs.put("segments", TF.unsortedSegmentSum(k, TF.constant(new int[] {1, -1, 1}), 3));
            outputs.put("where", TF.where(TF.less(k, TF.constant(6f)), k, TF.negative(k)));
            outputs.put("pow", TF.pow(k, 0.5));
            outputs.put("det", TF.cast(TF.matrixDeterminant(TF.constant(new double[][] {{4, 7}, {2, 6}})), DType.FLOAT32));
            outputs.put("softmax", TF.softmax(x));
            outputs.put("counted", TF.cast(g.assignAdd(count, TF.constant(5)), DType.FLOAT32));
            outputs.put("reshaped", TF.reshape(k, 2, -1));
            outputs.put("tiled", TF.broadcastTo(TF.constant(new float[] {1, 2, 3}), 2, 3));
        }
        float[][] feed = {{1.5f, -2f, 0.25f}, {3f, 0.5f, -0.75f}};
        Map<String, Tensor> expected = new LinkedHashMap<>();
        try (Session session = new Session(g)) {
            session.run(g.globalVariablesInitializer());
            List<Tensor> values = session.run(List.copyOf(outputs.values()), Map.of(x, feed));
            int i = 0;
            for (String name : outputs.keySet()) expected.put(name, values.get(i++));
        }
        byte[] bytes = GraphDefs.export(g).toByteArray();
        int failures = 0;
        try (org.tensorflow.Graph tg = new org.tensorflow.Graph(); org.tensorflow.Session ts = new org.tensorflow.Session(tg)) {
            tg.importGraphDef(org.tensorflow.proto.GraphDef.parseFrom(bytes));
            org.tensorflow.Session.Runner init = ts.runner();
            initializers.forEach(init::addTarget);
            init.run();
            float[] flat = {1.5f, -2f, 0.25f, 3f, 0.5f, -0.75f};
            try (TFloat32 in = TFloat32.tensorOf(org.tensorflow.ndarray.Shape.of(2, 3), DataBuffers.of(flat, true, false))) {
                org.tensorflow.Session.Runner run = ts.runner().feed("x", in);
                for (Tensor t : outputs.values()) run.fetch(Operation.of(t).name());
                try (Result result = run.run()) {
                    int i = 0;
                    for (var e : expected.entrySet()) {
                        float[] tf = floats(result.get(i++).asRawTensor());
                        float[] ours = e.getValue().toFloatArray();
                        boolean same = ours.length == tf.length;
                        for (int j = 0; same && j < tf.length; j++) {
                            same = Math.abs(ours[j] - tf[j]) <= 1e-5f * Math.max(1, Math.abs(ours[j]));
                        }
                        System.out.println((same ? "same  " : "DIFF  ") + e.getKey() + " jtensor="
                                + java.util.Arrays.toString(ours) + " tensorflow=" + java.util.Arrays.toString(tf));
                        if (!same) failures++;
                    }
                }
            }
        }
        System.out.println(failures == 0 ? "TensorFlow ran the exported GraphDef: " + outputs.size() + " outputs agree"
                : failures + " outputs differ");
        System.exit(failures == 0 ? 0 : 1);
    }

    private static float[] floats(RawTensor t) {
        byte[] raw = new byte[(int) t.data().size()];
        t.data().read(raw);
        float[] out = new float[raw.length / 4];
        ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }
}
