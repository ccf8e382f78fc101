package dev.jtensor.graph;

import dev.jtensor.ops.ApplyGradientDescent;
import dev.jtensor.ops.ApplyUpdate;
import dev.jtensor.ops.ArgReduce;
import dev.jtensor.ops.AssignVariable;
import dev.jtensor.ops.Binary;
import dev.jtensor.ops.BroadcastTo;
import dev.jtensor.ops.Call;
import dev.jtensor.ops.Cast;
import dev.jtensor.ops.Concat;
import dev.jtensor.ops.Conv2D;
import dev.jtensor.ops.Cumulative;
import dev.jtensor.ops.Fill;
import dev.jtensor.ops.FusedElementwise;
import dev.jtensor.ops.Gather;
import dev.jtensor.ops.ImagePatches;
import dev.jtensor.ops.ImagePatchesAdjoint;
import dev.jtensor.ops.MatMul;
import dev.jtensor.ops.MatrixDeterminant;
import dev.jtensor.ops.MatrixInverse;
import dev.jtensor.ops.Pad;
import dev.jtensor.ops.Primitive;
import dev.jtensor.ops.RandomDraw;
import dev.jtensor.ops.ReadVariable;
import dev.jtensor.ops.Reduce;
import dev.jtensor.ops.Reshape;
import dev.jtensor.ops.SegmentSum;
import dev.jtensor.ops.Select;
import dev.jtensor.ops.ShapeOf;
import dev.jtensor.ops.StopGradient;
import dev.jtensor.ops.StridedSlice;
import dev.jtensor.ops.ToDevice;
import dev.jtensor.ops.Transpose;
import dev.jtensor.ops.Unary;
import dev.jtensor.ops.VariableHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The primitives that act on a variable, found by an exhaustive switch: a new primitive that
 * carries a {@link VariableHandle} (another optimizer's fused update) is a compile error here until
 * sessions know where its variable's value lives.
 */
final class VariablePrimitives {

    private VariablePrimitives() {
    }

    /** {@code primitive} acting on {@code storage.apply(handle)} instead of its handle; itself if it has none. */
    static Primitive rebind(Primitive primitive, UnaryOperator<VariableHandle> storage) {
        return switch (primitive) {
            case ReadVariable r -> new ReadVariable(storage.apply(r.variable()));
            case AssignVariable a -> new AssignVariable(storage.apply(a.variable()), a.mode());
            case ApplyGradientDescent g -> new ApplyGradientDescent(storage.apply(g.variable()));
            case ApplyUpdate u -> new ApplyUpdate(u.rule(), u.variables().stream().map(storage).toList());
            case Unary _, Binary _, Select _, Reduce _, ArgReduce _, Cumulative _, MatMul _, Reshape _, Transpose _,
                 BroadcastTo _, StridedSlice _, Concat _, Pad _, Gather _, Cast _, SegmentSum _, MatrixInverse _,
                 MatrixDeterminant _, StopGradient _, Fill _, RandomDraw _, Call _, ToDevice _, ShapeOf _,
                 FusedElementwise _, ImagePatches _, ImagePatchesAdjoint _, Conv2D _ -> primitive;
        };
    }

    /** The variable {@code primitive} reads or updates (a fused update's variable, not its slots), or null. */
    static VariableHandle handleOf(Primitive primitive) {
        List<VariableHandle> found = handlesOf(primitive);
        return found.isEmpty() ? null : found.getFirst();
    }

    /** Every variable {@code primitive} reads or updates, in order (a fused update's variable, then its slots). */
    static List<VariableHandle> handlesOf(Primitive primitive) {
        List<VariableHandle> found = new ArrayList<>();
        rebind(primitive, h -> {
            found.add(h);
            return h;
        });
        return found;
    }

    /** Whether {@code primitive} changes a variable. */
    static boolean updates(Primitive primitive) {
        return primitive instanceof AssignVariable || primitive instanceof ApplyGradientDescent
                || primitive instanceof ApplyUpdate;
    }
}
