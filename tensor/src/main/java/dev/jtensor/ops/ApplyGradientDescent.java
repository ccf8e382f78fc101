package dev.jtensor.ops;

import dev.jtensor.Tensor;
import dev.jtensor.accel.Backend;

/**
 * The plain SGD update {@code v = v - alpha * delta} in one fused pass, as TensorFlow's
 * {@code ResourceApplyGradientDescent}. Inputs: {@code alpha}, a scalar of the variable's dtype,
 * and {@code delta}, of the variable's dtype and shape; the variable must be floating point. The
 * result is bit-identical to {@code v.assignSub(delta.mul(alpha))}, which makes two passes and
 * allocates two fresh tensors. Atomic, like every variable update; the output is the new value.
 * Not differentiable. Other optimizers' fused updates (momentum, Adam) are records like this one,
 * with their slot variables as further handles.
 *
 * @param variable the variable updated
 */
public record ApplyGradientDescent(VariableHandle variable) implements Primitive {

    public ApplyGradientDescent {
        Primitives.nonNull("ResourceApplyGradientDescent", "variable", variable);
    }

    @Override
    public String name() {
        return "ResourceApplyGradientDescent";
    }

    @Override
    public boolean stateful() {
        return true;
    }

    @Override
    public TensorSpec infer(TensorSpec... inputs) {
        Primitives.arity(this, inputs, 2);
        TensorSpec alpha = inputs[0], delta = inputs[1];
        if (!variable.dtype().isFloating()) {
            throw Primitives.error(this, "Cannot applyGradientDescent to variable '" + variable.name() + "': its dtype "
                    + variable.dtype() + " is not floating point");
        }
        Primitives.requireVariableSpec(this, variable, delta, "applyGradientDescent");
        if (alpha.dtype() != variable.dtype() || alpha.shape().rank() != 0) {
            throw Primitives.error(this, "alpha must be a " + variable.dtype() + " scalar, got " + alpha);
        }
        return new TensorSpec(variable.dtype(), variable.shape());
    }

    @Override
    public Tensor compute(Backend backend, Tensor[] inputs, TensorSpec output) {
        Primitives.requireVariableDevice(this, variable, backend, "applyGradientDescent");
        double alpha = inputs[0].doubleValue();
        Tensor delta = inputs[1];
        synchronized (variable) {
            Object old = Primitives.denseData(backend, variable.current());
            Object out = Primitives.allocateUpdate(backend, output, variable);   // may be old: axpy is elementwise
            backend.kernels().axpy(output.shape().size(), -alpha, Primitives.denseData(backend, delta), old, out);
            Tensor updated = Primitives.wrap(backend, output, out);
            variable.set(updated);
            Primitives.updated(variable);
            return updated;
        }
    }
}
