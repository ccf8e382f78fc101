/**
 * The SIMD backend: {@link dev.jtensor.accel.simd.SimdKernels} and its loops over contiguous rows
 * written with the incubating Vector API ({@code jdk.incubator.vector}). This package is the only
 * code that imports it; {@link dev.jtensor.accel.KernelProvider} loads it reflectively, so jtensor
 * runs (on the scalar kernels) when the module is not readable.
 */
package dev.jtensor.accel.simd;
