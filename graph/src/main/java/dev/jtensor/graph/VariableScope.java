package dev.jtensor.graph;

/**
 * A variable scope opened by {@link Graph#variableScope}, TensorFlow 1's
 * {@code tf.compat.v1.variable_scope}: {@link Graph#getVariable} names variables inside it
 * {@code name/...}, and inside a scope that reuses, it returns the existing variable instead of
 * making one. A variable scope also opens a name scope of the same name (made unique:
 * {@code relu}, {@code relu_1}, ...) for the operations built inside, while the variables keep the
 * scope's own name ({@code relu/threshold}). Scopes nest; a scope inside one that reuses (or
 * auto-reuses) does the same, whatever it asks.
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

    /** How {@link Graph#getVariable} treats existing variables in a scope (TensorFlow's {@code reuse=}). */
    public enum Reuse {
        /** Reuse only if the enclosing scope does, else create ({@code reuse=None} or {@code False}). */
        INHERIT,
        /** Return existing variables; a missing one is an error ({@code reuse=True}). */
        REUSE,
        /** Return a variable if it exists, create it if not ({@code reuse=tf.AUTO_REUSE}). */
        AUTO_REUSE
    }

    private final String name;
    private final VariableScope parent;
    private volatile Reuse reuse;
    private final Scope nameScope;
    private final Runnable onClose;
    private boolean closed;

    VariableScope(String name, VariableScope parent, Reuse reuse, Scope nameScope, Runnable onClose) {
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

    /** Whether {@link Graph#getVariable} returns existing variables here instead of failing ({@code REUSE} or {@code AUTO_REUSE}). */
    public boolean reuse() {
        return reuseMode() != Reuse.INHERIT;
    }

    /**
     * How {@link Graph#getVariable} treats existing variables here: the enclosing scope's mode if it
     * reuses, else this scope's ({@code INHERIT} means neither reuses).
     */
    public Reuse reuseMode() {
        Reuse outer = parent == null ? Reuse.INHERIT : parent.reuseMode();
        return outer != Reuse.INHERIT ? outer : reuse;
    }

    /**
     * Turns reuse on for the rest of this scope ({@code scope.reuse_variables()}); it cannot be turned
     * off again, as in TensorFlow.
     */
    public void reuseVariables() {
        reuse = Reuse.REUSE;
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
        return "VariableScope('" + name + "', reuse=" + reuseMode() + ")";
    }
}
