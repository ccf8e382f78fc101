/**
 * Kernels written with the incubating Vector API ({@code jdk.incubator.vector}). This is the only
 * package of jtensor that may import it: the module is absent unless the JVM is started with
 * {@code --add-modules jdk.incubator.vector}, and the backend that uses this package is chosen only
 * when it loads, falling back to the scalar kernels otherwise.
 *
 * <p>{@link dev.jtensor.accel.simd.SimdMatmul} is the float32/float64 matrix product.
 */
package dev.jtensor.accel.simd;
