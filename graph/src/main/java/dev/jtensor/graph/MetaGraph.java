package dev.jtensor.graph;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Tensor;
import dev.jtensor.Variable;
import dev.jtensor.graph.proto.CollectionDef;
import dev.jtensor.graph.proto.MetaGraphDef;
import dev.jtensor.graph.proto.SignatureDef;
import dev.jtensor.graph.proto.TensorInfo;
import dev.jtensor.graph.proto.VariableDef;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A graph with what a program needs to use it again: TensorFlow's {@code MetaGraphDef}
 * ({@code tf.compat.v1.train.export_meta_graph} / {@code import_meta_graph}). It holds the
 * {@code GraphDef}, the collections {@code variables} and {@code trainable_variables} (each variable's
 * {@code VariableDef}: its node, initializer, read and initial value) and named signatures, the
 * inputs and outputs of a function the graph serves ({@code signature_def}, as a SavedModel's).
 *
 * {@snippet :
 * MetaGraph.write(g, Path.of("model.meta"), Map.of("serving_default",
 *         new MetaGraph.Signature(Map.of("x", x), Map.of("y", y))));
 * MetaGraph.Imported m = MetaGraph.importMetaGraph(new Graph(), Path.of("model.meta"), "");
 * Tensor y2 = m.signatures().get("serving_default").outputs().get("y");
 * session.run(m.graph().globalVariablesInitializer());
 * }
 */
public final class MetaGraph {

    /** The tag a serving meta graph carries, as a SavedModel's ({@code tf.saved_model.SERVING}). */
    public static final String SERVING_TAG = "serve";
    /** TensorFlow's method name for a prediction signature. */
    public static final String PREDICT_METHOD = "tensorflow/serving/predict";

    private MetaGraph() {
    }

    /**
     * Named input and output tensors of one function of the graph ({@code SignatureDef}).
     *
     * @param inputs  tensors fed, by name (placeholders, typically)
     * @param outputs tensors fetched, by name
     */
    public record Signature(Map<String, Tensor> inputs, Map<String, Tensor> outputs) {
        public Signature {
            if (inputs == null || outputs == null) {
                throw new InvalidArgumentException("MetaGraph.Signature: " + (inputs == null ? "inputs" : "outputs")
                        + " is null");
            }
            inputs = Map.copyOf(inputs);
            outputs = Map.copyOf(outputs);
        }
    }

    /**
     * What {@link #importMetaGraph} made.
     *
     * @param graph      the graph imported into
     * @param operations the operation each node became, by node name
     * @param variables  the variables of the {@code variables} collection, in order
     * @param signatures the signatures, their tensors those of {@code graph}
     */
    public record Imported(Graph graph, Map<String, Operation> operations, List<Variable> variables,
                           Map<String, Signature> signatures) {
        public Imported {
            if (graph == null || operations == null || variables == null || signatures == null) {
                throw new InvalidArgumentException("MetaGraph.Imported: " + (graph == null ? "graph"
                        : operations == null ? "operations" : variables == null ? "variables" : "signatures")
                        + " is null");
            }
        }
    }

    /**
     * The meta graph of {@code graph}: its GraphDef, its variables and {@code signatures}, tagged
     * {@link #SERVING_TAG}.
     *
     * @throws InvalidArgumentException if a signature's tensor is not of {@code graph}
     * @throws GraphDefException if the graph cannot be written as a GraphDef
     */
    public static MetaGraphDef export(Graph graph, Map<String, Signature> signatures) {
        return export(graph, signatures, "MetaGraphDef");
    }

    private static MetaGraphDef export(Graph graph, Map<String, Signature> signatures, String source) {
        if (graph == null || signatures == null) {
            throw new InvalidArgumentException("MetaGraph.export: " + (graph == null ? "graph" : "signatures") + " is null");
        }
        MetaGraphDef.Builder meta = MetaGraphDef.newBuilder();
        meta.getMetaInfoDefBuilder().setMetaGraphVersion("jtensor").addTags(SERVING_TAG);
        meta.setGraphDef(GraphDefExport.export(graph, source));
        CollectionDef.BytesList.Builder all = CollectionDef.BytesList.newBuilder();
        CollectionDef.BytesList.Builder trainable = CollectionDef.BytesList.newBuilder();
        for (Variable v : graph.variables()) {
            Operation initializer = Operation.of(v.initializer());
            VariableDef def = VariableDef.newBuilder().setVariableName(v.name() + ":0")
                    .setInitialValueName(tensorName(initializer.inputs().getFirst()))
                    .setInitializerName(initializer.name()).setSnapshotName(tensorName(graph.readOf(v)))
                    .setIsResource(true).setTrainable(v.trainable()).build();
            all.addValue(def.toByteString());
            if (v.trainable()) trainable.addValue(def.toByteString());
        }
        meta.putCollectionDef("variables", CollectionDef.newBuilder().setBytesList(all).build());
        meta.putCollectionDef("trainable_variables", CollectionDef.newBuilder().setBytesList(trainable).build());
        signatures.forEach((name, signature) -> {
            SignatureDef.Builder def = SignatureDef.newBuilder().setMethodName(PREDICT_METHOD);
            signature.inputs().forEach((key, t) -> def.putInputs(key, info(graph, name, key, t)));
            signature.outputs().forEach((key, t) -> def.putOutputs(key, info(graph, name, key, t)));
            meta.putSignatureDef(name, def.build());
        });
        return meta.build();
    }

    private static TensorInfo info(Graph graph, String signature, String key, Tensor t) {
        Operation op = t == null ? null : Operation.producerOrNull(t);
        if (op == null || op.graph() != graph) {
            throw new InvalidArgumentException("MetaGraph: signature '" + signature + "' maps '" + key + "' to " + t
                    + ", which is not a tensor of " + graph);
        }
        return TensorInfo.newBuilder().setName(tensorName(t)).setDtype(ProtoValues.dataType(t.dtype()))
                .setTensorShape(ProtoValues.shape(t.shape())).build();
    }

    /**
     * Writes {@code graph}'s meta graph to {@code path}, binary (text format for a name ending in
     * {@code .pbtxt}), replacing the file atomically: a failed write leaves the old file as it was.
     *
     * @throws GraphDefException if the graph cannot be written
     * @throws java.io.UncheckedIOException if the file system fails, naming the path
     */
    public static void write(Graph graph, Path path, Map<String, Signature> signatures) {
        if (path == null) {
            throw new InvalidArgumentException("MetaGraph.write: path is null");
        }
        MetaGraphDef def = export(graph, signatures, path.toString());
        GraphDefs.writeMessage(def, path, path.toString().endsWith(".pbtxt"));
    }

    /**
     * The meta graph in {@code path} (text format for a name ending in {@code .pbtxt} or {@code .txt}).
     *
     * @throws GraphDefException if the bytes are not a MetaGraphDef, naming the file
     */
    public static MetaGraphDef read(Path path) {
        if (path == null) {
            throw new InvalidArgumentException("MetaGraph.read: path is null");
        }
        return GraphDefs.readMessage(path, MetaGraphDef.newBuilder());
    }

    /**
     * Imports the meta graph in {@code path} into {@code graph} under {@code prefix}
     * ({@code tf.compat.v1.train.import_meta_graph}): its GraphDef, with each variable's trainable flag
     * and initializer as its {@code VariableDef} says, and its signatures.
     *
     * @throws GraphDefException naming the file and the node if it cannot be imported; the graph is then unchanged
     */
    public static Imported importMetaGraph(Graph graph, Path path, String prefix) {
        if (graph == null || prefix == null) {
            throw new InvalidArgumentException("MetaGraph.importMetaGraph: " + (graph == null ? "graph" : "prefix")
                    + " is null");
        }
        return importMetaGraph(graph, read(path), prefix, path.toString());
    }

    /** {@link #importMetaGraph(Graph, Path, String)} of a meta graph in memory. */
    public static Imported importMetaGraph(Graph graph, MetaGraphDef meta, String prefix) {
        return importMetaGraph(graph, meta, prefix, "MetaGraphDef");
    }

    private static Imported importMetaGraph(Graph graph, MetaGraphDef meta, String prefix, String source) {
        if (graph == null || meta == null || prefix == null) {
            throw new InvalidArgumentException("MetaGraph.importMetaGraph: " + (graph == null ? "graph"
                    : meta == null ? "meta graph" : "prefix") + " is null");
        }
        List<VariableDef> variables = variableDefs(meta, "variables", source);
        Set<String> trainable = new HashSet<>();
        variableDefs(meta, "trainable_variables", source).forEach(v -> trainable.add(nodeName(v.getVariableName())));
        Map<String, String> initializers = new HashMap<>();
        variables.forEach(v -> initializers.put(nodeName(v.getVariableName()), nodeName(v.getInitializerName())));
        for (var signature : meta.getSignatureDefMap().entrySet()) {
            List.of(signature.getValue().getInputsMap(), signature.getValue().getOutputsMap()).forEach(m ->
                    m.forEach((key, info) -> {
                        if (!meta.getGraphDef().getNodeList().stream().anyMatch(n -> n.getName().equals(nodeName(info.getName())))) {
                            throw new GraphDefException(source, nodeName(info.getName()), "signature '"
                                    + signature.getKey() + "' names it for '" + key + "', but no node has that name");
                        }
                    }));
        }
        Map<String, Operation> ops = GraphDefImport.importInto(graph, meta.getGraphDef(), prefix, source,
                trainable::contains, initializers);
        List<Variable> imported = variables.stream().map(v -> {
            Operation init = ops.get(nodeName(v.getInitializerName()));
            return graph.variables().stream().filter(x -> Operation.of(x.initializer()) == init).findFirst()
                    .orElseThrow(() -> new GraphDefException(source, nodeName(v.getVariableName()), "is no variable"));
        }).toList();
        Map<String, Signature> signatures = new LinkedHashMap<>();
        meta.getSignatureDefMap().forEach((name, def) -> signatures.put(name, new Signature(
                tensors(def.getInputsMap(), ops, source), tensors(def.getOutputsMap(), ops, source))));
        return new Imported(graph, ops, imported, signatures);
    }

    private static Map<String, Tensor> tensors(Map<String, TensorInfo> infos, Map<String, Operation> ops, String source) {
        Map<String, Tensor> out = new HashMap<>();
        infos.forEach((key, info) -> {
            Operation op = ops.get(nodeName(info.getName()));
            if (op == null || !op.hasOutput()) {
                throw new GraphDefException(source, nodeName(info.getName()), "a signature's tensor '" + key
                        + "' names a node with no output");
            }
            out.put(key, op.output());
        });
        return out;
    }

    private static List<VariableDef> variableDefs(MetaGraphDef meta, String collection, String source) {
        CollectionDef def = meta.getCollectionDefMap().get(collection);
        if (def == null) return List.of();
        return def.getBytesList().getValueList().stream().map(bytes -> {
            try {
                return VariableDef.parseFrom(bytes);
            } catch (InvalidProtocolBufferException e) {
                throw new GraphDefException(source, null, "collection '" + collection + "' holds bytes that are not "
                        + "a VariableDef (" + e.getMessage() + ")", e);
            }
        }).toList();
    }

    /** TensorFlow's name of a graph tensor, {@code "add:0"}. */
    private static String tensorName(Tensor t) {
        return Operation.of(t).name() + ":0";
    }

    /** {@code "v:0"} to {@code "v"}. */
    private static String nodeName(String tensorName) {
        int colon = tensorName.lastIndexOf(':');
        return colon < 0 ? tensorName : tensorName.substring(0, colon);
    }
}
