/**
 * Kernels over flat Java arrays described by an offset and per-dimension strides.
 *
 * <p>This package knows nothing about tensors: it receives {@code float[]}, {@code double[]},
 * {@code int[]}, {@code long[]} or {@code boolean[]} buffers wrapped in {@link dev.jtensor.accel.Strided}
 * together with a shape, and writes results into output buffers. {@link dev.jtensor.accel.Kernels}
 * is the service-provider interface every backend implements; {@link dev.jtensor.accel.ScalarKernels}
 * is the plain-Java reference that defines what each primitive computes, a facade over one
 * package-private class per family ({@code ScalarElementwise}, {@code ScalarReductions},
 * {@code ScalarLinearAlgebra}, {@code ScalarIndexing}), and
 * {@link dev.jtensor.accel.KernelProvider} picks the backend once at start-up.
 *
 * <p>Every backend is deterministic, so that it can serve as a reference: the same call on the
 * same input gives the same bits whatever the JIT has compiled, however many threads
 * {@link dev.jtensor.accel.Parallel} may use, and in every run (the SIMD backend's vector
 * transcendentals excepted until they are rewritten; see {@code dev.jtensor.accel.simd}). Work is
 * split over threads by output elements, each computed whole by one thread, or, where results
 * accumulate, into blocks of a fixed size combined in a fixed order; no kernel uses an operation
 * whose interpreted and compiled forms round differently. {@code KernelDeterminismTest} checks it
 * in a fresh JVM.
 *
 * <p>Internal to jtensor: applications use the {@code dev.jtensor} package instead.
 */
package dev.jtensor.accel;
