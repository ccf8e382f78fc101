package dev.jtensor.ops;

import dev.jtensor.DType;
import dev.jtensor.FailedPreconditionException;
import dev.jtensor.Shape;
import dev.jtensor.Tensor;
import dev.jtensor.Variable;
import dev.jtensor.accel.Backend;
import dev.jtensor.internal.Inputs;
import dev.jtensor.internal.TensorAccess;

/**
 * The state behind a {@link dev.jtensor.Variable}, as TensorFlow's resource handle: a name, a
 * trainable flag, a fixed dtype, shape and device, and the current value, which only the stateful
 * primitives ({@link ReadVariable}, {@link AssignVariable}, {@link ApplyGradientDescent}) read and
 * replace. Values are immutable tensors and an update swaps one reference under the handle's lock,
 * so a reader sees the old or the new value, never a mixture. Handles compare by identity: two
 * variables with equal values are still two variables.
 */
public final class VariableHandle {

    private final Variable variable;
    private final String name;
    private final boolean trainable;
    private final DType dtype;
    private final Shape shape;
    private final Backend backend;
    private final boolean graphVariable;
    private volatile Tensor value;
    /** The value's buffer while no one but this handle and the runs that hold it can see it; guarded by this. */
    private volatile Object privateBuffer;
    /** How many runs hold the value now (see {@link #hold}); guarded by this. */
    private int holders;

    /**
     * A handle; {@code initial} may be null for a variable that is initialised later (a session's
     * storage for a graph variable).
     *
     * @param variable the public variable this is the state of
     * @param backend  the device the value lives on
     */
    public VariableHandle(Variable variable, String name, boolean trainable, DType dtype, Shape shape, Backend backend,
                          Tensor initial) {
        this(variable, name, trainable, dtype, shape, backend, initial, false);
    }

    /**
     * The handle of a graph variable: it never holds a value itself (each session keeps the
     * variable's value in a handle of its own), and reading or updating it outside the graph is a
     * {@link FailedPreconditionException}.
     */
    public static VariableHandle ofGraphVariable(Variable variable, String name, boolean trainable, DType dtype,
                                                 Shape shape, Backend backend) {
        return new VariableHandle(variable, name, trainable, dtype, shape, backend, null, true);
    }

    private VariableHandle(Variable variable, String name, boolean trainable, DType dtype, Shape shape, Backend backend,
                           Tensor initial, boolean graphVariable) {
        this.graphVariable = graphVariable;
        this.variable = Inputs.nonNull(variable, "VariableHandle", "variable");
        Inputs.nonNull(name, "VariableHandle", "name");
        Inputs.nonNull(dtype, "VariableHandle", "dtype");
        Inputs.nonNull(shape, "VariableHandle", "shape");
        Inputs.nonNull(backend, "VariableHandle", "backend");
        this.name = name;
        this.trainable = trainable;
        this.dtype = dtype;
        this.shape = shape;
        this.backend = backend;
        this.value = initial;
    }

    /** The public variable this is the state of. */
    public Variable variable() {
        return variable;
    }

    /** The variable's name. */
    public String name() {
        return name;
    }

    /** Whether tapes watch reads of it automatically. */
    public boolean trainable() {
        return trainable;
    }

    /** The dtype of every value. */
    public DType dtype() {
        return dtype;
    }

    /** The shape of every value. */
    public Shape shape() {
        return shape;
    }

    /** The backend of the device its value lives on. */
    public Backend backend() {
        return backend;
    }

    /** Whether this is a graph variable's handle ({@link #ofGraphVariable}), whose values live in sessions. */
    public boolean isGraphVariable() {
        return graphVariable;
    }

    /** Whether a value has been assigned. */
    public boolean isInitialized() {
        return value != null;
    }

    /**
     * The current value, without telling any hook (use {@link ReadVariable} for a read that tapes and graphs see).
     *
     * @throws FailedPreconditionException if no value has been assigned yet, or this is a graph variable's handle
     */
    public Tensor value() {
        Tensor v = current();
        if (privateBuffer != null) {
            synchronized (this) {
                privateBuffer = null;   // whoever asked may keep it: no update may write its buffer again
            }
        }
        return v;
    }

    /** {@link #value()} for the primitives that act on it, which keep it private. */
    Tensor current() {
        if (graphVariable) {
            throw outsideGraph();
        }
        Tensor v = value;
        if (v == null) {
            throw new FailedPreconditionException("Attempting to use uninitialized value " + name);
        }
        return v;
    }

    /** Replaces the value; callers hold this handle's lock for read-modify-write updates. */
    void set(Tensor newValue) {
        if (graphVariable) {
            throw outsideGraph();
        }
        value = newValue;
        privateBuffer = null;
    }

    // ------------------------------------------------------------------ in-place updates (for interpreters)

    /**
     * The value, for a graph run that tracks where it goes: the run counts as holding it until it
     * calls {@link #release()}, and the value stays private (an update may still write its buffer in
     * place, once no holder but the updater remains).
     *
     * {@snippet :
     * Tensor w = handle.hold();
     * try {
     *     // ... a run that reads w and may update the variable in place
     * } finally {
     *     handle.release();
     * }
     * }
     */
    public synchronized Tensor hold() {
        Tensor v = current();
        holders++;
        return v;
    }

    /**
     * Ends one {@link #hold()}.
     *
     * @throws IllegalStateException if no hold is open (a release without its hold)
     */
    public synchronized void release() {
        if (holders == 0) {
            throw new IllegalStateException("VariableHandle.release of '" + name + "' without a hold");
        }
        holders--;
    }

    /**
     * Whether an update may write the value's buffer in place, as seen by a caller that holds the
     * value {@code heldByCaller} times: the buffer is private, and no one else holds it. Callers
     * hold this handle's lock and make sure that nothing of theirs that sees the buffer is read again.
     */
    public synchronized boolean mayOverwrite(int heldByCaller) {
        Tensor v = value;
        return v != null && privateBuffer != null && holders == heldByCaller
                && privateBuffer == TensorAccess.view(v).data();
    }

    /** Marks the current value's buffer private: the caller knows that nothing outside sees it. */
    public synchronized void makePrivate() {
        Tensor v = current();
        privateBuffer = TensorAccess.view(v).data();
    }

    /** Makes {@code buffer} public if it is the private one: something outside may see it now. */
    public synchronized void revoke(Object buffer) {
        Primitives.nonNull("VariableHandle.revoke", "buffer", buffer);
        if (privateBuffer == buffer) privateBuffer = null;
    }

    /** The private buffer, or null. */
    public Object privateBuffer() {
        return privateBuffer;
    }

    private FailedPreconditionException outsideGraph() {
        return new FailedPreconditionException("Variable '" + name + "' is a graph variable: its values live in the "
                + "sessions that run its graph; use it inside the graph's scope and evaluate it in a Session");
    }

    @Override
    public String toString() {
        return "VariableHandle[" + name + ", " + dtype + shape.toBracketString() + " on " + backend.device() + "]";
    }
}
