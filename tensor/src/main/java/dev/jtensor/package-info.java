/**
 * jtensor's public API: {@link dev.jtensor.Tensor} (an immutable value on a device, or a symbolic
 * graph output), {@link dev.jtensor.Operand} (its fluent ops), the static facade {@link dev.jtensor.TF}
 * with TensorFlow's names, {@link dev.jtensor.Variable} and {@link dev.jtensor.Module} for state,
 * {@link dev.jtensor.DType}, {@link dev.jtensor.Shape} (unknown dimensions allowed),
 * {@link dev.jtensor.Settings} (NumPy behaviour, default device and seed, process-wide or scoped to a
 * thread), {@link dev.jtensor.NumpyFiles} and the exceptions.
 *
 * {@snippet :
 * import static dev.jtensor.TF.*;
 *
 * Tensor a = constant(new float[][] {{1, 2}, {3, 4}});
 * Variable w = new Variable(randomNormal(2, 2));
 * Tensor y = matmul(a, w).add(1);
 * }
 *
 * <p>Errors are {@link dev.jtensor.InvalidArgumentException} (bad shapes, dtypes, axes, devices;
 * the message ends with TensorFlow's {@code [Op:Name]}) and
 * {@link dev.jtensor.FailedPreconditionException} (a call in a state that forbids it, such as
 * reading a symbolic tensor).
 */
package dev.jtensor;
