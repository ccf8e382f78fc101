package dev.jtensor.ops;

import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * The one place every primitive goes through: check the inputs against the primitive's rules,
 * run it (unless a hook intercepts), then tell the hooks. Hooks are per thread, so a gradient tape
 * on one thread never sees another thread's ops.
 *
 * {@snippet :
 * Tensor sum = Dispatch.apply(new Binary(BinaryOp.ADD), a, b);
 * }
 */
public final class Dispatch {

    private static final ThreadLocal<List<OpHook>> HOOKS = ThreadLocal.withInitial(ArrayList::new);

    private Dispatch() {
    }

    /**
     * Applies {@code primitive} to {@code inputs}.
     *
     * @throws InvalidArgumentException if the inputs break the primitive's shape or dtype rules, or a
     *     data-dependent check fails (integer division by zero, an index out of range, ...)
     */
    public static Tensor apply(Primitive primitive, Tensor... inputs) {
        TensorSpec[] specs = new TensorSpec[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i] == null) {
                throw InvalidArgumentException.of(primitive.name(), "input #" + i + " is null");
            }
            specs[i] = TensorSpec.of(inputs[i]);
        }
        TensorSpec output = infer(primitive, specs);
        List<OpHook> hooks = HOOKS.get();
        Tensor result = null;
        for (int i = hooks.size() - 1; i >= 0 && result == null; i--) {
            result = hooks.get(i).intercept(primitive, inputs, output);
        }
        if (result == null) {
            result = compute(primitive, inputs, output);
        }
        for (OpHook hook : List.copyOf(hooks)) {
            hook.recorded(primitive, inputs, result);
        }
        return result;
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

    private static Tensor compute(Primitive primitive, Tensor[] inputs, TensorSpec output) {
        try {
            return primitive.compute(inputs, output);
        } catch (ArithmeticException e) {
            throw InvalidArgumentException.of(primitive.name(), capitalize(e.getMessage()));
        }
    }

    private static String capitalize(String s) {
        return s == null || s.isEmpty() ? "arithmetic error" : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /**
     * Installs {@code hook} on this thread until the returned scope is closed. Hooks nest: the most
     * recent one is asked first to intercept, and all of them see every op.
     */
    public static Scope push(OpHook hook) {
        List<OpHook> hooks = HOOKS.get();
        hooks.add(hook);
        return new Scope(hook);
    }

    /** Whether any hook is installed on this thread. */
    public static boolean hasHooks() {
        return !HOOKS.get().isEmpty();
    }

    /** Removes its hook when closed; closing twice is harmless. */
    public static final class Scope implements AutoCloseable {
        private final OpHook hook;

        private Scope(OpHook hook) {
            this.hook = hook;
        }

        @Override
        public void close() {
            HOOKS.get().remove(hook);
        }
    }
}
