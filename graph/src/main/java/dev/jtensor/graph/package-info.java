/**
 * Graph mode, as in TensorFlow 1: building graphs, names, variables, sessions, symbolic gradients
 * ({@link dev.jtensor.graph.Gradients}), optimizers ({@link dev.jtensor.graph.Optimizer}) and
 * variable scopes ({@link dev.jtensor.graph.Graph#getVariable}, {@link dev.jtensor.graph.VariableScope}).
 *
 * <p>A {@link dev.jtensor.graph.Graph} is a list of {@link dev.jtensor.graph.Operation}s, each an
 * {@link dev.jtensor.graph.OpKind} (a primitive, a placeholder, a constant, a variable declaration
 * or a no-op) with input tensors and control inputs. Inside {@code graph.asDefault()} a hook on
 * {@link dev.jtensor.ops.Dispatch} turns every op into an operation (shapes and dtypes checked as it
 * is added) and returns its symbolic output; nothing is computed. A {@link dev.jtensor.graph.Session}
 * prunes the graph to what its fetches need and interprets it, dispatching each primitive on
 * values, with the graph's variables' values kept per session.
 *
 * <p>{@link dev.jtensor.graph.GraphDefs} writes graphs as TensorFlow's {@code GraphDef} (TensorFlow's
 * op types and attributes, so TensorFlow can run them) and imports GraphDefs back into runnable
 * graphs; {@link dev.jtensor.graph.MetaGraph} adds the variable collections and signatures. The
 * message classes are protoc's, generated from TensorFlow's {@code .proto} files into
 * {@code dev.jtensor.graph.proto}.
 *
 * {@snippet :
 * Graph g = new Graph();
 * Tensor x, y;
 * try (Scope scope = g.asDefault()) {
 *     x = g.placeholder(DType.FLOAT32, Shape.of(Shape.UNKNOWN, 3), "x");
 *     y = x.mul(2).reduceSum(1);                  // Tensor("Sum:0", shape=(None,), dtype=float32)
 * }
 * try (Session session = new Session(g)) {
 *     session.run(y, Map.of(x, new float[][] {{1, 2, 3}}));   // [12.]
 * }
 * }
 */
package dev.jtensor.graph;
