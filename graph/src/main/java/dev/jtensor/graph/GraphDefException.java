package dev.jtensor.graph;

import dev.jtensor.InvalidArgumentException;

/**
 * A {@code GraphDef} or {@code MetaGraphDef} that cannot become a jtensor graph, or a graph that
 * cannot become a {@code GraphDef}: an unknown op type, a missing input, a bad attribute, a cycle,
 * damaged bytes. The message names the file (or {@code "GraphDef"} for one in memory) and the node;
 * {@link #source()} and {@link #node()} give them to code. Importing checks the whole GraphDef
 * before it adds anything, so after this exception the graph is as it was.
 *
 * {@snippet :
 * try {
 *     GraphDefs.importGraphDef(graph, Path.of("model.pb"), "");
 * } catch (GraphDefException e) {
 *     // "model.pb: node 'mystery': op type 'Foo' is not one jtensor can import"
 * }
 * }
 */
public final class GraphDefException extends InvalidArgumentException {

    private final String source;
    private final String node;

    /**
     * An exception about {@code node} (null if about the whole file) of {@code source}.
     *
     * @param source the file, or {@code "GraphDef"} for a message in memory
     */
    public GraphDefException(String source, String node, String detail) {
        super(source + ": " + (node == null ? "" : "node '" + node + "': ") + detail);
        this.source = source;
        this.node = node;
    }

    /** The same, with the cause (a protobuf parse error, for damaged bytes). */
    public GraphDefException(String source, String node, String detail, Throwable cause) {
        super(source + ": " + (node == null ? "" : "node '" + node + "': ") + detail, cause);
        this.source = source;
        this.node = node;
    }

    /** The file the GraphDef came from, or {@code "GraphDef"}. */
    public String source() {
        return source;
    }

    /** The node at fault, or null when the fault is the file's as a whole. */
    public String node() {
        return node;
    }
}
