package dev.jtensor.nn.optimizers;

import dev.jtensor.DType;
import dev.jtensor.Tensor;
import dev.jtensor.Variable;
import dev.jtensor.accel.UpdateRule;
import dev.jtensor.ops.ApplyGradientDescent;
import dev.jtensor.ops.Dispatch;
import java.util.List;

/**
 * Keras's stochastic gradient descent, with optional (Nesterov) momentum: {@code w -= lr * g}, or
 * with momentum {@code m = momentum * m - lr * g; w += m} (Nesterov: {@code w += momentum * m - lr * g}),
 * each one fused pass. Defaults: learning rate 0.01, momentum 0, no Nesterov.
 *
 * {@snippet :
 * Optimizer plain = new SGD(0.1);
 * Optimizer nesterov = SGD.builder().learningRate(0.01).momentum(0.9).nesterov(true).build();
 * }
 */
public final class SGD extends Optimizer {

    private final double momentum;
    private final boolean nesterov;

    /** Keras's defaults: learning rate 0.01, no momentum. */
    public SGD() {
        this(builder());
    }

    /** Plain SGD with {@code learningRate}. */
    public SGD(double learningRate) {
        this(builder().learningRate(learningRate));
    }

    private SGD(Builder b) {
        super(b);
        this.momentum = b.momentum;
        this.nesterov = b.nesterov;
    }

    /** A builder with Keras's defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The momentum factor (0: none). */
    public double momentum() {
        return momentum;
    }

    /** Whether the momentum is Nesterov's. */
    public boolean nesterov() {
        return nesterov;
    }

    @Override
    protected List<String> slotNames() {
        return momentum > 0 ? List.of("momentum") : List.of();
    }

    @Override
    protected Tensor[] hyperparameters(DType dtype, Tensor learningRate, Tensor localStep) {
        return new Tensor[] {learningRate, scalar(momentum, dtype)};
    }

    @Override
    protected void update(Variable variable, Tensor gradient, List<Variable> slots, Tensor[] hyperparameters) {
        if (slots.isEmpty()) {
            Dispatch.apply(new ApplyGradientDescent(variable.handle()), hyperparameters[0], gradient);
        } else {
            fused(nesterov ? UpdateRule.NESTEROV_MOMENTUM : UpdateRule.MOMENTUM, variable, slots, hyperparameters,
                    gradient);
        }
    }

    /** SGD's options: the common ones, momentum and Nesterov. */
    public static final class Builder extends Optimizer.Builder<Builder> {

        private double momentum;
        private boolean nesterov;

        private Builder() {
            super("SGD", 0.01);
        }

        /** The momentum factor, in [0, 1] (default 0: plain SGD). */
        public Builder momentum(double momentum) {
            this.momentum = inRange("momentum", momentum, 0, 1, false);
            return this;
        }

        /** Whether to use Nesterov momentum (default false). */
        public Builder nesterov(boolean nesterov) {
            this.nesterov = nesterov;
            return this;
        }

        /** The optimizer. */
        public SGD build() {
            return new SGD(this);
        }
    }
}
