package dev.jtensor.accel.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector shapes the SIMD kernels use: the platform's preferred width, or the width forced by
 * {@code -Djtensor.vectorBits=128|256|512} (for testing narrower machines on a wide one).
 */
final class Species {

    /** Forced vector width in bits, or 0 for the platform's preferred one. */
    static final int FORCED_BITS = Integer.getInteger("jtensor.vectorBits", 0);

    static final VectorSpecies<Float> FLOAT = FORCED_BITS == 0 ? FloatVector.SPECIES_PREFERRED
            : VectorSpecies.of(float.class, VectorShape.forBitSize(FORCED_BITS));
    static final VectorSpecies<Double> DOUBLE = FORCED_BITS == 0 ? DoubleVector.SPECIES_PREFERRED
            : VectorSpecies.of(double.class, VectorShape.forBitSize(FORCED_BITS));

    private Species() {
    }
}
