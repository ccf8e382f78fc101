package dev.jtensor.ops;

import dev.jtensor.accel.Backend;

/**
 * Where the output buffers of the primitives one {@link Dispatch#apply(BufferSource, Primitive, dev.jtensor.Tensor...)}
 * computes come from: a graph run lends buffers of intermediates no later op reads (its buffer
 * reuse). Buffers a source gives must not be visible through any live tensor; their contents are
 * unspecified, as a fresh allocation's (every kernel writes all of its output). Only outputs that
 * need no zeroing are asked for.
 */
@FunctionalInterface
public interface BufferSource {

    /**
     * A buffer of {@code size} elements of {@code type} ({@code float.class}, ...) on {@code backend}:
     * one lent, or {@code backend.allocate(type, size)}.
     */
    Object allocate(Backend backend, Class<?> type, int size);
}
