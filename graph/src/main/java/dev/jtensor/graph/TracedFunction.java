package dev.jtensor.graph;

import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Operand;
import dev.jtensor.Tensor;
import dev.jtensor.ops.TensorSpec;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A Java function of tensors run as a graph (TensorFlow 2's {@code tf.function}): the first call
 * with inputs of a given signature (each input's dtype and shape) traces the function into a graph,
 * later calls with that signature run the graph without calling the Java code again.
 *
 * {@snippet :
 * Variable w = new Variable(TF.ones(3, 2), "w", true);
 * TracedFunction dense = TracedFunction.of(x -> TF.relu(x.matmul(w)));
 * Tensor y = dense.call(TF.ones(4, 3));          // traces, then runs the graph
 * Tensor z = dense.call(TF.zeros(4, 3));         // same signature: runs the graph again
 * try (var tape = new GradientTape()) {
 *     Tensor loss = TF.reduceSum(dense.call(x));
 *     tape.gradient(loss, w);                     // through the call, as for any op
 * }
 * }
 *
 * <p><b>Retracing.</b> A call traces again when its inputs' dtypes or shapes differ from every
 * earlier call's (TensorFlow's default; {@link #tracingCount()} counts the traces). Inputs that are
 * symbolic tensors of a graph being built trace with their partly unknown shapes, and the call
 * becomes one op of that graph. Java values the function closes over are fixed at tracing; tensors
 * it closes over become constants of the trace.
 *
 * <p><b>Variables</b> made outside the function are captured by reference: a call reads their
 * current values (as inputs of the call op, so outer tapes give them gradients) and runs every
 * update the function makes, in program order, at every call. A variable created while tracing is
 * an error.
 *
 * <p><b>Randomness.</b> Random ops draw new values at every call; a call's gradient uses the values
 * its forward drew.
 *
 * <p><b>Gradients.</b> Under a {@link dev.jtensor.autodiff.GradientTape} the call is one op whose
 * gradient runs the tape's gradient rules backwards over what the call computed, which the call
 * keeps while its output is alive (only calls made while a tape records keep anything). Higher
 * orders work as for eager ops.
 *
 * <p>Calls are thread-safe.
 */
public final class TracedFunction {

    private final String name;
    private final int arity;
    private final Function<List<Tensor>, Tensor> fn;
    private final Map<List<TensorSpec>, ConcreteFunction> traces = new ConcurrentHashMap<>();
    private final AtomicInteger tracing = new AtomicInteger();

    private TracedFunction(String name, int arity, Function<List<Tensor>, Tensor> fn) {
        this.name = name;
        this.arity = arity;
        this.fn = fn;
    }

    /** A traced function of one tensor. */
    public static TracedFunction of(UnaryOperator<Tensor> fn) {
        nonNull(fn);
        return new TracedFunction("function", 1, xs -> fn.apply(xs.get(0)));
    }

    /** A traced function of two tensors. */
    public static TracedFunction of(BinaryOperator<Tensor> fn) {
        nonNull(fn);
        return new TracedFunction("function", 2, xs -> fn.apply(xs.get(0), xs.get(1)));
    }

    /** A traced function of {@code arity} tensors, given to {@code fn} as a list. */
    public static TracedFunction ofList(int arity, Function<List<Tensor>, Tensor> fn) {
        nonNull(fn);
        if (arity < 0) {
            throw new InvalidArgumentException("TracedFunction.ofList: arity must be >= 0, got " + arity);
        }
        return new TracedFunction("function", arity, fn);
    }

    /**
     * This function under another name (its call ops' name in graphs and errors), with traces of its own.
     *
     * @throws InvalidArgumentException if the name is null or not a valid operation name
     */
    public TracedFunction named(String name) {
        return new TracedFunction(Names.requireValid(name, "function name"), arity, fn);
    }

    /**
     * Calls the function: runs the trace for these inputs' signature, tracing first if there is none.
     *
     * @throws InvalidArgumentException if the number of inputs is not the function's arity, or an input is null
     */
    public Tensor call(Operand... inputs) {
        Tensor[] xs = tensors(inputs, "call");
        return concreteFunction(xs).invoke(xs);
    }

    /** The trace for these inputs' signature, traced now if there is none yet. */
    ConcreteFunction concreteFunction(Tensor[] xs) {
        TensorSpec[] signature = new TensorSpec[xs.length];
        for (int i = 0; i < xs.length; i++) signature[i] = TensorSpec.of(xs[i]);
        return traces.computeIfAbsent(List.of(signature), s -> {
            tracing.incrementAndGet();
            return ConcreteFunction.trace(name, fn, s);
        });
    }

    /** {@code inputs} as tensors, checked against the arity; {@code method} names the caller in errors. */
    Tensor[] tensors(Operand[] inputs, String method) {
        if (inputs == null) {
            throw new InvalidArgumentException("TracedFunction." + method + ": inputs is null");
        }
        if (inputs.length != arity) {
            throw new InvalidArgumentException("TracedFunction '" + name + "' takes " + arity + " inputs, got "
                    + inputs.length);
        }
        Tensor[] xs = new Tensor[inputs.length];
        for (int i = 0; i < xs.length; i++) {
            if (inputs[i] == null) {
                throw new InvalidArgumentException("TracedFunction." + method + ": inputs[" + i + "] is null");
            }
            xs[i] = inputs[i].asTensor();
        }
        return xs;
    }

    /** How many times the function has been traced (TensorFlow's {@code experimental_get_tracing_count}). */
    public int tracingCount() {
        return tracing.get();
    }

    /** The function's name. */
    public String name() {
        return name;
    }

    private static void nonNull(Object fn) {
        if (fn == null) {
            throw new InvalidArgumentException("TracedFunction.of: fn is null");
        }
    }
}
