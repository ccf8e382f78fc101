package dev.jtensor.autodiff;

import dev.jtensor.DType;
import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Operand;
import dev.jtensor.Shape;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import dev.jtensor.internal.NumpyFormatter;
import dev.jtensor.ops.Axpy;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BinaryOperator;

/**
 * Mutable state, like TensorFlow's {@code tf.Variable}: a name, a trainable flag, a dtype and shape
 * fixed at creation, and a current value that {@link #assign}, {@link #assignAdd} and
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
 * <p>Values are immutable tensors and an assignment swaps one reference, so a concurrent reader
 * sees the old or the new value, never a mixture; {@code assignAdd}/{@code assignSub} are atomic.
 * A failed assignment (wrong shape or dtype) leaves the value as it was.
 */
public final class Variable implements Operand {

    private static final AtomicInteger UNNAMED = new AtomicInteger();

    private final String name;
    private final boolean trainable;
    private final DType dtype;
    private final Shape shape;
    private volatile Tensor value;

    /** A trainable variable named {@code Variable}, {@code Variable_1}, ... holding {@code initial}. */
    public Variable(Operand initial) {
        this(initial, null, true);
    }

    /**
     * A variable with the given name (null for a generated one) and trainable flag.
     */
    public Variable(Operand initial, String name, boolean trainable) {
        if (initial == null) {
            throw new InvalidArgumentException("Variable: initial value is null");
        }
        Tensor v = initial.asTensor();
        int n = UNNAMED.getAndIncrement();
        this.name = name != null ? name : n == 0 ? "Variable" : "Variable_" + n;
        this.trainable = trainable;
        this.dtype = v.dtype();
        this.shape = v.shape();
        this.value = v;
    }

    /** A trainable variable from a Java scalar or (nested) array, keeping its Java type's dtype. */
    public static Variable of(Object javaValue) {
        return new Variable(TF.constant(javaValue));
    }

    /** The variable's name. */
    public String name() {
        return name;
    }

    /** Whether tapes watch this variable automatically and {@link Module#trainableVariables} lists it. */
    public boolean trainable() {
        return trainable;
    }

    @Override
    public DType dtype() {
        return dtype;
    }

    @Override
    public Shape shape() {
        return shape;
    }

    /**
     * The current value; reading it inside an active tape makes the tape watch this variable if
     * it is trainable (and the tape watches accessed variables).
     */
    @Override
    public Tensor asTensor() {
        Tensor v = value;
        GradientTape.variableRead(this, v);
        return v;
    }

    /** The current value, as {@link #asTensor()} (TensorFlow's {@code read_value}). */
    public Tensor readValue() {
        return asTensor();
    }

    /** The current value without notifying tapes. */
    Tensor peek() {
        return value;
    }

    /**
     * Replaces the value; it must have this variable's shape and dtype.
     *
     * @throws InvalidArgumentException on a mismatch, leaving the value unchanged
     */
    public Variable assign(Operand newValue) {
        Tensor v = checked("assign", newValue);
        synchronized (this) {
            value = v;
        }
        return this;
    }

    /** Replaces the value with a Java scalar or array converted to this variable's dtype. */
    public Variable assign(Object javaValue) {
        return assign(convert(javaValue));
    }

    /** Adds {@code delta} in place, atomically; not recorded by tapes. */
    public Variable assignAdd(Operand delta) {
        return update("assignAdd", delta, Tensor::add);
    }

    /** Adds a Java scalar or array converted to this variable's dtype. */
    public Variable assignAdd(Object javaValue) {
        return assignAdd(convert(javaValue));
    }

    /** Subtracts {@code delta} in place, atomically; not recorded by tapes. */
    public Variable assignSub(Operand delta) {
        return update("assignSub", delta, Tensor::sub);
    }

    /** Subtracts a Java scalar or array converted to this variable's dtype. */
    public Variable assignSub(Object javaValue) {
        return assignSub(convert(javaValue));
    }

    /**
     * {@code this -= alpha * delta} in one fused pass, atomically and not recorded by tapes, as
     * TensorFlow's {@code ResourceApplyGradientDescent}: the plain SGD update. The result is
     * bit-identical to {@code assignSub(delta.mul(alpha))}, which makes two passes over the data
     * and allocates two fresh tensors.
     *
     * {@snippet :
     * w.applyGradientDescent(0.01, tape.gradient(loss, w));
     * }
     *
     * @throws InvalidArgumentException if {@code delta}'s shape or dtype differs from this variable's,
     *                                   or the variable is not floating point; the value is unchanged
     */
    public Variable applyGradientDescent(double alpha, Operand delta) {
        if (!dtype.isFloating()) {
            throw new InvalidArgumentException("Cannot applyGradientDescent to variable '" + name + "': its dtype "
                    + dtype + " is not floating point");
        }
        return update("applyGradientDescent", delta, (v, d) -> Axpy.apply(-alpha, d, v));
    }

    private Variable update(String op, Operand delta, BinaryOperator<Tensor> combine) {
        Tensor d = checked(op, delta);
        synchronized (this) {
            value = unrecorded(() -> combine.apply(value, d));
        }
        return this;
    }

    private Tensor convert(Object javaValue) {
        if (javaValue instanceof Operand o) {
            return o.asTensor();
        }
        Tensor t = TF.constant(javaValue, dtype);
        // a Java scalar fills the variable's shape, as TensorFlow broadcasts a Python number
        return t.rank() == 0 && shape.rank() > 0 ? unrecorded(() -> TF.zeros(dtype, shape.toArray()).add(t)) : t;
    }

    private Tensor checked(String op, Operand candidate) {
        if (candidate == null) {
            throw new InvalidArgumentException(op + " of variable '" + name + "': value is null");
        }
        Tensor v = candidate.asTensor();
        if (v.dtype() != dtype || !v.shape().equals(shape)) {
            throw new InvalidArgumentException("Cannot " + op + " to variable '" + name + "': the variable has shape "
                    + shape + " and dtype " + dtype + ", the value has shape " + v.shape() + " and dtype " + v.dtype());
        }
        return v;
    }

    private static Tensor unrecorded(java.util.function.Supplier<Tensor> op) {
        try (var paused = GradientTape.pauseAll()) {
            return op.get();
        }
    }

    /** TensorFlow's form: {@code <tf.Variable 'x:0' shape=(2,) dtype=int32, numpy=[1 2]>}. */
    @Override
    public String toString() {
        Tensor v = value;
        String values = NumpyFormatter.arrayToString(dtype.toString(), shape.toArray(), valuesOf(v));
        return "<tf.Variable '" + name + ":0' shape=" + shape + " dtype=" + dtype + ", numpy="
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
