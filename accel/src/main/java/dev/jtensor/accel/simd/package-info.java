/**
 * Kernels written with the incubating Vector API ({@code jdk.incubator.vector}). This is the only
 * package of jtensor that may import it: the module is absent unless the JVM is started with
 * {@code --add-modules jdk.incubator.vector}, and the backend that uses this package is chosen only
 * when it loads, falling back to the scalar kernels otherwise.
 *
 * <p>{@link dev.jtensor.accel.simd.SimdMatmul} is the float32/float64 matrix product.
 *
 * <p>Every kernel here is deterministic: the same call on the same input gives the same bits in
 * the interpreter and in compiled code, on any number of threads, in every run. Only lanewise
 * operations that are single IEEE operations (add, multiply, divide, sqrt, FMA, max, min, compare,
 * blend) feed a result, and they round alike in every mode; lanes are never combined with
 * {@code reduceLanes(ADD)}, whose order differs between the interpreter and compiled code, but in
 * lane order (see {@code SimdReductions}). Work is split over threads by output elements where each
 * element is computed whole by one thread, and anything that accumulates is cut into blocks of a
 * fixed size whose results are combined in a fixed order, never into one piece per thread. The
 * Vector API's own transcendentals ({@code lanewise(EXP)} and the like) are not used, since the JDK
 * evaluates them one way interpreted and another compiled: {@code FloatMath} and {@code DoubleMath}
 * compute exp, log, log1p, expm1, tanh, sigmoid, softplus, sin and cos with explicit polynomials,
 * each with its measured ulp bound. {@code KernelDeterminismTest} checks all of this in a fresh JVM.
 */
package dev.jtensor.accel.simd;
