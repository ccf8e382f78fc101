package dev.jtensor.nn.optimizers;

import dev.jtensor.DType;
import dev.jtensor.Tensor;
import dev.jtensor.Variable;
import dev.jtensor.accel.UpdateRule;
import java.util.List;

/**
 * Keras's Adam (Kingma and Ba, with the "epsilon hat" of the paper's section 2): at step {@code t},
 * {@code alpha = lr * sqrt(1 - beta2^t) / (1 - beta1^t)}, {@code m += (g - m) * (1 - beta1)},
 * {@code v += (g^2 - v) * (1 - beta2)}, {@code w -= alpha * m / (sqrt(v) + epsilon)}; with AMSGrad
 * the running maximum {@code vhat} of {@code v} replaces it in the last step. One fused pass per
 * variable (TensorFlow's {@code ResourceApplyAdam}). Slots {@code m}, {@code v} (and {@code vhat}).
 * Defaults: learning rate 0.001, beta1 0.9, beta2 0.999, epsilon 1e-7, no AMSGrad.
 *
 * {@snippet :
 * Optimizer adam = new Adam(1e-3);
 * Optimizer tuned = Adam.builder().learningRate(3e-4).beta2(0.98).amsgrad(true).globalClipNorm(1.0).build();
 * }
 */
public class Adam extends Optimizer {

    private final double beta1, beta2, epsilon;
    private final boolean amsgrad;

    /** Keras's defaults. */
    public Adam() {
        this(builder());
    }

    /** Keras's defaults with {@code learningRate}. */
    public Adam(double learningRate) {
        this(builder().learningRate(learningRate));
    }

    Adam(Builder b) {
        super(b);
        this.beta1 = b.beta1;
        this.beta2 = b.beta2;
        this.epsilon = b.epsilon;
        this.amsgrad = b.amsgrad;
    }

    /** A builder with Keras's defaults. */
    public static Builder builder() {
        return new Builder("adam", 0);
    }

    @Override
    protected List<String> slotNames() {
        return amsgrad ? List.of("m", "v", "vhat") : List.of("m", "v");
    }

    @Override
    protected Tensor[] hyperparameters(DType dtype, Tensor learningRate, Tensor localStep) {
        Tensor one = scalar(1, dtype);
        Tensor beta1Power = scalar(beta1, dtype).pow(localStep), beta2Power = scalar(beta2, dtype).pow(localStep);
        Tensor alpha = learningRate.mul(one.sub(beta2Power).sqrt()).div(one.sub(beta1Power));
        return new Tensor[] {alpha, scalar(1 - beta1, dtype), scalar(1 - beta2, dtype), scalar(epsilon, dtype)};
    }

    @Override
    protected void update(Variable variable, Tensor gradient, List<Variable> slots, Tensor[] hyperparameters) {
        fused(amsgrad ? UpdateRule.AMSGRAD : UpdateRule.ADAM, variable, slots, hyperparameters, gradient);
    }

    /** Adam's options: the common ones, the betas, epsilon and AMSGrad. */
    public static class Builder extends Optimizer.Builder<Builder> {

        private double beta1 = 0.9, beta2 = 0.999, epsilon = 1e-7;
        private boolean amsgrad;

        Builder(String name, double weightDecay) {
            super(name, 0.001);
            if (weightDecay > 0) weightDecay(weightDecay);
        }

        /** The decay of the first-moment estimate, in [0, 1) (default 0.9). */
        public Builder beta1(double beta1) {
            this.beta1 = inRange("beta1", beta1, 0, 1, true);
            return this;
        }

        /** The decay of the second-moment estimate, in [0, 1) (default 0.999). */
        public Builder beta2(double beta2) {
            this.beta2 = inRange("beta2", beta2, 0, 1, true);
            return this;
        }

        /** The constant added to the denominator, >= 0 (default 1e-7). */
        public Builder epsilon(double epsilon) {
            this.epsilon = inRange("epsilon", epsilon, 0, Double.MAX_VALUE, false);
            return this;
        }

        /** Whether to use AMSGrad's running maximum of the second moment (default false). */
        public Builder amsgrad(boolean amsgrad) {
            this.amsgrad = amsgrad;
            return this;
        }

        /** The optimizer. */
        public Adam build() {
            return new Adam(this);
        }
    }
}
