/**
 * Keras's metrics: {@link dev.jtensor.nn.metrics.Metric} (update, result, reset over non-trainable
 * variables, so updates inside traced train steps run at every call), {@link dev.jtensor.nn.metrics.Mean},
 * the accuracies, precision, recall and AUC, and {@link dev.jtensor.nn.metrics.Metrics#get} by
 * Keras's names.
 *
 * {@snippet :
 * Metric accuracy = Metrics.get("accuracy");
 * accuracy.update(labels, probabilities);
 * System.out.printf("accuracy: %.4f%n", accuracy.result().floatValue());
 * }
 */
package dev.jtensor.nn.metrics;
