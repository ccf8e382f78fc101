package dev.jtensor.nn.layers;

import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Shape;
import dev.jtensor.Tensor;
import java.util.Arrays;

/**
 * Keras's {@code Reshape}: gives each example the {@code targetShape} (the batch dimension is kept;
 * one target dimension may be -1 and is inferred).
 *
 * {@snippet :
 * Tensor images = new Reshape(28, 28, 1).call(TF.zeros(32, 784));   // (32, 28, 28, 1)
 * }
 */
public final class Reshape extends Layer {

    private final int[] targetShape;
    /** The target with its -1 resolved once the per-example size is known. */
    private final int[] resolved;

    /** The per-example target shape. */
    public Reshape(int... targetShape) {
        if (targetShape == null) throw new InvalidArgumentException("Reshape: targetShape is null");
        if (targetShape.length == 0) {
            throw new InvalidArgumentException("Reshape: the target shape is empty");
        }
        if (Arrays.stream(targetShape).anyMatch(d -> d < -1 || d == 0)
                || Arrays.stream(targetShape).filter(d -> d == -1).count() > 1) {
            throw new InvalidArgumentException("Reshape: the target shape " + Arrays.toString(targetShape)
                    + " must have positive dimensions and at most one -1");
        }
        this.targetShape = targetShape.clone();
        this.resolved = targetShape.clone();
    }

    @Override
    protected void checkBuildShape(Shape inputShape) {
        requireRank(inputShape, 1, false);
    }

    /** Resolves the target's -1 from the per-example size, when the input's non-batch dimensions are known. */
    @Override
    protected void build(Shape inputShape) {
        long perExample = 1;
        for (int i = 1; i < inputShape.rank(); i++) {
            if (inputShape.get(i) == Shape.UNKNOWN) return;
            perExample *= inputShape.get(i);
        }
        long known = Arrays.stream(targetShape).filter(d -> d > 0).asLongStream().reduce(1, (a, b) -> a * b);
        boolean inferred = Arrays.stream(targetShape).anyMatch(d -> d == -1);
        if (inferred ? perExample % known != 0 : perExample != known) {
            throw new InvalidArgumentException("Layer \"" + name() + "\": the total size of the target shape "
                    + Arrays.toString(targetShape) + " does not match an input of shape " + inputShape
                    + " (" + perExample + " elements per example)");
        }
        for (int i = 0; i < resolved.length; i++) if (resolved[i] == -1) resolved[i] = (int) (perExample / known);
    }

    @Override
    protected Tensor forward(Tensor x, boolean training) {
        int batch = x.shape().get(0);
        boolean inferred = Arrays.stream(resolved).anyMatch(d -> d == -1);
        int[] full = new int[resolved.length + 1];
        full[0] = batch == Shape.UNKNOWN ? -1 : batch;
        if (batch == Shape.UNKNOWN && inferred) {
            throw new InvalidArgumentException("Layer \"" + name() + "\": cannot infer the -1 of "
                    + Arrays.toString(targetShape) + " for an input of shape " + x.shape());
        }
        System.arraycopy(resolved, 0, full, 1, resolved.length);
        return x.reshape(full);
    }
}
