package dev.jtensor.graph;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.TextFormat;
import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Operand;
import dev.jtensor.Tensor;
import dev.jtensor.internal.io.AtomicFiles;
import dev.jtensor.internal.io.FileErrors;
import dev.jtensor.graph.proto.GraphDef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Graphs as TensorFlow's {@code GraphDef} protobuf: {@link #export} ({@code graph.as_graph_def()}),
 * {@link #write} ({@code tf.io.write_graph}), {@link #read} and {@link #importGraphDef}
 * ({@code tf.import_graph_def}). The messages are the classes protoc generates from TensorFlow's
 * own {@code .proto} files (package {@code dev.jtensor.graph.proto}), so TensorFlow, TensorBoard and
 * Netron read what we write, and TensorFlow can run it.
 *
 * {@snippet :
 * Graph g = new Graph();
 * Tensor x = g.placeholder(DType.FLOAT32, Shape.of(-1, 3), "x");
 * try (Scope scope = g.asDefault()) {
 *     Variable w = new Variable(TF.ones(3, 2), "w", true);
 *     g.withName("y", () -> TF.matmul(x, w));
 * }
 * GraphDefs.write(g, Path.of("model.pb"));                       // binary, as tf.io.write_graph(as_text=False)
 * Graph copy = GraphDefs.importGraphDef(GraphDefs.read(Path.of("model.pb")));
 * Tensor y = copy.tensor("y:0");                                 // runs in a Session as the original
 * }
 *
 * <p><b>Nodes.</b> Every operation is one node of its TensorFlow op type with TensorFlow's
 * attributes ({@code T}, {@code dtype}, {@code shape}, {@code value}, {@code transpose_a}, {@code keep_dims},
 * {@code Tidx}, ...); control inputs are {@code ^name}; a device string is written for operations
 * off the CPU ({@code /device:GPU:0}) and none on it (TensorFlow's default). Parameters that
 * TensorFlow's ops take as tensors get a {@code Const} node {@code <op>/<input>}: {@code Sum},
 * {@code Prod}, {@code Max}, {@code Min}, {@code All}, {@code Any} ({@code reduction_indices}), {@code ArgMax}/{@code ArgMin}
 * ({@code dimension}), {@code Cumsum}/{@code Cumprod} ({@code axis}), {@code Reshape} and {@code BroadcastTo}
 * ({@code shape}), {@code Transpose} ({@code perm}), {@code StridedSlice} ({@code begin}, {@code end},
 * {@code strides}, with TensorFlow's masks), {@code ConcatV2} and {@code GatherV2} ({@code axis}),
 * {@code PadV2} ({@code paddings}, {@code constant_values}), {@code UnsortedSegmentSum}
 * ({@code num_segments}), {@code Fill} ({@code dims}) and the random ops ({@code shape}).
 * {@code ExtractImagePatches} (conv2d's and average pooling's patches) takes its windows as the
 * {@code ksizes}, {@code strides}, {@code rates} and {@code padding} attributes.
 *
 * <p><b>Primitives TensorFlow spells differently.</b> A batched matmul is {@code BatchMatMulV2};
 * {@code Tensor.to(device)} is an {@code Identity} placed on the target device (as
 * {@code with tf.device(...): tf.identity(x)}); {@code TF.shape} is {@code Shape}. A broadcast whose
 * unknown dimensions come from a shape donor takes its target from
 * {@code BroadcastArgs(Shape(donor), Abs(target))}. Random draws are TensorFlow's ops
 * ({@code RandomUniform}, {@code RandomStandardNormal}, {@code TruncatedNormal}, {@code RandomUniformInt}),
 * with TensorFlow's chains for other parameters ({@code N/RandomUniform * (N/max - N/min) + N/min},
 * {@code N/RandomStandardNormal * N/stddev + N/mean}), which import folds back into one draw; an op seed
 * {@code s} is {@code seed2 = s} beside TensorFlow's default graph seed. No jtensor-only op type is
 * written: what has no TensorFlow form is refused (below).
 *
 * <p><b>Variables</b> are resource variables, as in TensorFlow 2: {@code VarHandleOp v}, its
 * initializer {@code AssignVariableOp v/Assign}, reads {@code ReadVariableOp}, updates
 * {@code AssignVariableOp}, {@code AssignAddVariableOp}, {@code AssignSubVariableOp} and
 * {@code ResourceApplyGradientDescent}. TensorFlow's updates have no output, so where an operation
 * uses the new value an update gives, a {@code ReadVariableOp <update>/read} that waits for the
 * update stands for it. A GraphDef does not say which variables are trainable: importing one
 * makes all trainable (TensorFlow's default); a {@link MetaGraph} keeps the flag.
 *
 * <p><b>Not written.</b> A call of a traced function or a custom gradient ({@code Call}) is a
 * {@link GraphDefException}: its body is Java code, and for a traced function the graph of the trace
 * can be exported instead. A read of an eager variable is one too: a GraphDef holds graph variables.
 * So are max pooling's patches (padded with -inf, which {@code ExtractImagePatches} cannot) and the
 * adjoint of image patches (in gradients of convolution and pooling), which TensorFlow has no op for.
 */
public final class GraphDefs {

    /**
     * The {@code versions.producer} written: TensorFlow 2.12's GraphDef version ({@code TF_GRAPH_DEF_VERSION}),
     * whose op semantics the nodes follow; TensorFlow 2.12 and later read it without upgrading anything.
     */
    static final int PRODUCER_VERSION = 1394;

    private static final String MEMORY = "GraphDef";

    private GraphDefs() {
    }

    /**
     * The GraphDef of {@code graph} (TensorFlow's {@code graph.as_graph_def()}).
     *
     * @throws GraphDefException if an operation cannot be written (a traced-function call, an eager variable)
     */
    public static GraphDef export(Graph graph) {
        if (graph == null) {
            throw new InvalidArgumentException("GraphDefs.export: graph is null");
        }
        return GraphDefExport.export(graph, MEMORY);
    }

    /**
     * The GraphDef of {@code graph} where the eager variables its operations read or update are
     * captured: each is written once as a {@code VarHandleOp} of its name (made unique among the node
     * names), as a traced function's graph captures the variables it uses, instead of being refused.
     * This is the graph to look at (TensorBoard's graph view); it runs in TensorFlow only once those
     * variables are given values, since it holds no initializer for them.
     *
     * {@snippet :
     * Variable w = new Variable(TF.ones(3, 2), "dense/kernel", true);   // an eager variable
     * Graph g = new Graph();
     * Tensor x = g.placeholder(DType.FLOAT32, Shape.of(-1, 3), "x");
     * try (Scope scope = g.asDefault()) {
     *     TF.matmul(x, w);
     * }
     * GraphDef def = GraphDefs.exportCapturing(g);                      // VarHandleOp dense/kernel, ReadVariableOp, MatMul
     * }
     *
     * @throws GraphDefException if an operation cannot be written (a traced-function call)
     */
    public static GraphDef exportCapturing(Graph graph) {
        if (graph == null) {
            throw new InvalidArgumentException("GraphDefs.exportCapturing: graph is null");
        }
        return GraphDefExport.exportCapturing(graph, MEMORY);
    }

    /**
     * The GraphDef of {@code function}'s trace for the signature of {@code inputs} (each one's dtype
     * and shape; their values are not used), tracing it now if no call has (TensorFlow's
     * {@code fn.get_concrete_function(x).graph.as_graph_def()}): its placeholders {@code input},
     * {@code input_1}, ..., its operations, and the eager variables it uses captured as in
     * {@link #exportCapturing(Graph)}.
     *
     * {@snippet :
     * Variable w = new Variable(TF.ones(3, 2), "w", true);
     * TracedFunction dense = TracedFunction.of(x -> TF.relu(x.matmul(w)));
     * GraphDef def = GraphDefs.export(dense, TF.zeros(4, 3));
     * }
     *
     * @throws InvalidArgumentException if {@code function} or an input is null, or the count is not its arity
     * @throws GraphDefException if an operation of the trace cannot be written (a nested call)
     */
    public static GraphDef export(TracedFunction function, Operand... inputs) {
        if (function == null) {
            throw new InvalidArgumentException("GraphDefs.export: function is null");
        }
        Tensor[] xs = function.tensors(inputs, "export");
        return GraphDefExport.exportCapturing(function.concreteFunction(xs).graph(), MEMORY);
    }

    /**
     * Writes {@code graph}'s GraphDef to {@code path} in the binary format ({@code tf.io.write_graph(...,
     * as_text=False)}), replacing the file atomically: a failed write leaves the old file as it was.
     *
     * @throws GraphDefException if the graph cannot be written
     * @throws java.io.UncheckedIOException if the file system fails, naming the path
     */
    public static void write(Graph graph, Path path) {
        write(graph, path, false);
    }

    /**
     * {@link #write(Graph, Path)} in protobuf's text format if {@code asText} ({@code .pbtxt}, as
     * {@code tf.io.write_graph}'s default), in the binary format otherwise.
     */
    public static void write(Graph graph, Path path, boolean asText) {
        if (graph == null || path == null) {
            throw new InvalidArgumentException("GraphDefs.write: " + (graph == null ? "graph" : "path") + " is null");
        }
        writeMessage(GraphDefExport.export(graph, path.toString()), path, asText);
    }

    /**
     * The GraphDef in {@code path}: text format if the name ends in {@code .pbtxt} or {@code .txt},
     * binary otherwise.
     *
     * @throws GraphDefException if the bytes are not a GraphDef, naming the file
     * @throws java.io.UncheckedIOException if the file cannot be read, naming the path
     */
    public static GraphDef read(Path path) {
        if (path == null) {
            throw new InvalidArgumentException("GraphDefs.read: path is null");
        }
        return readMessage(path, GraphDef.newBuilder());
    }

    /**
     * A new graph holding {@code def}'s nodes under their own names ({@code tf.import_graph_def} into
     * an empty graph with {@code name=""}).
     *
     * @throws GraphDefException naming the node if a node cannot become an operation (an op type jtensor
     *     lacks, a missing input, a bad attribute, a cycle, shapes or dtypes an op rejects)
     */
    public static Graph importGraphDef(GraphDef def) {
        Graph graph = new Graph();
        importGraphDef(graph, def, "");
        return graph;
    }

    /**
     * Adds {@code def}'s nodes to {@code graph} ({@code tf.import_graph_def(def, name=prefix)}):
     * under the name scope {@code prefix} (made unique, as any scope: {@code import}, {@code import_1}),
     * or, for {@code ""}, under their own names, which must not be taken. Everything is checked
     * first, so on an exception the graph is unchanged.
     *
     * {@snippet :
     * Map<String, Operation> ops = GraphDefs.importGraphDef(g, def, "import");
     * Tensor y = ops.get("y").output();                  // the operation "import/y"
     * }
     *
     * @return the operation each node became, by node name (nodes that only fed a parameter, such as a
     *     reduction's axes, and a random chain's inner nodes have none)
     * @throws GraphDefException naming the node if a node cannot become an operation, or its name is taken
     */
    public static Map<String, Operation> importGraphDef(Graph graph, GraphDef def, String prefix) {
        if (graph == null || def == null || prefix == null) {
            throw new InvalidArgumentException("GraphDefs.importGraphDef: " + (graph == null ? "graph"
                    : def == null ? "def" : "prefix") + " is null");
        }
        return GraphDefImport.importInto(graph, def, prefix, MEMORY, n -> true, Map.of());
    }

    /**
     * {@link #importGraphDef(Graph, GraphDef, String)} of the GraphDef in {@code path} ({@link #read}),
     * whose errors name the file.
     *
     * @throws GraphDefException naming the file and the node
     */
    public static Map<String, Operation> importGraphDef(Graph graph, Path path, String prefix) {
        if (graph == null || path == null || prefix == null) {
            throw new InvalidArgumentException("GraphDefs.importGraphDef: " + (graph == null ? "graph"
                    : path == null ? "path" : "prefix") + " is null");
        }
        return GraphDefImport.importInto(graph, read(path), prefix, path.toString(), n -> true, Map.of());
    }

    /** {@code def} in protobuf's text format, as {@code tf.io.write_graph(..., as_text=True)} writes it. */
    public static String toText(GraphDef def) {
        if (def == null) {
            throw new InvalidArgumentException("GraphDefs.toText: def is null");
        }
        return TextFormat.printer().printToString(def);
    }

    // ------------------------------------------------------------------ files, shared with MetaGraph

    static void writeMessage(Message message, Path path, boolean asText) {
        String format = message.getDescriptorForType().getName();
        AtomicFiles.replace(format, path, out -> {
            if (asText) {
                out.write(TextFormat.printer().printToString(message).getBytes(StandardCharsets.UTF_8));
            } else {
                message.writeTo(out);
            }
        });
    }

    @SuppressWarnings("unchecked")
    static <M extends Message> M readMessage(Path path, Message.Builder builder) {
        String format = builder.getDescriptorForType().getName();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw FileErrors.reading(format, path, e);
        }
        String name = path.getFileName() == null ? "" : path.getFileName().toString();
        try {
            if (name.endsWith(".pbtxt") || name.endsWith(".txt")) {
                TextFormat.merge(new String(bytes, StandardCharsets.UTF_8), builder);
            } else {
                builder.mergeFrom(bytes);
            }
        } catch (InvalidProtocolBufferException | TextFormat.ParseException e) {
            throw new GraphDefException(path.toString(), null, "is not a " + format + " in the "
                    + (e instanceof TextFormat.ParseException ? "text" : "binary") + " format (" + e.getMessage() + ")", e);
        }
        return (M) builder.build();
    }
}
