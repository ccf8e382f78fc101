package dev.jtensor.spark;

import dev.jtensor.InvalidArgumentException;
import java.io.Serializable;
import java.util.Arrays;

/**
 * One training example of an RDD: the model's input, flattened, and its target. The trainer shapes
 * the features to the model's input shape and the target to {@code (n, length)}, or {@code (n,)}
 * for a target of one value (a class id for sparse crossentropy, a regression value).
 *
 * {@snippet :
 * JavaRDD<Example> data = jsc.parallelize(List.of(new Example(new float[] {0.1f, 0.2f}, new float[] {1})), 2);
 * }
 *
 * @param features the input's values in row-major order
 * @param target the target's values
 */
public record Example(float[] features, float[] target) implements Serializable {

    /** @throws InvalidArgumentException if either array is null */
    public Example {
        if (features == null) throw new InvalidArgumentException("Example: features is null");
        if (target == null) throw new InvalidArgumentException("Example: target is null");
    }

    /** An example whose target is one value (a class id or a regression target). */
    public static Example of(float[] features, float target) {
        return new Example(features, new float[] {target});
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Example e && Arrays.equals(features, e.features) && Arrays.equals(target, e.target);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(features) + Arrays.hashCode(target);
    }

    @Override
    public String toString() {
        return "Example[features=" + Arrays.toString(features) + ", target=" + Arrays.toString(target) + "]";
    }
}
