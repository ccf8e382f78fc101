package dev.jtensor.graph;

import dev.jtensor.DType;
import dev.jtensor.InvalidArgumentException;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import dev.jtensor.internal.TensorAccess;
import dev.jtensor.ops.Dispatch;
import java.util.LinkedHashMap;
import java.util.Map;

/** Checks a run's feeds against the tensors they replace, as TensorFlow's {@code feed_dict}. */
final class Feeds {

    private Feeds() {
    }

    /**
     * The feeds as values by graph tensor. A value is a tensor or a Java scalar or array, which is
     * converted to the fed tensor's dtype (as NumPy values are); its dtype must then be the tensor's
     * and its shape compatible with the tensor's (unknown dimensions take any size).
     *
     * @throws InvalidArgumentException naming the fed tensor and both dtypes or shapes
     */
    static Map<Tensor, Tensor> check(Graph graph, Map<Tensor, ?> feeds) {
        if (feeds == null) {
            throw new InvalidArgumentException("Session.run: feeds is null");
        }
        Map<Tensor, Tensor> checked = new LinkedHashMap<>();   // tensors compare by identity; the order names the plan
        for (Map.Entry<Tensor, ?> feed : feeds.entrySet()) {
            Tensor key = feed.getKey();
            if (key == null) {
                throw new InvalidArgumentException("Session.run: a feed key is null");
            }
            requireElement(graph, key, "Cannot interpret feed_dict key as Tensor: ");
            checked.put(key, value(key, feed.getValue()));
        }
        return checked;
    }

    /** Checks that {@code t} is a tensor of {@code graph}. */
    static void requireElement(Graph graph, Tensor t, String context) {
        Operation op = Operation.producerOrNull(t);
        if (op == null || op.graph() != graph) {
            throw new InvalidArgumentException(context + "Tensor " + t + " is not an element of this graph ("
                    + graph + ")" + (op == null ? "" : "; it is of " + op.graph()) + ".");
        }
    }

    private static Tensor value(Tensor key, Object given) {
        String name = "Tensor '" + TensorAccess.origin(key) + "'";
        if (given == null) {
            throw new InvalidArgumentException("The value fed for " + name + " is null");
        }
        Tensor value;
        if (given instanceof Tensor t) {
            if (t.isSymbolic()) {
                throw new InvalidArgumentException("The value fed for " + name + " is symbolic (" + t + "); feed a value");
            }
            value = t;
        } else {
            // outside the graph's hook, so that the value is not made a constant of a graph being built
            try (var eager = Dispatch.openLevel(null)) {
                value = TF.constant(given, key.dtype());
            }
        }
        if (value.dtype() != key.dtype()) {
            throw new InvalidArgumentException("Cannot feed value of dtype " + value.dtype() + " for " + name
                    + ", which has dtype " + key.dtype());
        }
        if (!key.shape().isCompatibleWith(value.shape())) {
            throw new InvalidArgumentException("Cannot feed value of shape " + value.shape() + " for " + name
                    + ", which has shape " + key.shape());
        }
        return value;
    }

    /** TensorFlow's C++ name of a dtype, as its "You must feed a value" message spells it. */
    static String runtimeName(DType dtype) {
        return switch (dtype) {
            case FLOAT32 -> "float";
            case FLOAT64 -> "double";
            case INT32 -> "int32";
            case INT64 -> "int64";
            case BOOL -> "bool";
        };
    }
}
