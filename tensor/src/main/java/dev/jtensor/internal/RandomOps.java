package dev.jtensor.internal;

import dev.jtensor.DType;
import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Shape;
import dev.jtensor.Tensor;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Random tensors. The generator is {@link SplittableRandom} (SplitMix64), with normals from its
 * {@code nextGaussian} (the JDK's modified ziggurat), so a seed gives the same values on every JVM.
 *
 * <p>Seeds follow TensorFlow's two-level scheme. An explicit op seed makes that call repeatable:
 * the same op seed (under the same global seed) gives the same values every time. Without one, a
 * global seed set by {@link #setGlobalSeed} makes the sequence of calls repeatable: each call takes
 * the next seed from a counter that {@code setGlobalSeed} resets. With neither, values differ
 * from run to run.
 */
public final class RandomOps {

    private static final long NO_SEED = Long.MIN_VALUE;
    private static final long DEFAULT_GLOBAL_SEED = 87654321L;

    private static volatile long globalSeed = NO_SEED;
    private static final AtomicLong counter = new AtomicLong();

    private RandomOps() {
    }

    /** Sets the global seed and restarts the per-call counter. */
    public static synchronized void setGlobalSeed(long seed) {
        globalSeed = seed;
        counter.set(0);
    }

    /** Normal values with the given mean and standard deviation. */
    public static Tensor normal(Shape shape, double mean, double stddev, DType dtype, Long seed) {
        checkNormal("RandomStandardNormal", mean, stddev, dtype);
        SplittableRandom random = generator(seed);
        double[] values = new double[shape.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = mean + stddev * random.nextGaussian();
        }
        return Creation.fromDoubles(values, shape, dtype);
    }

    /**
     * Normal values redrawn until within two standard deviations of the mean, as TensorFlow's
     * {@code truncated_normal}.
     */
    public static Tensor truncatedNormal(Shape shape, double mean, double stddev, DType dtype, Long seed) {
        checkNormal("TruncatedNormal", mean, stddev, dtype);
        SplittableRandom random = generator(seed);
        double[] values = new double[shape.size()];
        for (int i = 0; i < values.length; i++) {
            double z;
            do {
                z = random.nextGaussian();
            } while (Math.abs(z) > 2);
            values[i] = mean + stddev * z;
        }
        return Creation.fromDoubles(values, shape, dtype);
    }

    /** Uniform values in {@code [minval, maxval)}; integers are drawn uniformly from that range. */
    public static Tensor uniform(Shape shape, double minval, double maxval, DType dtype, Long seed) {
        if (!(minval < maxval) || !Double.isFinite(minval) || !Double.isFinite(maxval)) {
            throw InvalidArgumentException.of("RandomUniform", "Need minval < maxval, both finite, got minval "
                    + minval + ", maxval " + maxval);
        }
        if (DTypeRules.require("RandomUniform", dtype) == DType.BOOL) {
            throw InvalidArgumentException.of("RandomUniform", "dtype bool is not supported");
        }
        if (!Double.isFinite(maxval - minval)) {
            throw InvalidArgumentException.of("RandomUniform", "maxval - minval overflows a double: minval " + minval
                    + ", maxval " + maxval);
        }
        if (dtype == DType.INT32 && (minval < Integer.MIN_VALUE || maxval > 0x1p31)) {
            throw InvalidArgumentException.of("RandomUniform", "int32 values cannot span [minval, maxval) = ["
                    + minval + ", " + maxval + "): both bounds must lie in [-2^31, 2^31]");
        }
        long lo = (long) Math.ceil(minval), hi = (long) Math.ceil(maxval);
        if (dtype.isInteger() && lo >= hi) {
            throw InvalidArgumentException.of("RandomUniform", "no " + dtype + " value lies in [minval, maxval) = ["
                    + minval + ", " + maxval + ")");
        }
        SplittableRandom random = generator(seed);
        double[] values = new double[shape.size()];
        if (dtype.isInteger()) {
            for (int i = 0; i < values.length; i++) values[i] = random.nextLong(lo, hi);
        } else {
            for (int i = 0; i < values.length; i++) values[i] = random.nextDouble(minval, maxval);
            if (dtype == DType.FLOAT32) {
                // rounding to float may reach maxval; keep the interval half-open
                for (int i = 0; i < values.length; i++) {
                    if ((float) values[i] >= (float) maxval) values[i] = Math.nextDown((float) maxval);
                }
            }
        }
        return Creation.fromDoubles(values, shape, dtype);
    }

    private static void checkNormal(String op, double mean, double stddev, DType dtype) {
        if (!Double.isFinite(mean) || !Double.isFinite(stddev) || stddev < 0) {
            throw InvalidArgumentException.of(op, "mean must be finite and stddev finite and non-negative, got mean "
                    + mean + ", stddev " + stddev);
        }
        if (!DTypeRules.require(op, dtype).isFloating()) {
            throw InvalidArgumentException.of(op, "dtype must be float32 or float64, got " + dtype);
        }
    }

    private static SplittableRandom generator(Long opSeed) {
        long global = globalSeed;
        if (opSeed == null && global == NO_SEED) {
            return new SplittableRandom();
        }
        long base = global == NO_SEED ? DEFAULT_GLOBAL_SEED : global;
        // explicit seeds and counter values live in disjoint halves so they never collide
        long op = opSeed != null ? opSeed << 1 : (counter.getAndIncrement() << 1) | 1;
        return new SplittableRandom(mix(base * 0x9E3779B97F4A7C15L + op));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
