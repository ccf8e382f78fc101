package dev.jtensor.graph;

/**
 * A session that makes itself and its graph the defaults on the creating thread until it is
 * closed, for notebooks and shells (TensorFlow 1's {@code tf.InteractiveSession}): ops add to the
 * graph, and {@link Session#eval} and {@link Operation#run()} need no scope.
 *
 * {@snippet :
 * Graph g = new Graph();
 * InteractiveSession session = new InteractiveSession(g);
 * Tensor a = TF.constant(5f);
 * Tensor b = a.mul(2);
 * Session.eval(b).floatValue();      // 10
 * session.close();
 * }
 */
public final class InteractiveSession extends Session {

    private final Scope graphDefault;
    private final Scope sessionDefault;

    /** A session for {@code graph}, which becomes this thread's default graph, as this becomes its default session. */
    public InteractiveSession(Graph graph) {
        super(graph);
        this.graphDefault = graph.asDefault();
        this.sessionDefault = asDefault();
    }

    /** Closes the session and ends both defaults; call it on the thread that created the session. */
    @Override
    public void close() {
        sessionDefault.close();
        graphDefault.close();
        super.close();
    }
}
