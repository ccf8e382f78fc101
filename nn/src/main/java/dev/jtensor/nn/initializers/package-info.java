/** Initial values for layers' weights: {@link dev.jtensor.nn.initializers.Initializers} (Keras's built-in ones). */
package dev.jtensor.nn.initializers;
