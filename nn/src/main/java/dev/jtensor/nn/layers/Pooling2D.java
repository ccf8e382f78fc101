package dev.jtensor.nn.layers;

import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Shape;
import dev.jtensor.Tensor;
import java.util.Locale;

/**
 * Keras's pooling base for NHWC images: a {@code poolSize} window stepping by {@code strides} (the
 * pool size unless set), {@code "valid"} (the default) or {@code "same"} padding. Subclasses say
 * what a window reduces to.
 *
 * @param <L> the concrete layer
 */
public abstract class Pooling2D<L extends Pooling2D<L>> extends Layer {

    private final int[] pool;
    private int[] strides;
    private String padding = "VALID";

    /** A square window of side {@code poolSize}, stepping by it. */
    protected Pooling2D(int poolSize) {
        this.pool = positivePair(name(), "poolSize", poolSize);
        this.strides = pool.clone();
    }

    @SuppressWarnings("unchecked")
    private L self() {
        return (L) this;
    }

    /** Steps of {@code stride} in both directions. */
    public L strides(int stride) {
        requireNotBuilt("strides");
        this.strides = positivePair(name(), "strides", stride);
        return self();
    }

    /** {@code "valid"} or {@code "same"}. */
    public L padding(String mode) {
        requireNotBuilt("padding");
        this.padding = tfPadding(name(), mode);
        return self();
    }

    @Override
    protected void checkBuildShape(Shape inputShape) {
        requireRank(inputShape, 4, true);
    }

    @Override
    protected void checkInput(Shape inputShape) {
        requireRank(inputShape, 4, true);
    }

    @Override
    protected final Tensor forward(Tensor x, boolean training) {
        return pool(x, pool, strides, padding);
    }

    /** The pooled images, with TensorFlow's padding name ({@code "VALID"}/{@code "SAME"}). */
    protected abstract Tensor pool(Tensor x, int[] window, int[] strides, String padding);

    /** TensorFlow's padding name for Keras's {@code "valid"}/{@code "same"}. */
    static String tfPadding(String layer, String mode) {
        String m = mode == null ? "null" : mode.toUpperCase(Locale.ROOT);
        if (!m.equals("VALID") && !m.equals("SAME")) {
            throw new InvalidArgumentException("Layer \"" + layer + "\": padding must be \"valid\" or \"same\", got " + mode);
        }
        return m;
    }

    /** {@code {n, n}}, checked positive. */
    static int[] positivePair(String layer, String what, int n) {
        if (n <= 0) {
            throw new InvalidArgumentException("Layer \"" + layer + "\": " + what + " must be positive, got " + n);
        }
        return new int[] {n, n};
    }
}
