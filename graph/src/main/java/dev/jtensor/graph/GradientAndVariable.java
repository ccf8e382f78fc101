package dev.jtensor.graph;

import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Tensor;
import dev.jtensor.Variable;

/**
 * One pair of {@link Optimizer#computeGradients}' result, TensorFlow 1's {@code (gradient, variable)}
 * tuple: what {@link Optimizer#applyGradients} applies. Pairs may be changed in between (clipped,
 * scaled) by making new ones.
 *
 * {@snippet :
 * List<GradientAndVariable> pairs = optimizer.computeGradients(loss);
 * List<GradientAndVariable> clipped = pairs.stream()
 *         .map(p -> new GradientAndVariable(TF.clipByValue(p.gradient(), -1, 1), p.variable()))
 *         .toList();
 * Operation step = optimizer.applyGradients(clipped);
 * }
 *
 * @param gradient the gradient of the loss with respect to the variable, a tensor of the variable's
 *                 graph; null if the loss does not depend on the variable (TensorFlow's {@code None})
 * @param variable a variable of the graph
 */
public record GradientAndVariable(Tensor gradient, Variable variable) {

    public GradientAndVariable {
        if (variable == null) {
            throw new InvalidArgumentException("GradientAndVariable: variable is null");
        }
    }
}
