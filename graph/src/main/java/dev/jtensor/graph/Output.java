package dev.jtensor.graph;

/**
 * The origin of an operation's symbolic output tensor: it prints as TensorFlow names tensors,
 * {@code add:0}, following the operation's name.
 */
record Output(Operation op) {

    @Override
    public String toString() {
        return op.name() + ":0";
    }
}
