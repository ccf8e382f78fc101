package dev.jtensor.ops;

import dev.jtensor.Tensor;
import dev.jtensor.accel.Backend;

/**
 * Where the output buffers of the primitives computed inside {@link Dispatch#withBuffers} come
 * from, and how variables are read and updated there: a graph run lends buffers of intermediates
 * no later op reads (buffer reuse) and lets updates write a variable's buffer in place when no one
 * can see the old value. Buffers a source gives must not be visible through any live tensor; their
 * contents are unspecified, as a fresh allocation's (every kernel writes all of its output). Only
 * outputs that need no zeroing are asked for.
 */
@FunctionalInterface
public interface BufferSource {

    /**
     * A buffer of {@code size} elements of {@code type} ({@code float.class}, ...) on {@code backend}:
     * one lent, or {@code backend.allocate(type, size)}.
     */
    Object allocate(Backend backend, Class<?> type, int size);

    /** What {@link ReadVariable} gives: the variable's value; a run that tracks its values may {@link VariableHandle#hold} it. */
    default Tensor read(VariableHandle variable) {
        return Primitives.nonNull("BufferSource.read", "variable", variable).value();
    }

    /**
     * The buffer an update of {@code variable} writes its new value into, called under the
     * variable's lock: a fresh one, or the current value's own (an in-place update) where the
     * source knows that no one will read the old value again.
     */
    default Object updateBuffer(VariableHandle variable, Backend backend, Class<?> type, int size) {
        Primitives.nonNull("BufferSource.updateBuffer", "variable", variable);
        Primitives.nonNull("BufferSource.updateBuffer", "type", type);
        return Primitives.nonNull("BufferSource.updateBuffer", "backend", backend).allocate(type, size);
    }

    /** Called under the variable's lock once an update has set its new value. */
    default void updated(VariableHandle variable) {
        Primitives.nonNull("BufferSource.updated", "variable", variable);
    }
}
