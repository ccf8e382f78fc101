package dev.jtensor.ops;

import dev.jtensor.Tensor;
import dev.jtensor.accel.Backend;

/**
 * One primitive operation: its name, its shape and dtype rule, and its eager computation. The set
 * is closed, so an exhaustive {@code switch} over it (a gradient table, a graph serialiser, a
 * backend) is checked by the compiler. Records carry the op's static parameters (axes,
 * permutations, ...); tensors are its inputs.
 */
public sealed interface Primitive permits Unary, Binary, Select, Reduce, ArgReduce, Cumulative,
        MatMul, Reshape, Transpose, BroadcastTo, StridedSlice, Concat, Pad, Gather, Cast,
        SegmentSum, MatrixInverse, MatrixDeterminant, StopGradient, ReadVariable, AssignVariable,
        ApplyGradientDescent, ApplyUpdate, Fill, RandomDraw, Call, ToDevice, ShapeOf, FusedElementwise, ImagePatches,
        ImagePatchesAdjoint, Conv2D {

    /**
     * Whether the op reads or changes state or draws random values: such an op must run every time
     * (a graph never folds, merges or caches it), and two equal records are still two ops.
     */
    default boolean stateful() {
        return false;
    }

    /** TensorFlow's name for the op, used in error messages: {@code AddV2}, {@code MatMul}, ... */
    String name();

    /**
     * Checks the inputs and gives the output's dtype and shape.
     *
     * @throws dev.jtensor.InvalidArgumentException naming the op and the offending shapes, dtypes or axes
     */
    TensorSpec infer(TensorSpec... inputs);

    /**
     * Computes the output of inputs that passed {@link #infer}, on {@code backend}: the device of the
     * inputs (Dispatch has checked they share one), or the default device for an op without inputs.
     */
    Tensor compute(Backend backend, Tensor[] inputs, TensorSpec output);
}
