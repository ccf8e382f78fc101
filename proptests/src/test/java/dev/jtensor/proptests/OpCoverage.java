package dev.jtensor.proptests;

import dev.jtensor.Operand;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import dev.jtensor.ops.Binary;
import dev.jtensor.ops.Dispatch;
import dev.jtensor.ops.OpHook;
import dev.jtensor.ops.Primitive;
import dev.jtensor.ops.Reduce;
import dev.jtensor.ops.Unary;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Records what running some code exercised: the primitives dispatched, their {@code UnaryOp},
 * {@code BinaryOp} and {@code ReduceOp} constants, and the {@link TF} and {@link Operand} methods
 * on the stack at each dispatch. Names look like {@code Unary}, {@code UnaryOp.EXP} and
 * {@code TF.add(Operand, double)}.
 */
final class OpCoverage implements OpHook {

    private static final StackWalker STACK = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    private final Set<String> seen = new TreeSet<>();

    /** Runs {@code code} while recording. */
    <T> T record(Supplier<T> code) {
        try (var _ = Dispatch.push(this)) {
            return code.get();
        }
    }

    /** Everything recorded so far. */
    Set<String> seen() {
        return seen;
    }

    @Override
    public void recorded(Primitive primitive, Tensor[] inputs, Tensor output) {
        seen.add(primitive.getClass().getSimpleName());
        switch (primitive) {
            case Unary u -> seen.add("UnaryOp." + u.op());
            case Binary b -> seen.add("BinaryOp." + b.op());
            case Reduce r -> seen.add("ReduceOp." + r.op());
            default -> { }
        }
        STACK.forEach(frame -> {
            Class<?> owner = frame.getDeclaringClass();
            if (owner == TF.class || owner == TF.nn.class || owner == Operand.class) {
                seen.add(name(owner, frame.getMethodName(), frame.getMethodType().parameterArray()));
            }
        });
    }

    /** {@code TF.add(Operand, double)}. */
    static String name(Class<?> owner, String method, Class<?>[] parameters) {
        return owner.getSimpleName() + "." + method + Arrays.stream(parameters).map(Class::getSimpleName)
                .collect(Collectors.joining(", ", "(", ")"));
    }

    /**
     * The public API that must be covered: static methods of {@link TF} and {@link TF.nn} that return a tensor (or a
     * list of them) and take a tensor argument, and the methods of {@link Operand} that return one.
     */
    static Set<String> apiOps() {
        Stream<Method> tf = Stream.of(TF.class, TF.nn.class).flatMap(c -> Arrays.stream(c.getDeclaredMethods()))
                .filter(m -> Modifier.isPublic(m.getModifiers()) && Modifier.isStatic(m.getModifiers()))
                .filter(m -> Arrays.stream(m.getGenericParameterTypes()).anyMatch(t -> t.getTypeName().contains("Operand")
                        || t.getTypeName().contains("Tensor")));
        Stream<Method> operand = Arrays.stream(Operand.class.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers()));
        return Stream.concat(tf, operand)
                .filter(m -> m.getReturnType() == Tensor.class || m.getGenericReturnType().getTypeName()
                        .equals("java.util.List<dev.jtensor.Tensor>"))
                .map(m -> name(m.getDeclaringClass(), m.getName(), m.getParameterTypes()))
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
