package dev.jtensor.spark;

import dev.jtensor.nn.Model;
import java.io.Serializable;

/**
 * Builds and compiles the model to train, the same way in every JVM: the driver calls it once for
 * the model the optimizer updates, each executor for its replicas. It travels to the executors
 * with Spark's Java serialization, so it must hold nothing that cannot be serialised (a lambda of
 * a serialisable functional interface, such as this one, serialises its captured values).
 *
 * {@snippet :
 * ModelFactory factory = () -> {
 *     Sequential m = new Sequential(new InputLayer(64), new Dense(32, "relu"), new Dense(10));
 *     m.compile(new Adam(0.01), new SparseCategoricalCrossentropy(true));
 *     return m;
 * };
 * }
 */
@FunctionalInterface
public interface ModelFactory extends Serializable {

    /** A new, compiled model; every call must give the same architecture (weights are overwritten). */
    Model create();
}
