package dev.jtensor.nn.optimizers;

/**
 * Keras's AdamW (Loshchilov and Hutter's decoupled weight decay): {@code w -= w * weightDecay * lr},
 * then the {@link Adam} update. Defaults: Adam's, with weight decay 0.004.
 *
 * {@snippet :
 * Optimizer adamw = new AdamW(1e-3, 0.01);
 * Optimizer tuned = AdamW.builder().weightDecay(0.05).beta2(0.95).build();   // an AdamW
 * }
 */
public final class AdamW extends Adam {

    /** Keras's defaults: learning rate 0.001, weight decay 0.004. */
    public AdamW() {
        this(builder());
    }

    /** Keras's defaults with {@code learningRate} and {@code weightDecay}. */
    public AdamW(double learningRate, double weightDecay) {
        this(builder().learningRate(learningRate).weightDecay(weightDecay));
    }

    private AdamW(Adam.Builder b) {
        super(b);
    }

    /** A builder with Keras's defaults; its {@code build()} makes an {@code AdamW}. */
    public static Adam.Builder builder() {
        return new Builder();
    }

    private static final class Builder extends Adam.Builder {

        Builder() {
            super("adamw", 0.004);
        }

        @Override
        public AdamW build() {
            return new AdamW(this);
        }
    }
}
