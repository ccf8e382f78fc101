package dev.jtensor.accel;

/**
 * The fused optimizer updates of {@link Kernels#applyUpdate}: each rule reads a gradient {@code g}
 * and its state (the variable {@code w}, then the slots listed below) and writes the new state in
 * one pass, as Keras 3 writes the update with tensor ops, each operation rounded to the element
 * type in the order shown (so the fused result is bit for bit the composed one). The scalars are
 * the rule's hyperparameters in the order given, already derived by the caller (for Adam the
 * step size {@code alpha = lr * sqrt(1 - beta2^t) / (1 - beta1^t)}, as Keras computes it).
 */
public enum UpdateRule {
    /** Scalars {@code lr, momentum}; slot {@code m}: {@code m = m*momentum - g*lr; w = w + m}. */
    MOMENTUM(1, 2),
    /** As {@link #MOMENTUM}, then {@code w = w + (m*momentum - g*lr)} with the new {@code m}. */
    NESTEROV_MOMENTUM(1, 2),
    /**
     * Scalars {@code alpha, 1-beta1, 1-beta2, epsilon}; slots {@code m, v}:
     * {@code m = m + (g - m)*(1-beta1); v = v + (g*g - v)*(1-beta2); w = w - (m*alpha) / (sqrt(v) + epsilon)}.
     */
    ADAM(2, 4),
    /** As {@link #ADAM} with a third slot {@code vhat = max(vhat, v)} used in place of {@code v}. */
    AMSGRAD(3, 4),
    /**
     * Scalars {@code lr, rho, 1-rho, epsilon, momentum}; slot {@code velocity}:
     * {@code velocity = rho*velocity + (1-rho)*(g*g); w = w - (lr*g) / sqrt(velocity + epsilon)}.
     */
    RMSPROP(1, 5),
    /** As {@link #RMSPROP} with a slot {@code mom}: {@code mom = momentum*mom + increment; w = w - mom}. */
    RMSPROP_MOMENTUM(2, 5),
    /**
     * As {@link #RMSPROP} with a slot {@code average = rho*average + (1-rho)*g} and the denominator
     * {@code sqrt((velocity - average*average) + epsilon)}.
     */
    CENTERED_RMSPROP(2, 5),
    /** Centered (slots {@code velocity, average}) with momentum (slot {@code mom}). */
    CENTERED_RMSPROP_MOMENTUM(3, 5),
    /** Scalars {@code lr, epsilon}; slot {@code accumulator}: {@code acc = acc + g*g; w = w - (lr*g) / sqrt(acc + epsilon)}. */
    ADAGRAD(1, 2);

    private final int slots;
    private final int scalars;

    UpdateRule(int slots, int scalars) {
        this.slots = slots;
        this.scalars = scalars;
    }

    /** How many slot arrays follow the variable in the state. */
    public int slots() {
        return slots;
    }

    /** How many hyperparameters the rule takes. */
    public int scalars() {
        return scalars;
    }
}
