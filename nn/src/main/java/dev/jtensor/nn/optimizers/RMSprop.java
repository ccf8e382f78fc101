package dev.jtensor.nn.optimizers;

import dev.jtensor.DType;
import dev.jtensor.Tensor;
import dev.jtensor.Variable;
import dev.jtensor.accel.UpdateRule;
import java.util.ArrayList;
import java.util.List;

/**
 * Keras's RMSprop: {@code rms = rho * rms + (1 - rho) * g^2}, {@code increment = lr * g / sqrt(rms + epsilon)}
 * ({@code sqrt(rms - mg^2 + epsilon)} when centered, with {@code mg = rho * mg + (1 - rho) * g}),
 * {@code w -= increment}, or with momentum {@code momentum = momentum_factor * momentum + increment;
 * w -= momentum}. One fused pass per variable. Slots {@code rms} (and {@code mg}, {@code momentum}).
 * Defaults: learning rate 0.001, rho 0.9, momentum 0, epsilon 1e-7, not centered.
 *
 * {@snippet :
 * Optimizer rmsprop = RMSprop.builder().learningRate(1e-3).rho(0.9).momentum(0.5).centered(true).build();
 * }
 */
public final class RMSprop extends Optimizer {

    private final double rho, momentum, epsilon;
    private final boolean centered;

    /** Keras's defaults. */
    public RMSprop() {
        this(builder());
    }

    /** Keras's defaults with {@code learningRate}. */
    public RMSprop(double learningRate) {
        this(builder().learningRate(learningRate));
    }

    private RMSprop(Builder b) {
        super(b);
        this.rho = b.rho;
        this.momentum = b.momentum;
        this.epsilon = b.epsilon;
        this.centered = b.centered;
    }

    /** A builder with Keras's defaults. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected List<String> slotNames() {
        List<String> names = new ArrayList<>(List.of("rms"));
        if (centered) names.add("mg");
        if (momentum > 0) names.add("momentum");
        return List.copyOf(names);
    }

    @Override
    protected Tensor[] hyperparameters(DType dtype, Tensor learningRate, Tensor localStep) {
        return new Tensor[] {learningRate, scalar(rho, dtype), scalar(1 - rho, dtype), scalar(epsilon, dtype),
                scalar(momentum, dtype)};
    }

    @Override
    protected void update(Variable variable, Tensor gradient, List<Variable> slots, Tensor[] hyperparameters) {
        UpdateRule rule = centered
                ? (momentum > 0 ? UpdateRule.CENTERED_RMSPROP_MOMENTUM : UpdateRule.CENTERED_RMSPROP)
                : (momentum > 0 ? UpdateRule.RMSPROP_MOMENTUM : UpdateRule.RMSPROP);
        fused(rule, variable, slots, hyperparameters, gradient);
    }

    /** RMSprop's options: the common ones, rho, momentum, epsilon and centering. */
    public static final class Builder extends Optimizer.Builder<Builder> {

        private double rho = 0.9, momentum, epsilon = 1e-7;
        private boolean centered;

        private Builder() {
            super("rmsprop", 0.001);
        }

        /** The discount of the running mean square, in [0, 1) (default 0.9). */
        public Builder rho(double rho) {
            this.rho = inRange("rho", rho, 0, 1, true);
            return this;
        }

        /** The momentum factor, in [0, 1) (default 0: none). */
        public Builder momentum(double momentum) {
            this.momentum = inRange("momentum", momentum, 0, 1, true);
            return this;
        }

        /** The constant added under the square root, >= 0 (default 1e-7). */
        public Builder epsilon(double epsilon) {
            this.epsilon = inRange("epsilon", epsilon, 0, Double.MAX_VALUE, false);
            return this;
        }

        /** Whether to divide by the estimated variance instead of the mean square (default false). */
        public Builder centered(boolean centered) {
            this.centered = centered;
            return this;
        }

        /** The optimizer. */
        public RMSprop build() {
            return new RMSprop(this);
        }
    }
}
