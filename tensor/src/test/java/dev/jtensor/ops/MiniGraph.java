package dev.jtensor.ops;

import dev.jtensor.DType;
import dev.jtensor.Shape;
import dev.jtensor.Tensor;
import dev.jtensor.accel.Backends;
import dev.jtensor.internal.TensorAccess;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The smallest graph builder, for tests: while open, every op becomes a node with a symbolic
 * output of the inferred spec; {@link #run} then replays the nodes eagerly with values fed for the
 * placeholders, so a test can check both the build-time shapes and the run-time values.
 */
final class MiniGraph implements OpHook, AutoCloseable {

    record Node(Primitive primitive, Tensor[] inputs, Tensor output) {
    }

    private final List<Node> nodes = new ArrayList<>();
    private final Dispatch.Scope scope = Dispatch.push(this);

    /** A placeholder of {@code dims} ({@code -1} for unknown). */
    static Tensor placeholder(DType dtype, int... dims) {
        return TensorAccess.symbolic(dtype, Shape.of(dims), Backends.cpu(), "Placeholder:0");
    }

    @Override
    public Tensor intercept(Primitive primitive, Tensor[] inputs, TensorSpec output) {
        Tensor out = TensorAccess.symbolic(output.dtype(), output.shape(),
                inputs.length > 0 ? TensorAccess.backend(inputs[0]) : Backends.cpu(), primitive.name() + "_" + nodes.size() + ":0");
        nodes.add(new Node(primitive, inputs.clone(), out));
        return out;
    }

    /** The names of the primitives added, in order. */
    List<String> ops() {
        return nodes.stream().map(n -> n.primitive().name()).toList();
    }

    /** {@code fetch}'s value with {@code feeds} (placeholder, value, ...) given, after closing. */
    Tensor run(Tensor fetch, Tensor... feeds) {
        close();
        Map<Tensor, Tensor> values = new IdentityHashMap<>();
        for (int i = 0; i < feeds.length; i += 2) {
            values.put(feeds[i], feeds[i + 1]);
        }
        for (Node n : nodes) {
            Tensor[] in = Arrays.stream(n.inputs()).map(t -> values.getOrDefault(t, t)).toArray(Tensor[]::new);
            Tensor out = Dispatch.apply(n.primitive(), in);
            if (!out.shape().isCompatibleWith(n.output().shape())) {
                throw new AssertionError(n.primitive() + " ran to " + out.shape() + ", built as " + n.output().shape());
            }
            values.put(n.output(), out);
        }
        return values.get(fetch);
    }

    @Override
    public void close() {
        scope.close();
    }
}
