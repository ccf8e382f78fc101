/**
 * Keras's losses: {@link dev.jtensor.nn.losses.Loss} (per-sample losses, sample weights and a
 * {@link dev.jtensor.nn.losses.Reduction}), mean squared and absolute error, Huber, binary,
 * categorical and sparse categorical cross-entropy (from logits or probabilities, numerically
 * stable), and {@link dev.jtensor.nn.losses.Losses#get} by Keras's names.
 *
 * {@snippet :
 * Loss loss = Losses.get("mse");
 * try (GradientTape tape = new GradientTape()) {
 *     Tensor value = loss.call(y, model.call(x));
 *     List<Tensor> grads = tape.gradient(value, model.trainableVariables());
 * }
 * }
 */
package dev.jtensor.nn.losses;
