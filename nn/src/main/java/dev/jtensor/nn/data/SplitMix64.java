package dev.jtensor.nn.data;

/**
 * Steele, Lea and Flood's SplitMix64 generator: a 64-bit state advanced by the golden-ratio
 * constant and mixed. Small, fast, and simple to reimplement, so that orders drawn from it can be
 * checked by an independent implementation (scripts/fixtures/gen_nn_fixtures.py).
 */
final class SplitMix64 {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private long state;

    SplitMix64(long seed) {
        this.state = seed;
    }

    long next() {
        state += GOLDEN;
        return mix(state);
    }

    /** A uniform draw in {@code [0, bound)} ({@code bound} positive): the unsigned output modulo bound. */
    int below(int bound) {
        return (int) Long.remainderUnsigned(next(), bound);
    }

    /** The {@code k}-th output (from 0) of a generator seeded with {@code seed}, without drawing the others. */
    static long nth(long seed, long k) {
        return mix(seed + (k + 1) * GOLDEN);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
