/**
 * Data-parallel training: {@link dev.jtensor.nn.distribute.ReplicaStep} (one replica's part of a
 * synchronous step, and the update from the summed parts), {@link
 * dev.jtensor.nn.distribute.MirroredStrategy} (replicas on threads of one machine, from {@code fit}),
 * and {@link dev.jtensor.nn.distribute.ReplicaContext} (where layers' state updates go inside a
 * replica). The {@code jtensor-spark} module runs the same replica steps on Spark executors.
 */
package dev.jtensor.nn.distribute;
