package dev.jtensor.internal;

import dev.jtensor.DType;
import dev.jtensor.InvalidArgumentException;
import dev.jtensor.accel.Backends;
import dev.jtensor.accel.Strided;
import dev.jtensor.ops.Distribution;
import java.util.SplittableRandom;

/**
 * The sampling behind the {@link dev.jtensor.ops.RandomDraw} op: parameter checks and draws. The generator is {@link SplittableRandom}
 * (SplitMix64), with normals from its {@code nextGaussian} (the JDK's modified ziggurat), so a
 * seed gives the same values on every JVM.
 *
 * <p>Seeds follow TensorFlow's two-level scheme. An explicit op seed makes that call repeatable:
 * the same op seed (under the same global seed) gives the same values every time. Without one, a
 * global seed set by {@link dev.jtensor.Settings#setSeed} (or a thread's
 * {@link dev.jtensor.Settings#withSeed}) makes the sequence of calls repeatable: each call takes
 * the next seed from a counter that setting the seed restarts. With neither, values differ from run
 * to run.
 */
public final class RandomOps {

    private static final long DEFAULT_GLOBAL_SEED = 87654321L;

    private RandomOps() {
    }

    /**
     * Checks a draw's parameters.
     *
     * @throws InvalidArgumentException naming {@code op} and the offending values
     */
    public static void check(Distribution distribution, DType dtype, double a, double b, String op) {
        if (distribution == null) {
            throw InvalidArgumentException.of(op, "the distribution is null");
        }
        DTypeRules.require(op, dtype);
        if (distribution == Distribution.UNIFORM) {
            checkUniform(op, dtype, a, b);
        } else {
            checkNormal(op, a, b, dtype);
        }
    }

    /** {@code size} values of the distribution in a new host array of {@code dtype}. */
    public static Object draw(Distribution distribution, int size, DType dtype, double a, double b, Long seed) {
        SplittableRandom random = generator(seed);
        double[] values = new double[size];
        switch (distribution) {
            case NORMAL -> {
                for (int i = 0; i < size; i++) values[i] = a + b * random.nextGaussian();
            }
            case TRUNCATED_NORMAL -> {
                for (int i = 0; i < size; i++) {
                    double z;
                    do {
                        z = random.nextGaussian();
                    } while (Math.abs(z) > 2);
                    values[i] = a + b * z;
                }
            }
            case UNIFORM -> uniform(random, values, dtype, a, b);
        }
        Object out = dtype.allocate(size);
        Backends.cpu().kernels().copy(new int[] {size}, new Strided(values, 0, new int[] {1}),
                new Strided(out, 0, new int[] {1}));
        return out;
    }

    private static void uniform(SplittableRandom random, double[] values, DType dtype, double minval, double maxval) {
        if (dtype.isInteger()) {
            long lo = (long) Math.ceil(minval), hi = (long) Math.ceil(maxval);
            for (int i = 0; i < values.length; i++) values[i] = random.nextLong(lo, hi);
            return;
        }
        for (int i = 0; i < values.length; i++) values[i] = random.nextDouble(minval, maxval);
        if (dtype == DType.FLOAT32) {
            // rounding to float may reach maxval; keep the interval half-open
            for (int i = 0; i < values.length; i++) {
                if ((float) values[i] >= (float) maxval) values[i] = Math.nextDown((float) maxval);
            }
        }
    }

    private static void checkUniform(String op, DType dtype, double minval, double maxval) {
        if (!(minval < maxval) || !Double.isFinite(minval) || !Double.isFinite(maxval)) {
            throw InvalidArgumentException.of(op, "Need minval < maxval, both finite, got minval "
                    + minval + ", maxval " + maxval);
        }
        if (dtype == DType.BOOL) {
            throw InvalidArgumentException.of(op, "dtype bool is not supported");
        }
        if (!Double.isFinite(maxval - minval)) {
            throw InvalidArgumentException.of(op, "maxval - minval overflows a double: minval " + minval
                    + ", maxval " + maxval);
        }
        if (dtype == DType.INT32 && (minval < Integer.MIN_VALUE || maxval > 0x1p31)) {
            throw InvalidArgumentException.of(op, "int32 values cannot span [minval, maxval) = ["
                    + minval + ", " + maxval + "): both bounds must lie in [-2^31, 2^31]");
        }
        long lo = (long) Math.ceil(minval), hi = (long) Math.ceil(maxval);
        if (dtype.isInteger() && lo >= hi) {
            throw InvalidArgumentException.of(op, "no " + dtype + " value lies in [minval, maxval) = ["
                    + minval + ", " + maxval + ")");
        }
    }

    private static void checkNormal(String op, double mean, double stddev, DType dtype) {
        if (!Double.isFinite(mean) || !Double.isFinite(stddev) || stddev < 0) {
            throw InvalidArgumentException.of(op, "mean must be finite and stddev finite and non-negative, got mean "
                    + mean + ", stddev " + stddev);
        }
        if (!dtype.isFloating()) {
            throw InvalidArgumentException.of(op, "dtype must be float32 or float64, got " + dtype);
        }
    }

    private static SplittableRandom generator(Long opSeed) {
        ThreadSettings.SeedSequence global = ThreadSettings.seed();
        if (opSeed == null && global == null) {
            return new SplittableRandom();
        }
        long base = global == null ? DEFAULT_GLOBAL_SEED : global.seed;
        // explicit seeds and counter values live in disjoint halves so they never collide
        long op = opSeed != null ? opSeed << 1 : (global.counter.getAndIncrement() << 1) | 1;
        return new SplittableRandom(mix(base * 0x9E3779B97F4A7C15L + op));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
