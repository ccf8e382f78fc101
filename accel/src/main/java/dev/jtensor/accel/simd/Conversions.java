package dev.jtensor.accel.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * float32 to float64 casts and back over contiguous rows. A double vector holds half as many
 * lanes as a float vector of the same width, so the float side uses a half-width species.
 */
final class Conversions {

    private static final VectorSpecies<Double> D = Species.DOUBLE;
    private static final VectorSpecies<Float> HALF = VectorSpecies.of(float.class,
            VectorShape.forBitSize(Math.max(64, D.vectorBitSize() / 2)));
    private static final int L = D.length();

    private Conversions() {
    }

    /** Whether the half-width float species has exactly as many lanes as the double one. */
    static boolean available() {
        return HALF.length() == L;
    }

    /** {@code o[oo + i] = (double) x[xo + i]} (exact). */
    static void widen(float[] x, int xo, double[] o, int oo, int n) {
        int i = 0;
        for (; i + L <= n; i += L) {
            ((DoubleVector) FloatVector.fromArray(HALF, x, xo + i).convertShape(VectorOperators.F2D, D, 0))
                    .intoArray(o, oo + i);
        }
        for (; i < n; i++) o[oo + i] = x[xo + i];
    }

    /** {@code o[oo + i] = (float) x[xo + i]} (round to nearest). */
    static void narrow(double[] x, int xo, float[] o, int oo, int n) {
        int i = 0;
        for (; i + L <= n; i += L) {
            ((FloatVector) DoubleVector.fromArray(D, x, xo + i).convertShape(VectorOperators.D2F, HALF, 0))
                    .intoArray(o, oo + i);
        }
        for (; i < n; i++) o[oo + i] = (float) x[xo + i];
    }
}
