package dev.jtensor.ops;

import dev.jtensor.Tensor;

/**
 * One primitive operation: its name, its shape and dtype rule, and its eager computation. The set
 * is closed, so an exhaustive {@code switch} over it (a gradient table, a graph serialiser, a
 * backend) is checked by the compiler. Records carry the op's static parameters (axes,
 * permutations, ...); tensors are its inputs.
 */
public sealed interface Primitive permits Unary, Binary, Select, Reduce, ArgReduce, Cumulative,
        MatMul, Reshape, Transpose, BroadcastTo, StridedSlice, Concat, Pad, Gather, Cast,
        SegmentSum, MatrixInverse, MatrixDeterminant, StopGradient {

    /** TensorFlow's name for the op, used in error messages: {@code AddV2}, {@code MatMul}, ... */
    String name();

    /**
     * Checks the inputs and gives the output's dtype and shape.
     *
     * @throws dev.jtensor.InvalidArgumentException naming the op and the offending shapes, dtypes or axes
     */
    TensorSpec infer(TensorSpec... inputs);

    /** Computes the output of inputs that passed {@link #infer}. */
    Tensor compute(Tensor[] inputs, TensorSpec output);
}
