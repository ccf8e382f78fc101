package dev.jtensor;

import dev.jtensor.accel.Device;
import dev.jtensor.internal.Creation;
import dev.jtensor.internal.NumpyFormatter;
import dev.jtensor.internal.TensorAccess;
import dev.jtensor.ops.ApplyGradientDescent;
import dev.jtensor.ops.AssignVariable;
import dev.jtensor.ops.CreatedVariable;
import dev.jtensor.ops.Dispatch;
import dev.jtensor.ops.ReadVariable;
import dev.jtensor.ops.VariableHandle;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Mutable state, like TensorFlow's {@code tf.Variable}: a name, a trainable flag, a dtype, shape
 * and device fixed at creation, and a current value that {@link #assign}, {@link #assignAdd} and
 * {@link #assignSub} replace in place (the variable keeps its identity). Using a variable in an op
 * reads its current value and gives a plain {@link Tensor}; active gradient tapes on the reading
 * thread watch trainable variables automatically.
 *
 * {@snippet :
 * Variable x = new Variable(TF.constant(2f));
 * try (GradientTape tape = new GradientTape()) {
 *     Tensor y = x.pow(2).mul(3);                 // 3x^2
 *     System.out.println(tape.gradient(y, x));    // tf.Tensor(12.0, shape=(), dtype=float32)
 * }
 * x.assignAdd(1f);                                // x is now 3
 * }
 *
 * <p>Every read and update is an op that goes through {@link Dispatch} ({@link ReadVariable},
 * {@link AssignVariable}, {@link ApplyGradientDescent}), so tapes see reads and a graph tracer
 * turns reads and updates into graph nodes that run at every call instead of at trace time.
 *
 * <p>Values are immutable tensors and an assignment swaps one reference, so a concurrent reader
 * sees the old or the new value, never a mixture; {@code assignAdd}/{@code assignSub} are atomic.
 * A failed assignment (wrong shape, dtype or device) leaves the value as it was.
 */
public final class Variable implements Operand {

    private static final AtomicInteger UNNAMED = new AtomicInteger();

    private final VariableHandle handle;
    private final ReadVariable read;
    /** The output of a graph variable's initializer op; null for an eager variable. */
    private final Tensor initializer;

    /** A trainable variable named {@code Variable}, {@code Variable_1}, ... holding {@code initial}. */
    public Variable(Operand initial) {
        this(initial, null, true);
    }

    /**
     * A variable with the given name (null for a generated one) and trainable flag, on the device of
     * its initial value.
     *
     * <p>Inside a graph's scope (the graph module's {@code graph.asDefault()}) this is a graph
     * variable, as in TensorFlow 1: the graph names it (unique, inside the current name scope), gives
     * it an {@link #initializer()} op, and each session that runs the graph keeps its own value,
     * which is uninitialised until the initializer runs there.
     *
     * @throws InvalidArgumentException if {@code initial} is null
     * @throws FailedPreconditionException if {@code initial} is symbolic and no graph is being built
     */
    public Variable(Operand initial, String name, boolean trainable) {
        if (initial == null) {
            throw new InvalidArgumentException("Variable: initial value is null");
        }
        Tensor v = initial.asTensor();
        CreatedVariable inGraph = Dispatch.createVariable(this, name, trainable, v);
        if (inGraph != null) {
            this.handle = inGraph.handle();
            this.initializer = inGraph.initializer();
        } else {
            if (v.isSymbolic()) {
                throw new FailedPreconditionException("Variable: the initial value " + v + " is symbolic; an eager "
                        + "variable needs a value (create graph variables inside the graph's scope)");
            }
            int n = UNNAMED.getAndIncrement();
            String chosen = name != null ? name : n == 0 ? "Variable" : "Variable_" + n;
            this.handle = new VariableHandle(this, chosen, trainable, v.dtype(), v.shape(), TensorAccess.backend(v), v);
            this.initializer = null;
        }
        this.read = new ReadVariable(handle);
    }

    /** A trainable variable from a Java scalar or (nested) array, keeping its Java type's dtype. */
    public static Variable of(Object javaValue) {
        if (javaValue == null) {
            throw new InvalidArgumentException("Variable.of: javaValue is null");
        }
        return new Variable(TF.constant(javaValue));
    }

    /** The variable's name. */
    public String name() {
        return handle.name();
    }

    /** Whether tapes watch this variable automatically and {@link Module#trainableVariables} lists it. */
    public boolean trainable() {
        return handle.trainable();
    }

    @Override
    public DType dtype() {
        return handle.dtype();
    }

    @Override
    public Shape shape() {
        return handle.shape();
    }

    /** The device its value lives on. */
    public Device device() {
        return handle.backend().device();
    }

    /**
     * The output of the op that assigns a graph variable its initial value (TensorFlow's
     * {@code variable.initializer}): running it in a session initialises the variable there.
     *
     * {@snippet :
     * try (var scope = graph.asDefault()) {
     *     Variable x = new Variable(TF.constant(3f), "x", true);
     *     session.run(x.initializer());
     * }
     * }
     *
     * @throws FailedPreconditionException for an eager variable, which got its value when it was created
     */
    public Tensor initializer() {
        if (initializer == null) {
            throw new FailedPreconditionException("Variable '" + name() + "' is eager: it was initialised when it "
                    + "was created; only variables created inside a graph's scope have an initializer op");
        }
        return initializer;
    }

    /** The state the stateful ops act on, for interpreters (tapes, graph tracers). */
    public VariableHandle handle() {
        return handle;
    }

    /**
     * The current value, read by a {@link ReadVariable} op: inside an active tape that watches
     * accessed variables, a trainable variable becomes watched.
     */
    @Override
    public Tensor asTensor() {
        return Dispatch.apply(read);
    }

    /** The current value, as {@link #asTensor()} (TensorFlow's {@code read_value}). */
    public Tensor readValue() {
        return asTensor();
    }

    /**
     * Replaces the value; it must have this variable's shape, dtype and device.
     *
     * <p>Inside a graph's scope this, like {@link #assignAdd} and {@link #assignSub}, adds the
     * update to the graph as an op, which a session runs only when something it fetches depends on
     * it, and still returns this variable: fetching the variable does not run the update. To fetch
     * or group the update, take its output from the graph module's {@code graph.assign(variable, value)}.
     *
     * @throws InvalidArgumentException on a mismatch, leaving the value unchanged
     */
    public Variable assign(Operand newValue) {
        return update(AssignVariable.Mode.ASSIGN, "assign", newValue);
    }

    /** Replaces the value with a Java scalar or array converted to this variable's dtype. */
    public Variable assign(Object javaValue) {
        return assign(convert("assign", javaValue));
    }

    /** Adds {@code delta} in place, atomically; not differentiable. */
    public Variable assignAdd(Operand delta) {
        return update(AssignVariable.Mode.ADD, "assignAdd", delta);
    }

    /** Adds a Java scalar or array converted to this variable's dtype. */
    public Variable assignAdd(Object javaValue) {
        return assignAdd(convert("assignAdd", javaValue));
    }

    /** Subtracts {@code delta} in place, atomically; not differentiable. */
    public Variable assignSub(Operand delta) {
        return update(AssignVariable.Mode.SUB, "assignSub", delta);
    }

    /** Subtracts a Java scalar or array converted to this variable's dtype. */
    public Variable assignSub(Object javaValue) {
        return assignSub(convert("assignSub", javaValue));
    }

    /**
     * {@code this -= alpha * delta} in one fused pass, atomically and not differentiable, as
     * TensorFlow's {@code ResourceApplyGradientDescent}: the plain SGD update. The result is
     * bit-identical to {@code assignSub(delta.mul(alpha))}, which makes two passes over the data
     * and allocates two fresh tensors.
     *
     * {@snippet :
     * w.applyGradientDescent(0.01, tape.gradient(loss, w));
     * }
     *
     * @throws InvalidArgumentException if {@code delta}'s shape, dtype or device differs from this
     *                                   variable's, or the variable is not floating point; the value is unchanged
     */
    public Variable applyGradientDescent(double alpha, Operand delta) {
        Tensor d = checkedValue("applyGradientDescent", delta);
        Tensor rate = Creation.placed(Creation.hostScalar(alpha, dtype().isFloating() ? dtype() : DType.FLOAT64),
                handle.backend());
        Dispatch.apply(new ApplyGradientDescent(handle), rate, d);
        return this;
    }

    private Variable update(AssignVariable.Mode mode, String op, Operand value) {
        Dispatch.apply(new AssignVariable(handle, mode), checkedValue(op, value));
        return this;
    }

    private Tensor checkedValue(String op, Operand candidate) {
        if (candidate == null) {
            throw new InvalidArgumentException(op + " of variable '" + name() + "': value is null");
        }
        return candidate.asTensor();
    }

    private Tensor convert(String op, Object javaValue) {
        if (javaValue == null) {
            throw new InvalidArgumentException("Variable." + op + ": javaValue is null");
        }
        if (javaValue instanceof Operand o) {
            return o.asTensor();
        }
        Tensor t = Creation.placed(TF.constant(javaValue, dtype()), handle.backend());
        // a Java scalar fills the variable's shape, as TensorFlow broadcasts a Python number
        return t.rank() == 0 && shape().rank() > 0 ? Creation.fill(shape(), t) : t;
    }

    /**
     * TensorFlow's form, the value as NumPy's {@code repr}:
     * {@code <tf.Variable 'x:0' shape=(2,) dtype=float32, numpy=array([1., 2.], dtype=float32)>}, and
     * {@code numpy=0.5} for a scalar. A graph variable, whose values live in sessions, prints without
     * one: {@code <tf.Variable 'x:0' shape=() dtype=float32>}.
     */
    @Override
    public String toString() {
        if (initializer != null) {
            // a graph variable's value lives in sessions: TensorFlow 1 prints no value either
            return "<tf.Variable '" + name() + ":0' shape=" + shape() + " dtype=" + dtype() + ">";
        }
        Tensor v = handle.value();
        // a 0-d value comes out of TensorFlow's numpy() as a NumPy scalar, whose repr is its str
        String values = shape().rank() == 0
                ? NumpyFormatter.arrayToString(dtype().toString(), shape().toArray(), valuesOf(v))
                : NumpyFormatter.arrayRepr(dtype().toString(), shape().toArray(), valuesOf(v));
        return "<tf.Variable '" + name() + ":0' shape=" + shape() + " dtype=" + dtype() + ", numpy="
                + (values.contains("\n") ? "\n" : "") + values + ">";
    }

    private static Object valuesOf(Tensor v) {
        return switch (v.dtype()) {
            case FLOAT32 -> v.toFloatArray();
            case FLOAT64 -> v.toDoubleArray();
            case INT32 -> v.toIntArray();
            case INT64 -> v.toLongArray();
            case BOOL -> v.toBooleanArray();
        };
    }
}
