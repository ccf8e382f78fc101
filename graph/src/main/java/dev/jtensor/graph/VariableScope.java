package dev.jtensor.graph;

/**
 * A variable scope opened by {@link Graph#variableScope}, TensorFlow 1's
 * {@code tf.compat.v1.variable_scope}: {@link Graph#getVariable} names variables inside it
 * {@code name/...}, and inside a scope that reuses, it returns the existing variable instead of
 * making one. A variable scope also opens a name scope of the same name (made unique:
 * {@code relu}, {@code relu_1}, ...) for the operations built inside, while the variables keep the
 * scope's own name ({@code relu/threshold}). Scopes nest; a scope inside one that reuses reuses too.
 * Close it on the thread that opened it, innermost first.
 *
 * {@snippet :
 * try (VariableScope scope = g.variableScope("relu")) {
 *     Variable t = g.getVariable("threshold", Shape.scalar(), DType.FLOAT32, Initializer.constant(0.0));
 *     scope.reuseVariables();                                  // from now on, share
 *     Variable same = g.getVariable("threshold");              // t
 * }
 * }
 */
public final class VariableScope implements AutoCloseable {

    private final String name;
    private final VariableScope parent;
    private volatile boolean reuse;
    private final Scope nameScope;
    private final Runnable onClose;
    private boolean closed;

    VariableScope(String name, VariableScope parent, boolean reuse, Scope nameScope, Runnable onClose) {
        this.name = name;
        this.parent = parent;
        this.reuse = reuse;
        this.nameScope = nameScope;
        this.onClose = onClose;
    }

    /** Its full name, with the scopes it is inside ({@code outer/relu}); {@code ""} at the top level. */
    public String name() {
        return name;
    }

    /** Whether {@link Graph#getVariable} returns existing variables here instead of making new ones. */
    public boolean reuse() {
        return reuse || (parent != null && parent.reuse());
    }

    /**
     * Turns reuse on for the rest of this scope ({@code scope.reuse_variables()}); it cannot be turned
     * off again, as in TensorFlow.
     */
    public void reuseVariables() {
        reuse = true;
    }

    /** The prefix of the names of the variables made here: {@code name/}, or {@code ""} at the top. */
    String prefix() {
        return name.isEmpty() ? "" : name + "/";
    }

    /** Ends the scope (and its name scope); closing twice is harmless. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        if (nameScope != null) nameScope.close();
        onClose.run();
    }

    @Override
    public String toString() {
        return "VariableScope('" + name + "', reuse=" + reuse() + ")";
    }
}
