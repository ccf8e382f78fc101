package dev.jtensor.graph;

/**
 * A scope opened by {@link Graph#asDefault}, {@link Graph#nameScope}, {@link Graph#controlDependencies}
 * or {@link Session#asDefault}, for try-with-resources; it ends when closed (closing twice is
 * harmless). Scopes are per thread: close one on the thread that opened it, innermost first.
 *
 * {@snippet :
 * try (Scope scope = graph.asDefault()) {
 *     Tensor y = x.mul(2);     // a node of graph
 * }
 * }
 */
public final class Scope implements AutoCloseable {

    private final Runnable onClose;
    private boolean closed;

    Scope(Runnable onClose) {
        this.onClose = onClose;
    }

    /** Ends the scope. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        onClose.run();
    }
}
