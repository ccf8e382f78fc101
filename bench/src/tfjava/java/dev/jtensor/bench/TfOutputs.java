package dev.jtensor.bench;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.bytedeco.javacpp.Pointer;
import org.tensorflow.EagerSession;
import org.tensorflow.Operand;
import org.tensorflow.Output;

/**
 * Frees the native tensor behind an eager op's result as soon as the benchmark is done with it.
 *
 * <p>TF Java frees an eager result only when the garbage collector collects its small Java
 * wrapper (or when the session closes). The wrappers put almost no pressure on the Java heap,
 * so a benchmark that makes a 64 MB result per op could pile up gigabytes of native memory
 * between collections. Freeing each result right away is what NumPy (reference counting) does
 * inside its timing loop too. TF Java has no public
 * call for it, so this does what TF Java does itself when it resolves a result
 * ({@code EagerOperation.resolveTensor}): it takes the handle out of the session's pointer scope,
 * which releases it, through the package-private {@code Output.getUnsafeNativeHandle()} and
 * {@code EagerSession.detach(Pointer...)}. Merely deallocating the handle leaves it in that
 * scope's {@code WeakHashMap}, which then grows slower with every op (a 2x2 add went from 20 to
 * 250 us within seconds, the time spent in {@code WeakHashMap.put}).
 */
final class TfOutputs {

    private static final MethodHandle NATIVE_HANDLE;
    private static final MethodHandle DETACH;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(Output.class, MethodHandles.lookup());
            NATIVE_HANDLE = lookup.findVirtual(Output.class, "getUnsafeNativeHandle", MethodType.methodType(Pointer.class));
            DETACH = lookup.findVirtual(EagerSession.class, "detach", MethodType.methodType(void.class, Pointer[].class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private TfOutputs() {
    }

    /** Frees {@code result}'s native tensor handle; returns whether it was live (for the blackhole). */
    static boolean free(Operand<?> result) {
        try {
            Output<?> output = result.asOutput();
            Pointer handle = (Pointer) NATIVE_HANDLE.invoke(output);
            boolean live = !handle.isNull();
            DETACH.invoke((EagerSession) output.op().env(), new Pointer[] {handle});
            return live;
        } catch (Throwable e) {
            throw new IllegalStateException("cannot free a TF Java eager result", e);
        }
    }
}
