/**
 * Keras's optimizers: {@link dev.jtensor.nn.optimizers.SGD}, {@link dev.jtensor.nn.optimizers.Adam},
 * {@link dev.jtensor.nn.optimizers.AdamW}, {@link dev.jtensor.nn.optimizers.RMSprop} and
 * {@link dev.jtensor.nn.optimizers.Adagrad}, by name through {@link dev.jtensor.nn.optimizers.Optimizers#get};
 * each update is one fused stateful op per variable, and all state lives in variables, so traced
 * training steps update everything at every call.
 */
package dev.jtensor.nn.optimizers;
