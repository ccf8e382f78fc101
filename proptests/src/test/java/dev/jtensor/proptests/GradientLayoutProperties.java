package dev.jtensor.proptests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jtensor.DType;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * Gradients do not depend on how inputs are laid out or stored: under broadcasting they reduce
 * exactly over the broadcast axes, strided views behave as contiguous copies, and float32 agrees
 * with float64. Tries scale with {@code -Pdeep} as described in {@link GradientProperties}.
 */
@AddLifecycleHook(ScaledTries.class)
class GradientLayoutProperties {

    @Provide
    Arbitrary<Case> broadcasting() {
        return GradientSpecs.cases(GradientSpec::broadcastable);
    }

    @Provide
    Arbitrary<Case> cases() {
        return GradientSpecs.allCases();
    }

    @Provide
    Arbitrary<List<Views.Kind>> kinds() {
        return Arbitraries.of(Views.Kind.class).list().ofSize(3);
    }

    /**
     * 3. With broadcast inputs, each gradient has its source's shape and equals the gradient taken
     * on the explicitly broadcast (materialised) input, summed over the broadcast axes.
     */
    @Property(tries = 30000)
    void broadcastGradientsSumOverTheBroadcastAxes(@ForAll("broadcasting") Case c) {
        Assume.that(c.admitted());
        int[] full = new int[0];
        for (Tensor x : c.inputs()) full = Shapes.numpyBroadcast(full, x.shape().toArray());
        List<Tensor> materialised = new ArrayList<>();
        for (Tensor x : c.inputs()) materialised.add(Views.materialise(TF.broadcastTo(x, full)));
        // not bit-exact: a broadcast view and a dense copy may be summed in different orders (SIMD blocks vs rows)
        Numerics.assertClose("values", c.output().toDoubleArray(), c.apply(materialised).toDoubleArray(), 1e-12, 1e-12);
        List<Tensor> grads = Numerics.gradients(c::apply, c.inputs());
        List<Tensor> broadcastGrads = Numerics.gradients(c::apply, materialised);
        for (int j = 0; j < grads.size(); j++) {
            int[] shape = c.inputs().get(j).shape().toArray();
            assertArrayEquals(shape, grads.get(j).shape().toArray(), "gradient " + j + " shape");
            double[] expected = sumToShape(broadcastGrads.get(j).toDoubleArray(), full, shape);
            Numerics.assertClose("d/dx" + j, grads.get(j).toDoubleArray(), expected, 1e-12, 1e-12);
        }
    }

    /** Sums {@code values} of shape {@code full} over the axes that {@code shape} lacks or has as 1. */
    private static double[] sumToShape(double[] values, int[] full, int[] shape) {
        double[] out = new double[Shapes.size(shape)];
        int[] index = new int[full.length];
        int lead = full.length - shape.length;
        for (double v : values) {
            int flat = 0;
            for (int d = 0; d < shape.length; d++) flat = flat * shape[d] + (shape[d] == 1 ? 0 : index[lead + d]);
            out[flat] += v;
            for (int d = full.length - 1; d >= 0 && ++index[d] == full[d]; d--) index[d] = 0;
        }
        return out;
    }

    /**
     * 4. Inputs given as strided views (transposed, stepped, reversed, broadcast) give the values
     * and gradients that contiguous copies of them give.
     */
    @Property(tries = 50000)
    void stridedViewsBehaveAsContiguousCopies(@ForAll("cases") Case c, @ForAll("kinds") List<Views.Kind> kinds) {
        List<Tensor> contiguous = new ArrayList<>(), views = new ArrayList<>();
        for (int j = 0; j < c.inputs().size(); j++) {
            Views.Kind kind = kinds.get(j);
            Domain domain = c.spec().domains().get(j);
            if (kind == Views.Kind.BROADCAST && (domain == Domain.DISTINCT || domain == Domain.WELL_CONDITIONED)) {
                kind = Views.Kind.TRANSPOSED; // repeated values would tie or make a matrix singular
            }
            Views.Pair pair = Views.of(c.inputs().get(j), kind);
            contiguous.add(pair.contiguous());
            views.add(pair.view());
        }
        Case copy = c.with(contiguous);
        Assume.that(copy.admitted());
        Numerics.assertClose("values", c.apply(views).toDoubleArray(), copy.output().toDoubleArray(), 1e-12, 1e-12);
        List<Tensor> viewGrads = Numerics.gradients(c::apply, views), copyGrads = Numerics.gradients(c::apply, contiguous);
        for (int j = 0; j < viewGrads.size(); j++) {
            assertEquals(views.get(j).shape(), viewGrads.get(j).shape(), "gradient " + j + " shape");
            Numerics.assertClose("d/dx" + j, viewGrads.get(j).toDoubleArray(), copyGrads.get(j).toDoubleArray(),
                    1e-12, 1e-12);
        }
    }

    /**
     * 5. The op and its gradients in float32 agree with float64 (on the same, float32-representable
     * inputs) within float32 rounding, and stay float32.
     */
    @Property(tries = 50000)
    void float32AgreesWithFloat64(@ForAll("cases") Case c) {
        List<Tensor> x32 = c.float32Inputs();
        List<Tensor> x64 = new ArrayList<>();
        for (Tensor x : x32) x64.add(Views.materialise(x.cast(DType.FLOAT64)));
        Case c64 = c.with(x64);
        Assume.that(c64.admitted());
        double tolerance = c.spec().tolerance().float32();
        Tensor y32 = c.apply(x32);
        assertEquals(DType.FLOAT32, y32.dtype(), "output dtype");
        Numerics.assertCloseScaled("values", y32.toDoubleArray(), c64.output().toDoubleArray(), tolerance);
        List<Tensor> g32 = Numerics.gradients(c::apply, x32), g64 = Numerics.gradients(c::apply, x64);
        for (int j = 0; j < g32.size(); j++) {
            assertEquals(DType.FLOAT32, g32.get(j).dtype(), "gradient " + j + " dtype");
            Numerics.assertCloseScaled("d/dx" + j, g32.get(j).toDoubleArray(), g64.get(j).toDoubleArray(), tolerance);
        }
    }
}
