package dev.jtensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.jtensor.internal.Creation;
import dev.jtensor.ops.Dispatch;
import dev.jtensor.ops.OpHook;
import dev.jtensor.ops.Primitive;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

/**
 * A catalogue of invalid calls. Each row is a call that must fail with a jtensor exception of the
 * expected type whose message names the op and the offending shapes, dtypes, axes or values, never
 * with an internal exception (NullPointerException, ArrayIndexOutOfBoundsException, ...) anywhere
 * in the cause chain, and without leaving anything half-done: no primitive may be recorded by a
 * hook for a call that fails.
 */
class InvalidCallCatalogueTest {

    /** Exceptions that mean an internal detail leaked instead of a checked, named error. */
    private static final List<Class<? extends Throwable>> LEAKS = List.of(NullPointerException.class,
            IndexOutOfBoundsException.class, NegativeArraySizeException.class, ClassCastException.class,
            ArithmeticException.class, IllegalArgumentException.class, ArrayStoreException.class,
            IllegalStateException.class, UnsupportedOperationException.class);

    /**
     * One invalid call.
     *
     * @param description what is wrong with the call
     * @param call        the call
     * @param type        the exception it must throw
     * @param fragments   text the message must contain
     */
    record Row(String description, Executable call, Class<? extends JTensorException> type, List<String> fragments) {
    }

    private static Row row(String description, Executable call, String... fragments) {
        return new Row(description, call, InvalidArgumentException.class, List.of(fragments));
    }

    // operands, made outside the calls so that a call holds nothing but the invalid op
    private static final Tensor M23 = TF.ones(2, 3);                                  // float32 (2, 3)
    private static final Tensor M43 = TF.ones(4, 3);                                  // float32 (4, 3)
    private static final Tensor I23 = TF.ones(DType.INT32, 2, 3);                     // int32 (2, 3)
    private static final Tensor D23 = TF.ones(DType.FLOAT64, 2, 3);                   // float64 (2, 3)
    private static final Tensor B23 = TF.fill(new int[] {2, 3}, true);                // bool (2, 3)
    private static final Tensor VEC3 = TF.constant(new float[] {1, 2, 3});            // float32 (3,)
    private static final Tensor IVEC3 = TF.constant(new int[] {1, 2, 3});             // int32 (3,)
    private static final Tensor VEC2 = TF.ones(2);                                    // float32 (2,)
    private static final Tensor SCALAR = TF.constant(1f);
    private static final Tensor M22 = TF.constant(new float[][] {{1, 2}, {3, 4}});
    private static final Tensor I22 = TF.constant(new int[][] {{1, 2}, {3, 4}});
    private static final Tensor B22 = TF.fill(new int[] {2, 2}, true);
    private static final Tensor M21 = TF.ones(2, 1);
    private static final Tensor SINGULAR = TF.constant(new float[][] {{1, 2}, {2, 4}});
    private static final Tensor CUBE = TF.ones(2, 3, 4);
    private static final Tensor BATCH_2 = TF.ones(2, 2, 3);
    private static final Tensor BATCH_3 = TF.ones(3, 3, 4);
    private static final Tensor CUBE_434 = TF.ones(4, 3, 4);
    private static final Tensor EMPTY_03 = TF.zeros(0, 3);
    private static final Tensor INT_ZEROS = TF.constant(new int[] {0, 0, 0});
    private static final Tensor INT_MINUS_ONES = TF.constant(new int[] {-1, -1, -1});
    private static final Tensor FLOAT_INDICES = TF.constant(new float[] {0, 1});
    private static final Tensor HUGE_INDEX = TF.constant(new long[] {(1L << 32) + 1}); // wraps to 1 as an int
    private static final Tensor HUGE_VIEW = TF.broadcastTo(TF.constant(1f), 1 << 30);  // a zero-stride view
    private static final Tensor TALL_VIEW = TF.broadcastTo(TF.constant(1f), 1 << 16, 1);
    private static final Tensor WIDE_VIEW = TF.broadcastTo(TF.constant(1f), 1, 1 << 16);
    private static final int[] SHAPE_2 = {2};
    private static final int MAX = Integer.MAX_VALUE;

    static List<Row> catalogue() {
        return List.of(
                // ---- broadcasting: [2,3] vs [4,3]
                row("add (2,3) + (4,3)", () -> TF.add(M23, M43), "Incompatible shapes: [2,3] vs. [4,3]", "[Op:AddV2]"),
                row("multiply (2,3) * (4,3)", () -> TF.multiply(M23, M43), "Incompatible shapes: [2,3] vs. [4,3]", "[Op:Mul]"),
                row("where with x (2,3), y (4,3)", () -> TF.where(B23, M23, M43), "Incompatible shapes", "[2,3]", "[4,3]",
                        "[Op:SelectV2]"),
                row("squaredDifference (2,3), (4,3)", () -> TF.squaredDifference(M23, M43),
                        "Incompatible shapes: [2,3] vs. [4,3]", "[Op:SquaredDifference]"),
                row("broadcastTo (2,3) -> (4,3)", () -> M23.broadcastTo(4, 3), "[2,3]", "[4,3]", "[Op:BroadcastTo]"),

                // ---- mixed dtypes in strict mode, Java scalars that do not fit
                row("int32 + float32", () -> TF.add(I23, M23), "int32", "float32", "[Op:AddV2]"),
                row("float32 + float64", () -> TF.add(M23, D23), "float32", "float64", "[Op:AddV2]"),
                row("matmul int32 x float32", () -> TF.matmul(I22, M22), "int32", "float32", "[Op:MatMul]"),
                row("concat float32 and int32", () -> TF.concat(List.of(M23, I23), 0), "float32", "int32", "[Op:ConcatV2]"),
                row("stack float32 and int32", () -> TF.stack(M23, I23), "float32", "int32", "[Op:Pack]"),
                row("where with float32 x, int32 y", () -> TF.where(B23, M23, I23), "float32", "int32", "[Op:SelectV2]"),
                row("int32 tensor + 1.5", () -> I23.add(1.5), "Cannot convert 1.5 to EagerTensor of dtype int32"),
                row("bool tensor + 2", () -> B23.add(2), "Cannot convert 2 to EagerTensor of dtype bool"),

                // ---- axes
                row("reduceSum axis 2 of a matrix", () -> TF.reduceSum(M23, 2),
                        "Invalid reduction dimension 2 for input with 2 dimensions", "[Op:Sum]"),
                row("reduceSum axis -3 of a matrix", () -> TF.reduceSum(M23, -3),
                        "Invalid reduction dimension -3 for input with 2 dimensions", "[Op:Sum]"),
                row("reduceSum duplicate axes", () -> TF.reduceSum(M23, 0, 0), "duplicate dimension: 0", "[Op:Sum]"),
                row("reduceMean axis 2 of a matrix", () -> TF.reduceMean(M23, 2), "Invalid reduction dimension 2", "[Op:Mean]"),
                row("reduceLogSumExp axis 5", () -> TF.reduceLogSumExp(M23, new int[] {5}, false),
                        "Invalid reduction dimension 5", "[Op:ReduceLogSumExp]"),
                row("argMax of a scalar", () -> TF.argMax(SCALAR), "rank >= 1", "scalar", "[Op:ArgMax]"),
                row("argMax over an empty axis", () -> TF.argMax(EMPTY_03, 0), "Reduction axis 0 is empty in shape [0,3]",
                        "[Op:ArgMax]"),
                row("argMin axis 2 of a matrix", () -> TF.argMin(M23, 2), "axis 2", "rank 2", "[Op:ArgMin]"),
                row("cumsum axis 2 of a matrix", () -> TF.cumsum(M23, 2), "axis 2", "rank 2", "[Op:Cumsum]"),
                row("concat axis 3 of rank-3 inputs", () -> TF.concat(List.of(CUBE, CUBE), 3), "axis 3", "[-3, 3)",
                        "[Op:ConcatV2]"),
                row("stack axis 5 of vectors", () -> TF.stack(List.of(VEC3, VEC3), 5), "axis 5", "[-2, 2)", "rank 1",
                        "[Op:Pack]"),
                row("expandDims axis 4 of a matrix", () -> TF.expandDims(M23, 4),
                        "Tried to expand dim index 4 for tensor with 2 dimensions", "[Op:ExpandDims]"),
                row("squeeze a dimension of 3", () -> TF.squeeze(M23, 1), "Can not squeeze dim[1]", "got 3", "[2,3]",
                        "[Op:Squeeze]"),
                row("unstack axis 2 of a matrix", () -> TF.unstack(M23, 2), "axis 2", "rank 2", "[Op:Unpack]"),
                row("gather axis 2 of a matrix", () -> TF.gather(M23, IVEC3, 2), "axis 2", "rank 2", "[Op:GatherV2]"),
                row("softmax axis 2 of a matrix", () -> TF.softmax(M23, 2), "axis 2", "rank 2", "[Op:Softmax]"),
                row("logSoftmax axis -3 of a matrix", () -> TF.logSoftmax(M23, -3), "axis -3", "rank 2", "[Op:LogSoftmax]"),
                row("oneHot axis 3 of a vector", () -> TF.oneHot(IVEC3, 4, 1, 0, 3, DType.FLOAT32), "axis 3", "rank 1",
                        "[Op:OneHot]"),

                // ---- reshape
                row("reshape 6 elements to (4,)", () -> TF.reshape(M23, 4), "6 values", "[4]", "[2,3]", "[Op:Reshape]"),
                row("reshape with two -1", () -> TF.reshape(M23, -1, -1), "Only one input size may be -1", "[Op:Reshape]"),
                row("reshape -1 with 4 not dividing 6", () -> TF.reshape(M23, -1, 4), "6 values", "multiple of 4",
                        "[Op:Reshape]"),
                row("reshape with size -2", () -> TF.reshape(M23, -2, 3), "must be non-negative, not -2", "[Op:Reshape]"),
                row("reshape (2^31-1)^3 with -1", () -> TF.reshape(M23, MAX, MAX, MAX, -1), "multiple of more than 2^32",
                        "[Op:Reshape]"),
                row("reshape to a null shape", () -> TF.reshape(M23, (int[]) null), "shape", "null", "[Op:Reshape]"),

                // ---- matmul
                row("matmul (2,2) @ (2,)", () -> TF.matmul(M22, VEC2), "rank >= 2", "[2,2]", "[2]", "[Op:MatMul]"),
                row("matmul (2,1) @ (2,2)", () -> TF.matmul(M21, M22), "Matrix size-incompatible", "[2,1]", "[2,2]",
                        "[Op:MatMul]"),
                row("matmul batch 2 vs 3", () -> TF.matmul(BATCH_2, BATCH_3), "batch dimensions",
                        "[2,2,3]", "[3,3,4]", "[Op:MatMul]"),
                row("matmul (65536,1) @ (1,65536) views", () -> TF.matmul(TALL_VIEW, WIDE_VIEW), "[65536, 65536]",
                        "more elements than a Java array can hold", "[Op:MatMul]"),
                row("matmul of bool matrices", () -> TF.matmul(B22, B22), "bool", "[Op:MatMul]"),

                // ---- transpose
                row("transpose perm of length 3 for a matrix", () -> TF.transpose(M23, 0, 1, 2), "size 2", "size 3",
                        "[Op:Transpose]"),
                row("transpose perm with a duplicate", () -> TF.transpose(M23, 1, 1), "1 is duplicated", "[Op:Transpose]"),
                row("transpose perm entry 5", () -> TF.transpose(M23, 0, 5), "perm[1] = 5", "[0, 2)", "[Op:Transpose]"),
                row("matrixTranspose of a vector", () -> TF.matrixTranspose(VEC3), "rank >= 2", "[3]", "[Op:Transpose]"),

                // ---- concat and stack
                row("concat (2,3,4) and (4,3,4) on axis 1", () -> TF.concat(List.of(CUBE, CUBE_434), 1),
                        "Dimension 0 in both shapes must be equal", "[2,3,4]", "[4,3,4]", "[Op:ConcatV2]"),
                row("concat rank 2 and rank 3", () -> TF.concat(List.of(M23, CUBE), 0), "Ranks", "[2,3]", "[2,3,4]",
                        "[Op:ConcatV2]"),
                row("concat of an empty list", () -> TF.concat(List.of(), 0), "at least one tensor", "[Op:ConcatV2]"),
                row("concat of scalars", () -> TF.concat(List.of(SCALAR, SCALAR), 0), "scalars", "[Op:ConcatV2]"),
                row("concat with a null element", () -> TF.concat(Arrays.asList(M23, null), 0), "values[1] is null",
                        "[Op:ConcatV2]"),
                row("concat 3 views of 2^30 elements", () -> TF.concat(List.of(HUGE_VIEW, HUGE_VIEW, HUGE_VIEW), 0),
                        "dimension 0 would have 3221225472 elements", "[Op:ConcatV2]"),
                row("stack (3,) and (2,)", () -> TF.stack(VEC3, VEC2), "[3]", "[2]", "[Op:Pack]"),
                row("stack of an empty list", () -> TF.stack(List.of(), 0), "at least one", "[Op:Pack]"),
                row("stack with a null element", () -> TF.stack(M23, null), "values[1] is null", "[Op:Pack]"),

                // ---- split, tile, pad
                row("split 3 into 2 parts", () -> TF.split(M23, 2, 1), "evenly divide", "size = 3", "num_split 2",
                        "[Op:Split]"),
                row("split sizes 1+1 of 3", () -> TF.split(M23, new int[] {1, 1}, 1), "2 vs. 3", "[1, 1]", "[Op:SplitV]"),
                row("split sizes 2^31-1 twice and 4 of 2", () -> TF.split(VEC2, new int[] {MAX, MAX, 4}, 0),
                        "Got: 4294967298 vs. 2", "[Op:SplitV]"),
                row("split with null sizes", () -> TF.split(M23, (int[]) null, 1), "sizes is null", "[Op:SplitV]"),
                row("tile with 1 multiple for a matrix", () -> TF.tile(M23, 2), "length 2", "length 1", "[Op:Tile]"),
                row("tile with a negative multiple", () -> TF.tile(M23, 1, -1), "multiples[1] >= 0", "-1", "[Op:Tile]"),
                row("tile with null multiples", () -> TF.tile(M23, (int[]) null), "multiples is null", "[Op:Tile]"),
                row("tile by 2^31 - 1", () -> TF.tile(M23, MAX, 1), "Tiling [2,3] by [2147483647, 1]", "[Op:Tile]"),
                row("tile an empty (0,3) by 2^31 - 1", () -> TF.tile(EMPTY_03, 1, MAX), "Tiling [0,3] by [1, 2147483647]",
                        "[Op:Tile]"),
                row("pad a matrix with one row of paddings", () -> TF.pad(M23, new int[][] {{1, 1}}), "[1,2]", "[2,3]",
                        "[Op:PadV2]"),
                row("pad by 2^31 - 1 on both sides", () -> TF.pad(M23, new int[][] {{MAX, MAX}, {0, 0}}),
                        "Paddings 2147483647 2147483647 at axis 0", "[Op:PadV2]"),
                row("pad bool with constant 2", () -> TF.pad(B23, new int[][] {{0, 0}, {1, 1}}, 2), "constant 2.0",
                        "bool", "[Op:PadV2]"),
                row("pad int32 with constant 1.5", () -> TF.pad(I23, new int[][] {{0, 0}, {1, 1}}, 1.5), "constant 1.5",
                        "int32", "[Op:PadV2]"),
                row("pad with null paddings", () -> TF.pad(M23, null), "paddings is null", "[Op:PadV2]"),
                row("pad with -1", () -> TF.pad(M23, new int[][] {{0, 0}, {-1, 0}}), "non-negative", "-1", "axis 1",
                        "[Op:PadV2]"),

                // ---- gather and oneHot
                row("gather index 5 of 3", () -> TF.gather(VEC3, 0, 5), "indices[1] = 5 is not in [0, 3)", "[Op:GatherV2]"),
                row("gather index -1", () -> TF.gather(VEC3, -1), "indices[0] = -1 is not in [0, 3)", "[Op:GatherV2]"),
                row("gather int64 index 2^32 + 1", () -> TF.gather(VEC3, HUGE_INDEX, 0),
                        "indices[0] = 4294967297 is not in [0, 3)", "[Op:GatherV2]"),
                row("gather with float indices", () -> TF.gather(VEC3, FLOAT_INDICES, 0), "float32", "[Op:GatherV2]"),
                row("oneHot depth -1", () -> TF.oneHot(IVEC3, -1), "depth", "-1", "[Op:OneHot]"),
                row("oneHot int32 with on_value 1.5", () -> TF.oneHot(IVEC3, 4, 1.5, 0, -1, DType.INT32),
                        "Cannot convert 1.5 to EagerTensor of dtype int32", "[Op:OneHot]"),
                row("oneHot depth 2^31 - 1", () -> TF.oneHot(IVEC3, MAX), "depth 2147483647", "[3]", "[Op:OneHot]"),
                row("oneHot of float indices", () -> TF.oneHot(VEC3, 3), "float32", "[Op:OneHot]"),

                // ---- indexing
                row("a.get(5) of length 3", () -> VEC3.get(5), "index 5 is out of bounds for axis 0 with size 3",
                        "[Op:StridedSlice]"),
                row("three indices for a matrix", () -> M23.get(0, 0, 0), "too many indices", "[2,3]", "[Op:StridedSlice]"),
                row("slice step 0", () -> VEC3.get(Index.step(0)), "slice step cannot be zero", "[Op:StridedSlice]"),
                row("two ellipses", () -> CUBE.get(Index.ellipsis(), Index.ellipsis()), "single ellipsis",
                        "[Op:StridedSlice]"),

                // ---- dtype restrictions
                row("exp of int32", () -> TF.exp(I23), "int32", "[Op:Exp]"),
                row("log of int32", () -> TF.log(I23), "int32", "[Op:Log]"),
                row("sqrt of int32", () -> TF.sqrt(I23), "int32", "[Op:Sqrt]"),
                row("sigmoid of int32", () -> TF.sigmoid(I23), "int32", "[Op:Sigmoid]"),
                row("logicalAnd of float32", () -> TF.logicalAnd(M23, M23), "bool", "float32", "[Op:LogicalAnd]"),
                row("logicalNot of int32", () -> TF.logicalNot(I23), "bool", "int32", "[Op:LogicalNot]"),
                row("reduceAll of float32", () -> TF.reduceAll(M23), "bool", "float32", "[Op:All]"),
                row("reduceSum of bool", () -> TF.reduceSum(B23), "bool", "[Op:Sum]"),
                row("divide bool by bool", () -> TF.divide(B23, B23), "bool", "[Op:RealDiv]"),
                row("softmax of int32", () -> TF.softmax(I23), "int32", "[Op:Softmax]"),

                // ---- data-dependent arithmetic and linear algebra
                row("floorDiv by integer zero", () -> TF.floorDiv(IVEC3, INT_ZEROS), "division by zero", "[Op:FloorDiv]"),
                row("floorMod by integer zero", () -> TF.floorMod(IVEC3, INT_ZEROS), "division by zero", "[Op:FloorMod]"),
                row("int pow with exponent -1", () -> TF.pow(IVEC3, INT_MINUS_ONES), "negative integer powers", "[Op:Pow]"),
                row("matrixInverse of a singular matrix", () -> TF.matrixInverse(SINGULAR), "not invertible",
                        "[Op:MatrixInverse]"),
                row("matrixInverse of (2,3)", () -> TF.matrixInverse(M23), "square", "[2,3]", "[Op:MatrixInverse]"),
                row("matrixInverse of int32", () -> TF.matrixInverse(I22), "int32", "[Op:MatrixInverse]"),
                row("matrixDeterminant of a vector", () -> TF.matrixDeterminant(VEC3), "square", "[3]",
                        "[Op:MatrixDeterminant]"),

                // ---- creation (Shape.of is no op: its messages name the dimensions instead of an [Op:...] tag)
                row("zeros(-1, 2): unknown dimensions only in graphs", () -> TF.zeros(-1, 2), "(None, 2)",
                        "must be fully defined", "[Op:Fill]"),
                row("zeros(-2, 2)", () -> TF.zeros(-2, 2), "dimension -2 is negative", "[-2, 2]"),
                row("randomNormal((-1, 2))", () -> TF.randomNormal(new int[] {-1, 2}, 0, 1), "(None, 2)",
                        "must be fully defined", "[Op:RandomStandardNormal]"),
                row("constant 1-D with shape (-1, 2)", () -> TF.constant(new float[] {1, 2}, null, -1, 2), "(None, 2)",
                        "must be fully defined"),
                row("zeros of a null shape", () -> TF.zeros((int[]) null), "shape is null", "[Op:Fill]"),
                row("zeros of a null dtype", () -> TF.zeros(null, 2), "dtype", "null", "[Op:Fill]"),
                row("ragged nested array", () -> TF.constant(new float[][] {{1, 2}, {3}}), "ragged", "length 1",
                        "expected 2"),
                row("nested array with a null row", () -> TF.constant(new int[][] {{1, 2}, null}), "depth 1 is null",
                        "expected length 2"),
                row("constant of a String", () -> TF.constant("abc"), "java.lang.String"),
                row("constant of a Short[]", () -> TF.constant(new Short[] {1, 2}), "java.lang.Short"),
                row("constant of an Integer[] holding null", () -> TF.constant(new Integer[] {1, null}), "null",
                        "index 1"),
                row("DType.ofElementClass(null)", () -> DType.ofElementClass(null), "unsupported Java element type null"),
                row("constant 1.5 as int32", () -> TF.constant(new double[] {1.5}, DType.INT32), "element 0 (row-major) is 1.5",
                        "float64", "int32"),
                row("constant 2 as bool", () -> TF.constant(new int[] {0, 2}, DType.BOOL), "element 1 (row-major) is 2", "int32",
                        "bool"),
                row("constant of 6 values with shape (4,)", () -> TF.constant(new int[] {1, 2, 3, 4, 5, 6}, null, 4),
                        "6 elements", "4 elements"),
                row("constant(null)", () -> TF.constant((Object) null), "null"),
                row("range with delta 0", () -> TF.range(0, 5, 0), "delta", "0", "[Op:Range]"),
                row("range 5 to 1 with delta 1", () -> TF.range(5, 1, 1), "start <= limit", "5", "1", "[Op:Range]"),
                row("int32 range from 0.5", () -> TF.range(0.5, 3, 1, DType.INT32), "Cannot convert 0.5", "int32",
                        "[Op:Range]"),
                row("int32 range to 3e9", () -> TF.range(0, 3e9, 1e9, DType.INT32), "Cannot convert 3.0E9", "int32",
                        "[Op:Range]"),
                row("bool range", () -> TF.range(0, 3, 1, DType.BOOL), "bool", "[Op:Range]"),
                row("range of a null dtype", () -> TF.range(0, 5, 1, null), "dtype", "null", "[Op:Range]"),
                row("linspace with num 0", () -> TF.linspace(0f, 1f, 0), "num > 0: 0", "[Op:LinSpace]"),
                row("randomNormal with NaN mean", () -> TF.randomNormal(SHAPE_2, Double.NaN, 1), "mean NaN",
                        "[Op:RandomStandardNormal]"),
                row("randomNormal with NaN stddev", () -> TF.randomNormal(SHAPE_2, 0, Double.NaN), "stddev NaN",
                        "[Op:RandomStandardNormal]"),
                row("randomNormal with stddev -1", () -> TF.randomNormal(SHAPE_2, 0, -1), "stddev -1.0",
                        "[Op:RandomStandardNormal]"),
                row("randomNormal of int32", () -> TF.randomNormal(SHAPE_2, 0, 1, DType.INT32, null), "int32",
                        "[Op:RandomStandardNormal]"),
                row("randomNormal of a null dtype", () -> TF.randomNormal(SHAPE_2, 0, 1, null, null), "dtype", "null",
                        "[Op:RandomStandardNormal]"),
                row("truncatedNormal with stddev -1", () -> TF.truncatedNormal(SHAPE_2, 0, -1, DType.FLOAT32, null),
                        "stddev -1.0", "[Op:TruncatedNormal]"),
                row("randomUniform with minval == maxval", () -> TF.randomUniform(SHAPE_2, 1, 1), "minval 1.0",
                        "maxval 1.0", "[Op:RandomUniform]"),
                row("randomUniform with NaN minval", () -> TF.randomUniform(SHAPE_2, Double.NaN, 1), "minval NaN",
                        "[Op:RandomUniform]"),
                row("randomUniform int32 in [0.2, 0.7)", () -> TF.randomUniform(SHAPE_2, 0.2, 0.7, DType.INT32, null),
                        "int32", "0.2", "0.7", "[Op:RandomUniformInt]"),
                row("randomUniform int32 in [0, 1e10)", () -> TF.randomUniform(SHAPE_2, 0, 1e10, DType.INT32, null),
                        "int32", "1.0E10", "[Op:RandomUniformInt]"),
                row("randomUniform over the whole double range",
                        () -> TF.randomUniform(SHAPE_2, -Double.MAX_VALUE, Double.MAX_VALUE), "maxval - minval",
                        "[Op:RandomUniform]"),
                row("fill with a non-scalar (internal)", () -> Creation.fill(Shape.of(2), VEC3), "scalar", "[3]",
                        "[Op:Fill]"),
                row("fill with a negative dimension", () -> TF.fill(new int[] {-3}, 1f), "dimension -3 is negative"),
                row("fill with an unknown dimension", () -> TF.fill(new int[] {-1}, 1f), "(None,)", "must be fully defined",
                        "[Op:Fill]"),

                // ---- scalar getters
                row("intValue of a 2-element tensor", () -> VEC2.intValue(), "exactly one element", "(2,)"),
                row("floatValue of an empty tensor", () -> EMPTY_03.floatValue(), "exactly one element", "(0, 3)"),

                // ---- nulls where a tensor or dtype belongs
                row("add(x, null)", () -> TF.add(M23, null), "input #1 is null", "[Op:AddV2]"),
                row("add(null, x)", () -> TF.add(null, M23), "input #0 is null", "[Op:AddV2]"),
                row("x.add(null)", () -> M23.add((Tensor) null), "input #1 is null", "[Op:AddV2]"),
                row("exp(null)", () -> TF.exp(null), "input #0 is null", "[Op:Exp]"),
                row("where(null, x, y)", () -> TF.where(null, M23, M23), "input #0 is null", "[Op:SelectV2]"),
                row("matmul(x, null)", () -> TF.matmul(M22, null), "input #1 is null", "[Op:MatMul]"),
                row("reduceSum(null, 0)", () -> TF.reduceSum(null, 0), "input #0 is null", "[Op:Sum]"),
                row("add(null, 1.5)", () -> TF.add(null, 1.5), "input #0 is null", "[Op:AddV2]"),
                row("reshape(null, 2)", () -> TF.reshape(null, 2), "input #0 is null", "[Op:Reshape]"),
                row("softmax(null)", () -> TF.softmax(null), "input #0 is null", "[Op:Softmax]"),
                row("gather(null, indices, 0)", () -> TF.gather(null, IVEC3, 0), "input #0 is null", "[Op:GatherV2]"),
                row("concat of a null list", () -> TF.concat(null, 0), "values is null", "[Op:ConcatV2]"),
                row("zerosLike(null)", () -> TF.zerosLike(null), "input #0 is null", "[Op:ZerosLike]"),
                row("x.get((int[]) null)", () -> M23.get((int[]) null), "index is null", "[Op:StridedSlice]"),
                row("cast to a null dtype", () -> TF.cast(M23, null), "dtype", "null", "[Op:Cast]"));
    }

    @TestFactory
    Stream<DynamicTest> everyInvalidCallFailsWithANamedError() {
        return catalogue().stream().map(r -> DynamicTest.dynamicTest(r.description(), () -> check(r)));
    }

    @Test
    void theCatalogueHasAtLeastFiftyRows() {
        assertTrue(catalogue().size() >= 50, "rows: " + catalogue().size());
    }

    /** Valid calls that the catalogue's probing found leaking an internal exception or failing wrongly. */
    @Test
    void validCallsThatFailedBeforeNowWork() {
        assertEquals("[1, 2]", Arrays.toString(TF.constant(new Integer[] {1, 2}).toIntArray()));
        assertEquals(DType.FLOAT32, TF.constant(new Float[][] {{1f}, {2f}}).dtype());
        assertEquals(Shape.of(3, 2), TF.transpose(M23, (int[]) null).shape());       // TensorFlow's perm=None
        assertEquals(Shape.of(3), TF.squeeze(TF.ones(1, 3), (int[]) null).shape());  // axis=None
        assertEquals(1f, TF.reduceProd(M23, (int[]) null).floatValue());
        assertEquals(true, TF.reduceAll(B23, (int[]) null).booleanValue());
        assertEquals(true, TF.reduceAny(B23, (int[]) null).booleanValue());
        // Python slices with steps near 2^31 overflowed int arithmetic: v[0:3:MAX] is [1], v[::-MAX] is [3]
        assertEquals("[1.0]", Arrays.toString(VEC3.get(Index.range(0, 3, MAX)).toFloatArray()));
        assertEquals("[3.0]", Arrays.toString(VEC3.get(Index.step(-MAX)).toFloatArray()));
        assertEquals("[3.0]", Arrays.toString(VEC3.get(Index.range(2, 0, Integer.MIN_VALUE)).toFloatArray()));
    }

    /**
     * Nothing half-done in the one piece of mutable state: a random call that fails must not take a
     * seed from the global sequence. (This sets the process-wide global seed, which cannot be unset.)
     */
    @Test
    void aFailedRandomCallDoesNotAdvanceTheSeedSequence() {
        TF.setSeed(1234);
        Tensor first = TF.randomNormal(2);
        TF.setSeed(1234);
        for (Row r : catalogue()) {
            if (r.description().startsWith("random")) {
                check(r);
            }
        }
        Tensor again = TF.randomNormal(2);
        assertEquals(Arrays.toString(first.toFloatArray()), Arrays.toString(again.toFloatArray()));
    }

    private static void check(Row r) {
        List<String> recorded = new ArrayList<>();
        OpHook recorder = new OpHook() {
            @Override
            public void recorded(Primitive primitive, Tensor[] inputs, Tensor output) {
                recorded.add(primitive.name());
            }
        };
        Throwable thrown = null;
        try (Dispatch.Scope _ = Dispatch.push(recorder)) {
            r.call().execute();
        } catch (Throwable t) {
            thrown = t;
        }
        if (thrown == null) {
            fail(r.description() + ": expected " + r.type().getSimpleName() + " but the call returned normally");
        }
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            for (Class<? extends Throwable> leak : LEAKS) {
                if (leak.isInstance(t)) {
                    fail(r.description() + ": leaked " + t.getClass().getName() + "\n" + stackTrace(thrown));
                }
            }
        }
        if (!r.type().isInstance(thrown)) {
            fail(r.description() + ": expected " + r.type().getName() + ", got " + stackTrace(thrown));
        }
        String message = String.valueOf(thrown.getMessage());
        for (String fragment : r.fragments()) {
            assertTrue(message.contains(fragment),
                    () -> r.description() + ": message lacks \"" + fragment + "\": " + message);
        }
        assertEquals(List.of(), recorded, () -> r.description() + ": a failing call recorded primitives, leaving "
                + "them half-done for a hook such as a gradient tape (message: " + message + ")");
    }

    private static String stackTrace(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
