/** Weight penalties added to the training loss: {@link dev.jtensor.nn.regularizers.Regularizer}. */
package dev.jtensor.nn.regularizers;
