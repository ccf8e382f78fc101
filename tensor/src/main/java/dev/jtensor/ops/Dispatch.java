package dev.jtensor.ops;

import dev.jtensor.FailedPreconditionException;
import dev.jtensor.InvalidArgumentException;
import dev.jtensor.ResourceExhaustedException;
import dev.jtensor.Tensor;
import dev.jtensor.Variable;
import dev.jtensor.accel.Backend;
import dev.jtensor.internal.TensorAccess;
import dev.jtensor.internal.ThreadSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * The one place every primitive goes through: check the inputs against the primitive's rules,
 * pick the backend from the inputs' device, run it (unless a hook intercepts), then tell the hooks.
 * Hooks are per thread, so a gradient tape on one thread never sees another thread's ops.
 *
 * {@snippet :
 * Tensor sum = Dispatch.apply(new Binary(BinaryOp.ADD), a, b);
 * }
 *
 * <p><b>Devices.</b> All inputs must live on one device, and the op runs there; inputs on two
 * devices are an {@link InvalidArgumentException} naming both (move one with
 * {@link Tensor#to}). An op without inputs (a fill from a shape, a random op, a variable read) runs
 * on the thread's default device ({@link dev.jtensor.Settings#device()}).
 *
 * <p><b>Symbolic inputs.</b> A hook that builds a graph intercepts ops on symbolic tensors; if
 * none does, the op is a {@link FailedPreconditionException}, since there is nothing to compute on.
 *
 * <p><b>Levels.</b> {@link #openLevel} starts a level: hooks installed before it do not see the ops
 * applied inside it, until it closes. A traced function or a custom gradient runs its body inside a
 * level and shows outer hooks one {@link Call} op instead, whose gradient the body supplies.
 */
public final class Dispatch {

    private static final ThreadLocal<Hooks> HOOKS = ThreadLocal.withInitial(Hooks::new);

    private Dispatch() {
    }

    /** This thread's hooks, oldest first, and where each open level starts. */
    private static final class Hooks {
        final List<OpHook> all = new ArrayList<>();
        final List<Integer> levelStarts = new ArrayList<>();

        int visibleFrom() {
            return levelStarts.isEmpty() ? 0 : levelStarts.getLast();
        }

        void remove(OpHook hook) {
            int i = all.lastIndexOf(hook);
            if (i < 0) return;
            all.remove(i);
            for (int l = 0; l < levelStarts.size(); l++) {
                if (levelStarts.get(l) > i) levelStarts.set(l, levelStarts.get(l) - 1);
            }
        }
    }

    /**
     * Applies {@code primitive} to {@code inputs}.
     *
     * @throws InvalidArgumentException if the inputs break the primitive's shape or dtype rules, live
     *     on different devices, or a data-dependent check fails (integer division by zero, an index
     *     out of range, ...)
     * @throws FailedPreconditionException if an input is symbolic and no graph hook takes the op
     * @throws ResourceExhaustedException if the result does not fit in memory (nothing was allocated)
     */
    public static Tensor apply(Primitive primitive, Tensor... inputs) {
        if (primitive == null || inputs == null) {
            throw new InvalidArgumentException("Dispatch.apply: " + (primitive == null ? "primitive" : "inputs")
                    + " is null");
        }
        TensorSpec[] specs = new TensorSpec[inputs.length];
        Backend backend = null;
        boolean symbolic = false;
        for (int i = 0; i < inputs.length; i++) {
            Tensor in = inputs[i];
            if (in == null) {
                throw InvalidArgumentException.of(primitive.name(), "input #" + i + " is null");
            }
            specs[i] = TensorSpec.of(in);
            Backend b = TensorAccess.backend(in);
            if (backend == null) {
                backend = b;
            } else if (b != backend) {
                throw mixedDevices(primitive, inputs, i);
            }
            symbolic |= in.isSymbolic();
        }
        if (backend == null) {
            backend = ThreadSettings.backend();
        }
        TensorSpec output = infer(primitive, specs);
        Hooks hooks = HOOKS.get();
        List<OpHook> all = hooks.all;
        int from = hooks.visibleFrom();
        Tensor result = null;
        for (int i = all.size() - 1; i >= from && result == null; i--) {
            result = all.get(i).intercept(primitive, inputs, output);
        }
        if (result == null) {
            if (symbolic) {
                throw new FailedPreconditionException(primitive.name() + " got a symbolic input ("
                        + firstSymbolic(inputs) + ") but no graph is being built on this thread to add it to; "
                        + "build it inside the graph's scope and evaluate it in a Session");
            }
            result = compute(primitive, backend, inputs, output);
        }
        if (all.size() > from) {
            for (OpHook hook : List.copyOf(all.subList(from, all.size()))) {
                hook.recorded(primitive, inputs, result);
            }
        }
        return result;
    }

    private static final ThreadLocal<BufferSource> BUFFERS = new ThreadLocal<>();

    /**
     * Until the returned scope closes, the primitives computed on this thread take their output
     * buffers from {@code buffers} and read and update variables through it; {@code null} for fresh
     * buffers and plain reads (what a scope without a source means). Scopes nest.
     *
     * {@snippet :
     * try (Dispatch.BufferScope lent = Dispatch.withBuffers((backend, type, size) -> spare)) {
     *     Tensor z = Dispatch.apply(new Binary(BinaryOp.ADD), x, y);   // written into spare
     * }
     * }
     */
    public static BufferScope withBuffers(BufferSource buffers) {
        BufferSource previous = BUFFERS.get();
        BUFFERS.set(buffers);
        return () -> BUFFERS.set(previous);
    }

    /** The extent of a {@link #withBuffers} source; closing restores the one before. */
    @FunctionalInterface
    public interface BufferScope extends AutoCloseable {
        @Override
        void close();
    }

    /** The source of output buffers for this thread's computation now, or null for fresh ones. */
    static BufferSource bufferSource() {
        return BUFFERS.get();
    }

    private static Tensor firstSymbolic(Tensor[] inputs) {
        for (Tensor t : inputs) {
            if (t.isSymbolic()) return t;
        }
        throw new IllegalStateException();
    }

    private static InvalidArgumentException mixedDevices(Primitive primitive, Tensor[] inputs, int i) {
        return InvalidArgumentException.of(primitive.name(), "Expected all inputs on one device, but input #0 is on "
                + inputs[0].device() + " and input #" + i + " is on " + inputs[i].device()
                + "; move one with tensor.to(device)");
    }

    /**
     * The primitive's output spec. A rule error from a shared helper that knows no op (a
     * {@link dev.jtensor.Shape} too large for a Java array) gets this primitive's {@code [Op:...]} tag.
     */
    private static TensorSpec infer(Primitive primitive, TensorSpec[] specs) {
        try {
            return primitive.infer(specs);
        } catch (InvalidArgumentException e) {
            if (e.getMessage() != null && e.getMessage().contains("[Op:")) {
                throw e;
            }
            throw new InvalidArgumentException(e.getMessage() + " [Op:" + primitive.name() + "]", e);
        }
    }

    private static Tensor compute(Primitive primitive, Backend backend, Tensor[] inputs, TensorSpec output) {
        try {
            return primitive.compute(backend, inputs, output);
        } catch (ArithmeticException e) {
            throw InvalidArgumentException.of(primitive.name(), capitalize(e.getMessage()));
        } catch (ResourceExhaustedException e) {
            throw new ResourceExhaustedException(e.getMessage() + " [Op:" + primitive.name() + "]", e);
        }
    }

    private static String capitalize(String s) {
        return s == null || s.isEmpty() ? "arithmetic error" : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /**
     * {@code value}, a tensor just made from Java values, as the hooks of the current level want it:
     * a graph being built turns it into a constant node; otherwise it is returned as it is.
     */
    public static Tensor constant(Tensor value) {
        if (value == null) {
            throw new InvalidArgumentException("Dispatch.constant: value is null");
        }
        Hooks hooks = HOOKS.get();
        for (int i = hooks.all.size() - 1; i >= hooks.visibleFrom(); i--) {
            Tensor replaced = hooks.all.get(i).constant(value);
            if (replaced != null) return replaced;
        }
        return value;
    }

    /**
     * Asks the hooks of the current level, newest first, to create {@code variable} as a graph
     * variable ({@link OpHook#createVariable}).
     *
     * @param name the requested name, or null for a generated one
     * @return the first hook's answer, or {@code null} when none builds a graph (an eager variable)
     */
    public static CreatedVariable createVariable(Variable variable, String name, boolean trainable,
                                                 Tensor initialValue) {
        if (variable == null || initialValue == null) {
            throw new InvalidArgumentException("Dispatch.createVariable: " + (variable == null ? "variable" : "initialValue")
                    + " is null");
        }
        Hooks hooks = HOOKS.get();
        for (int i = hooks.all.size() - 1; i >= hooks.visibleFrom(); i--) {
            CreatedVariable created = hooks.all.get(i).createVariable(variable, name, trainable, initialValue);
            if (created != null) return created;
        }
        return null;
    }

    /**
     * Installs {@code hook} on this thread until the returned scope is closed. Hooks nest: the most
     * recent one is asked first to intercept, and all hooks of the current level see every op.
     */
    public static Scope push(OpHook hook) {
        if (hook == null) {
            throw new InvalidArgumentException("Dispatch.push: hook is null");
        }
        HOOKS.get().all.add(hook);
        return new Scope(hook, false);
    }

    /**
     * Opens a level on this thread and installs {@code hook} (may be null) as its first hook: until
     * the scope closes, the hooks installed before see none of the ops applied on this thread.
     * Levels close in the reverse order of opening.
     */
    public static Scope openLevel(OpHook hook) {
        Hooks hooks = HOOKS.get();
        hooks.levelStarts.add(hooks.all.size());
        if (hook != null) {
            hooks.all.add(hook);
        }
        return new Scope(hook, true);
    }

    /** Whether any hook of the current level is installed on this thread. */
    public static boolean hasHooks() {
        Hooks hooks = HOOKS.get();
        return hooks.all.size() > hooks.visibleFrom();
    }

    /** Removes its hook (and closes its level) when closed; closing twice is harmless. */
    public static final class Scope implements AutoCloseable {
        private final OpHook hook;
        private final boolean level;
        private boolean closed;

        private Scope(OpHook hook, boolean level) {
            this.hook = hook;
            this.level = level;
        }

        @Override
        public void close() {
            if (closed) return;
            closed = true;
            Hooks hooks = HOOKS.get();
            if (hook != null) {
                hooks.remove(hook);
            }
            if (level && !hooks.levelStarts.isEmpty()) {
                hooks.levelStarts.removeLast();
            }
        }
    }
}
