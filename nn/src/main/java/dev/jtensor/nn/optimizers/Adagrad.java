package dev.jtensor.nn.optimizers;

import dev.jtensor.DType;
import dev.jtensor.Tensor;
import dev.jtensor.Variable;
import dev.jtensor.accel.UpdateRule;
import java.util.List;

/**
 * Keras's Adagrad: {@code accumulator += g^2; w -= lr * g / sqrt(accumulator + epsilon)}, one fused
 * pass per variable. Slot {@code accumulator}, starting at {@code initialAccumulatorValue}.
 * Defaults: learning rate 0.001, initial accumulator 0.1, epsilon 1e-7.
 *
 * {@snippet :
 * Optimizer adagrad = Adagrad.builder().learningRate(0.01).initialAccumulatorValue(0.1).build();
 * }
 */
public final class Adagrad extends Optimizer {

    private final double initialAccumulatorValue, epsilon;

    /** Keras's defaults. */
    public Adagrad() {
        this(builder());
    }

    /** Keras's defaults with {@code learningRate}. */
    public Adagrad(double learningRate) {
        this(builder().learningRate(learningRate));
    }

    private Adagrad(Builder b) {
        super(b);
        this.initialAccumulatorValue = b.initialAccumulatorValue;
        this.epsilon = b.epsilon;
    }

    /** A builder with Keras's defaults. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected List<String> slotNames() {
        return List.of("accumulator");
    }

    @Override
    protected double slotInitialValue(String slot) {
        return initialAccumulatorValue;
    }

    @Override
    protected Tensor[] hyperparameters(DType dtype, Tensor learningRate, Tensor localStep) {
        return new Tensor[] {learningRate, scalar(epsilon, dtype)};
    }

    @Override
    protected void update(Variable variable, Tensor gradient, List<Variable> slots, Tensor[] hyperparameters) {
        fused(UpdateRule.ADAGRAD, variable, slots, hyperparameters, gradient);
    }

    /** Adagrad's options: the common ones, the initial accumulator and epsilon. */
    public static final class Builder extends Optimizer.Builder<Builder> {

        private double initialAccumulatorValue = 0.1, epsilon = 1e-7;

        private Builder() {
            super("adagrad", 0.001);
        }

        /** The accumulators' starting value, >= 0 (default 0.1). */
        public Builder initialAccumulatorValue(double value) {
            this.initialAccumulatorValue = inRange("initialAccumulatorValue", value, 0, Double.MAX_VALUE, false);
            return this;
        }

        /** The constant added under the square root, >= 0 (default 1e-7). */
        public Builder epsilon(double epsilon) {
            this.epsilon = inRange("epsilon", epsilon, 0, Double.MAX_VALUE, false);
            return this;
        }

        /** The optimizer. */
        public Adagrad build() {
            return new Adagrad(this);
        }
    }
}
