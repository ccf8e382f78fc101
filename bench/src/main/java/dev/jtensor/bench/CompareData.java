package dev.jtensor.bench;

import java.util.SplittableRandom;

/**
 * Sizes and input data shared by the {@code bench/compare} benchmarks of jtensor
 * ({@link JtensorCompareBenchmark}) and TensorFlow Java ({@code TfJavaCompareBenchmark}), so both
 * sides run on the same shapes and the same kind of values (uniform in [0, 1)).
 */
public final class CompareData {

    /** 2^20 elements. */
    public static final int ONE_M = 1 << 20;
    /** 2^24 elements. */
    public static final int SIXTEEN_M = 1 << 24;
    /** Rows and columns of the broadcast-add matrix; its row vector has this many elements. */
    public static final int BROADCAST_DIM = 4096;

    private CompareData() {
    }

    /** {@code size} floats uniform in [0, 1), the same for the same seed. */
    public static float[] uniform(int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
            values[i] = (float) random.nextDouble();
        }
        return values;
    }
}
