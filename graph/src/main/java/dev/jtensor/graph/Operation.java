package dev.jtensor.graph;

import dev.jtensor.FailedPreconditionException;
import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Tensor;
import dev.jtensor.accel.Backend;
import dev.jtensor.internal.TensorAccess;
import dev.jtensor.ops.TensorSpec;
import java.util.List;
import java.util.Map;

/**
 * A node of a {@link Graph}: what it does ({@link #kind()}), its input tensors, the operations
 * that must run before it ({@link #controlInputs()}), and at most one output, a symbolic tensor.
 * Operations are immutable once added, except that {@link Graph#withName} may give one its final
 * name while it is built.
 *
 * {@snippet :
 * Tensor y = x.add(1f);                     // x a float32 scalar placeholder, inside graph.asDefault()
 * Operation op = Operation.of(y);
 * op.name();                                // "add"
 * op.type();                                // "AddV2"
 * op.inputs();                              // [Tensor("x:0", ...), Tensor("Const:0", ...)]
 * }
 */
public final class Operation {

    private final Graph graph;
    private final int id;
    private volatile String name;
    private final OpKind kind;
    private final List<Tensor> inputs;
    private final List<Operation> controlInputs;
    private final Tensor output;

    Operation(Graph graph, int id, String name, OpKind kind, List<Tensor> inputs, List<Operation> controlInputs,
              TensorSpec outputSpec, Backend placement) {
        this.graph = graph;
        this.id = id;
        this.name = name;
        this.kind = kind;
        this.inputs = List.copyOf(inputs);
        this.controlInputs = List.copyOf(controlInputs);
        this.output = outputSpec == null ? null
                : TensorAccess.symbolic(outputSpec.dtype(), outputSpec.shape(), placement, new Output(this));
    }

    /**
     * The operation whose output {@code tensor} is (TensorFlow's {@code tensor.op}).
     *
     * @throws InvalidArgumentException if {@code tensor} is not a symbolic tensor of a {@link Graph}
     */
    public static Operation of(Tensor tensor) {
        if (tensor == null) {
            throw new InvalidArgumentException("Operation.of: tensor is null");
        }
        if (TensorAccess.origin(tensor) instanceof Output out) {
            return out.op();
        }
        throw new InvalidArgumentException("Operation.of: " + (tensor.isSymbolic() ? "" : "the value ") + tensor
                + " is not the output of an operation of a Graph");
    }

    /** The operation of {@code tensor}, or null if it is not a graph tensor. */
    static Operation producerOrNull(Tensor tensor) {
        return TensorAccess.origin(tensor) instanceof Output out ? out.op() : null;
    }

    /** The graph it belongs to. */
    public Graph graph() {
        return graph;
    }

    /** Its unique name in the graph, with the name scopes it was made in ({@code loss/mse}). */
    public String name() {
        return name;
    }

    void rename(String newName) {
        this.name = newName;
    }

    /** TensorFlow's op type ({@code AddV2}, {@code Placeholder}, ...). */
    public String type() {
        return kind.type();
    }

    /** What it does when run. */
    public OpKind kind() {
        return kind;
    }

    /** The tensors it computes from, in order. */
    public List<Tensor> inputs() {
        return inputs;
    }

    /** The operations that run before it although it takes no value from them. */
    public List<Operation> controlInputs() {
        return controlInputs;
    }

    /** Whether it has an output tensor ({@code NoOp} and {@code VarHandleOp} have none). */
    public boolean hasOutput() {
        return output != null;
    }

    /**
     * Its output, a symbolic tensor named {@code name:0}.
     *
     * @throws InvalidArgumentException if it has no output
     */
    public Tensor output() {
        if (output == null) {
            throw new InvalidArgumentException("Operation '" + name + "' (" + type() + ") has no outputs; run it as a "
                    + "target (session.run(operation)) instead of fetching a value");
        }
        return output;
    }

    /** Its position in the graph: operations are numbered as they are added, so inputs come first. */
    int id() {
        return id;
    }

    /**
     * Runs it in the default session ({@link Session#asDefault}), as TensorFlow's {@code op.run()}.
     *
     * @throws FailedPreconditionException if no session is the default on this thread
     */
    public void run() {
        Session.getDefaultSession().run(this);
    }

    /** Runs it in the default session with {@code feeds} ({@link Session#run(Operation, Map)}). */
    public void run(Map<Tensor, ?> feeds) {
        if (feeds == null) {
            throw new InvalidArgumentException("Operation.run: feeds is null");
        }
        Session.getDefaultSession().run(this, feeds);
    }

    /** TensorFlow's form: {@code <tf.Operation 'add' type=AddV2>}. */
    @Override
    public String toString() {
        return "<tf.Operation '" + name + "' type=" + type() + ">";
    }
}
