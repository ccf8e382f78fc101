/**
 * Learning-rate schedules (Keras's {@code keras.optimizers.schedules}): functions of the
 * optimizer's step counter written with tensor ops, usable in place of a constant learning rate.
 */
package dev.jtensor.nn.optimizers.schedules;
