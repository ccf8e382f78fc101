/**
 * Keras for jtensor: layers, models with {@code compile}/{@code fit}/{@code evaluate}/{@code predict},
 * and (in the sub-packages) losses, optimizers, metrics and datasets.
 */
package dev.jtensor.nn;
