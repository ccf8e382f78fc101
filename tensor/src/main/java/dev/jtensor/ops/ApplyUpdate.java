package dev.jtensor.ops;

import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Tensor;
import dev.jtensor.accel.Backend;
import dev.jtensor.accel.UpdateRule;
import java.util.List;

/**
 * A fused optimizer update (TensorFlow's {@code ResourceApplyKerasMomentum},
 * {@code ResourceApplyAdam}, {@code ResourceApplyRMSProp}, ...): one kernel pass that updates a
 * variable and its slot variables by {@link UpdateRule}, as Keras 3 writes the update with tensor
 * ops (bit for bit the composed result). Inputs: the rule's hyperparameters, each a scalar of the
 * variable's dtype (tensors, so that a learning rate computed from the step counter changes from
 * call to call of a traced step), then the gradient, of the variable's dtype and shape. The output
 * is the variable's new value. Every check runs before anything changes, and the update runs under
 * the locks of all its variables (the variable's first, then the slots' in order), so it is atomic.
 * Stateful; not differentiable.
 *
 * {@snippet :
 * // Adam: alpha = lr * sqrt(1 - beta2^t) / (1 - beta1^t), then the three arrays in one pass
 * Dispatch.apply(new ApplyUpdate(UpdateRule.ADAM, List.of(w.handle(), m.handle(), v.handle())),
 *         alpha, oneMinusBeta1, oneMinusBeta2, epsilon, gradient);
 * }
 *
 * @param rule      the update
 * @param variables the variable, then its {@code rule.slots()} slot variables, all distinct
 */
public record ApplyUpdate(UpdateRule rule, List<VariableHandle> variables) implements Primitive {

    public ApplyUpdate {
        Primitives.nonNull("ApplyUpdate", "rule", rule);
        Primitives.nonNull("ApplyUpdate", "variables", variables);
        variables = List.copyOf(variables);   // throws on a null handle
        if (variables.size() != rule.slots() + 1) {
            throw invalid(rule, "takes the variable and " + rule.slots() + " slot variable(s), got "
                    + variables.size() + " variable(s)");
        }
        for (int i = 0; i < variables.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (variables.get(i) == variables.get(j)) {
                    throw invalid(rule, "variable '" + variables.get(i).name() + "' is given twice: "
                            + "the variable and each slot must be distinct variables");
                }
            }
        }
    }

    private static InvalidArgumentException invalid(UpdateRule rule, String detail) {
        return InvalidArgumentException.of(opName(rule), detail);
    }

    /** The variable updated (the first of {@link #variables}). */
    public VariableHandle variable() {
        return variables.getFirst();
    }

    @Override
    public String name() {
        return opName(rule);
    }

    private static String opName(UpdateRule rule) {
        return switch (rule) {
            case MOMENTUM, NESTEROV_MOMENTUM -> "ResourceApplyKerasMomentum";
            case ADAM -> "ResourceApplyAdam";
            case AMSGRAD -> "ResourceApplyAdamWithAmsgrad";
            case RMSPROP, RMSPROP_MOMENTUM -> "ResourceApplyRMSProp";
            case CENTERED_RMSPROP, CENTERED_RMSPROP_MOMENTUM -> "ResourceApplyCenteredRMSProp";
            case ADAGRAD -> "ResourceApplyAdagradV2";
        };
    }

    @Override
    public boolean stateful() {
        return true;
    }

    @Override
    public TensorSpec infer(TensorSpec... inputs) {
        Primitives.arity(this, inputs, rule.scalars() + 1);
        VariableHandle w = variable();
        if (!w.dtype().isFloating()) {
            throw Primitives.error(this, "Cannot apply the update to variable '" + w.name() + "': its dtype "
                    + w.dtype() + " is not floating point");
        }
        for (VariableHandle slot : variables.subList(1, variables.size())) {
            if (slot.dtype() != w.dtype() || !slot.shape().equals(w.shape())) {
                throw Primitives.error(this, "slot variable '" + slot.name() + "' has shape " + slot.shape()
                        + " and dtype " + slot.dtype() + ", but variable '" + w.name() + "' has shape " + w.shape()
                        + " and dtype " + w.dtype());
            }
        }
        for (int i = 0; i < rule.scalars(); i++) {
            if (inputs[i].dtype() != w.dtype() || inputs[i].shape().rank() != 0) {
                throw Primitives.error(this, "hyperparameter input #" + i + " must be a " + w.dtype()
                        + " scalar, got " + inputs[i]);
            }
        }
        Primitives.requireVariableSpec(this, w, inputs[rule.scalars()], "apply the gradient");
        return new TensorSpec(w.dtype(), w.shape());
    }

    @Override
    public Tensor compute(Backend backend, Tensor[] inputs, TensorSpec output) {
        for (VariableHandle v : variables) Primitives.requireVariableDevice(this, v, backend, "apply the update");
        // the hyperparameters stay where they are: on a device, the kernel reads them there
        Object[] scalars = new Object[rule.scalars()];
        for (int i = 0; i < scalars.length; i++) scalars[i] = Primitives.denseData(backend, inputs[i]);
        Object gradient = Primitives.denseData(backend, inputs[scalars.length]);
        return locked(0, backend, scalars, gradient, output);
    }

    /** Takes the locks of variables {@code from...} in order, then updates them all. */
    private Tensor locked(int from, Backend backend, Object[] scalars, Object gradient, TensorSpec output) {
        if (from < variables.size()) {
            synchronized (variables.get(from)) {
                return locked(from + 1, backend, scalars, gradient, output);
            }
        }
        int n = variables.size();
        Object[] state = new Object[n], out = new Object[n];
        for (int i = 0; i < n; i++) state[i] = Primitives.denseData(backend, variables.get(i).current());
        for (int i = 0; i < n; i++) out[i] = Primitives.allocateUpdate(backend, output, variables.get(i));   // may be state[i]: elementwise
        backend.kernels().applyUpdate(rule, output.shape().size(), scalars, gradient, state, out);
        Tensor updated = null;
        for (int i = 0; i < n; i++) {
            Tensor value = Primitives.wrap(backend, output, out[i]);
            variables.get(i).set(value);
            Primitives.updated(variables.get(i));
            if (i == 0) updated = value;
        }
        return updated;
    }
}
