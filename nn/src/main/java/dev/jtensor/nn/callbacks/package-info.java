/**
 * Keras's callbacks for {@code fit}: {@link dev.jtensor.nn.callbacks.History},
 * {@link dev.jtensor.nn.callbacks.EarlyStopping}, {@link dev.jtensor.nn.callbacks.LearningRateScheduler},
 * {@link dev.jtensor.nn.callbacks.LambdaCallback}, and {@link dev.jtensor.nn.callbacks.Callback} to write your own.
 */
package dev.jtensor.nn.callbacks;
