package dev.jtensor.graph;

import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Operand;
import dev.jtensor.Tensor;
import dev.jtensor.Variable;
import java.util.ArrayList;
import java.util.List;

/**
 * A graph-mode optimizer, as TensorFlow 1's {@code tf.compat.v1.train.Optimizer}: {@link #minimize}
 * adds the gradients of a loss ({@link Gradients}) and the operations that update the variables,
 * and returns one train operation to run once per step. {@link #computeGradients} and
 * {@link #applyGradients} are its two halves, for changing the gradients in between.
 *
 * {@snippet :
 * Operation trainingOp;
 * try (Scope scope = g.asDefault()) {
 *     // ... theta, mse built from placeholders x, y
 *     trainingOp = new GradientDescentOptimizer(0.01).minimize(mse);
 * }
 * Operation init = g.globalVariablesInitializer();      // after minimize: slot variables are variables too
 * try (Session session = new Session(g)) {
 *     session.run(init);
 *     for (int epoch = 0; epoch < 1000; epoch++) {
 *         session.run(trainingOp, Map.of(x, features, y, targets));
 *     }
 * }
 * }
 *
 * <p>The updates are added to the loss's graph, under a name scope named after the optimizer
 * ({@code GradientDescent/update_theta/...}), and the train operation takes that name
 * ({@code GradientDescent}). An optimizer instance may serve several graphs; its slot variables
 * (the accumulators of {@link MomentumOptimizer}) are graph variables of each variable's graph,
 * created by the first {@code applyGradients} for that variable, so create the
 * {@link Graph#globalVariablesInitializer()} after {@code minimize}.
 */
public abstract sealed class Optimizer permits GradientDescentOptimizer, MomentumOptimizer {

    private final String name;
    final double learningRate;

    Optimizer(String name, double learningRate) {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new InvalidArgumentException(name + "Optimizer: the learning rate must be positive and finite, got "
                    + learningRate);
        }
        this.name = name;
        this.learningRate = learningRate;
    }

    /** The name of its operations' scope and of its train operation ({@code GradientDescent}, {@code Momentum}). */
    public String name() {
        return name;
    }

    /** The learning rate. */
    public double learningRate() {
        return learningRate;
    }

    /**
     * The train operation that takes one step against the gradient of {@code loss} for every trainable
     * variable of its graph ({@code optimizer.minimize(loss)}).
     *
     * @throws InvalidArgumentException if the loss is not a floating-point tensor of a graph, the graph
     *     has no trainable variables, or the loss depends on none of them
     */
    public Operation minimize(Operand loss) {
        return applyGradients(computeGradients(loss));
    }

    /** As {@link #minimize(Operand)}, updating only the variables of {@code varList} ({@code var_list=}). */
    public Operation minimize(Operand loss, List<Variable> varList) {
        return applyGradients(computeGradients(loss, varList));
    }

    /**
     * The gradient of {@code loss} for each trainable variable of its graph, in the graph's order
     * ({@code compute_gradients(loss)}); a gradient is null where the loss does not depend on the variable.
     *
     * @throws InvalidArgumentException if the loss is not a floating-point tensor of a graph, or the
     *     graph has no trainable variables
     */
    public List<GradientAndVariable> computeGradients(Operand loss) {
        Tensor l = lossTensor(loss, "computeGradients");
        return computeGradients(l, Operation.of(l).graph().trainableVariables());
    }

    /**
     * The gradient of {@code loss} for each variable of {@code varList}, in order
     * ({@code compute_gradients(loss, var_list)}).
     *
     * @throws InvalidArgumentException if the loss is not a floating-point tensor of a graph, or
     *     {@code varList} is empty or holds null or a variable of another graph
     */
    public List<GradientAndVariable> computeGradients(Operand loss, List<Variable> varList) {
        if (varList == null) {
            throw new InvalidArgumentException(name + "Optimizer.computeGradients: varList is null");
        }
        Tensor l = lossTensor(loss, "computeGradients");
        if (varList.isEmpty()) {
            throw new InvalidArgumentException("No variables to optimize.");
        }
        for (int i = 0; i < varList.size(); i++) {
            if (varList.get(i) == null) {
                throw new InvalidArgumentException(name + "Optimizer.computeGradients: varList #" + i + " is null");
            }
        }
        List<Tensor> grads = Gradients.gradients(List.of(l), varList);
        List<GradientAndVariable> pairs = new ArrayList<>();
        for (int i = 0; i < varList.size(); i++) {
            pairs.add(new GradientAndVariable(grads.get(i), varList.get(i)));
        }
        return List.copyOf(pairs);
    }

    /**
     * The train operation that updates each variable of {@code gradsAndVars} with its gradient
     * ({@code apply_gradients}); pairs with a null gradient are skipped. Running it runs every update.
     *
     * @throws InvalidArgumentException if the list or a pair is null, every gradient is null, or a
     *     gradient's dtype or shape is not its variable's
     */
    public Operation applyGradients(List<GradientAndVariable> gradsAndVars) {
        if (gradsAndVars == null) {
            throw new InvalidArgumentException(name + "Optimizer.applyGradients: gradsAndVars is null");
        }
        List<GradientAndVariable> applied = new ArrayList<>();
        for (int i = 0; i < gradsAndVars.size(); i++) {
            GradientAndVariable pair = gradsAndVars.get(i);
            if (pair == null) {
                throw new InvalidArgumentException(name + "Optimizer.applyGradients: gradsAndVars #" + i + " is null");
            }
            if (pair.gradient() != null) applied.add(pair);
        }
        if (applied.isEmpty()) {
            throw new InvalidArgumentException("No gradients provided for any variable, check your graph for ops that "
                    + "do not support gradients, between variables " + gradsAndVars.stream()
                    .map(p -> p.variable().name()).toList() + " and loss");
        }
        Graph graph = Operation.of(applied.getFirst().gradient()).graph();
        return graph.groupAs(name, () -> {
            List<Operation> updates = new ArrayList<>();
            for (GradientAndVariable pair : applied) {
                Variable v = pair.variable();
                Tensor g = pair.gradient();
                if (!graph.owns(v.handle())) {
                    throw new InvalidArgumentException(name + "Optimizer.applyGradients: variable '" + v.name()
                            + "' is not a variable of " + graph + ", the graph of the gradients");
                }
                if (g.dtype() != v.dtype() || !g.shape().isCompatibleWith(v.shape())) {
                    throw new InvalidArgumentException(name + "Optimizer.applyGradients: the gradient " + g + " of "
                            + "variable '" + v.name() + "' needs its dtype " + v.dtype() + " and shape " + v.shape());
                }
                try (Scope update = graph.nameScope("update_" + v.name())) {
                    updates.add(Operation.of(applyDense(graph, g, v)));
                }
            }
            return updates;
        });
    }

    /** Adds the update of {@code variable} by {@code gradient} to {@code graph} (in scope) and gives its output. */
    abstract Tensor applyDense(Graph graph, Tensor gradient, Variable variable);

    private Tensor lossTensor(Operand loss, String method) {
        if (loss == null) {
            throw new InvalidArgumentException(name + "Optimizer." + method + ": loss is null");
        }
        if (loss instanceof Variable) {
            throw new InvalidArgumentException(name + "Optimizer." + method + ": the loss must be a tensor, not variable '"
                    + ((Variable) loss).name() + "'");
        }
        Tensor l = loss.asTensor();
        if (Operation.producerOrNull(l) == null) {
            throw new InvalidArgumentException(name + "Optimizer." + method + ": the loss " + l + " is not a tensor of a "
                    + "Graph; in eager mode use a GradientTape and Variable.applyGradientDescent");
        }
        if (!l.dtype().isFloating()) {
            throw new InvalidArgumentException(name + "Optimizer." + method + ": the loss " + l + " must be floating "
                    + "point");
        }
        return l;
    }
}
