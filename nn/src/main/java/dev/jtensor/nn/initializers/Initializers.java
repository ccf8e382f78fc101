package dev.jtensor.nn.initializers;

import dev.jtensor.DType;
import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Shape;
import dev.jtensor.TF;
import dev.jtensor.Tensor;
import java.util.List;
import java.util.Locale;

/**
 * Keras's built-in initializers. Fans follow Keras: a matrix {@code [in, out]} has
 * {@code fanIn = in, fanOut = out}; a convolution kernel {@code [kh, kw, in, out]} multiplies both by
 * the receptive field {@code kh*kw}. A seeded initializer gives the same values every time it is
 * applied to the same shape; an unseeded one draws from the global seed's sequence
 * ({@link TF#setSeed}).
 *
 * {@snippet :
 * Tensor w = Initializers.glorotUniform(7).apply(Shape.of(784, 64), DType.FLOAT32);
 * Initializer byName = Initializers.get("he_normal");
 * }
 */
public final class Initializers {

    /** The names {@link #get} accepts. */
    public static final List<String> NAMES = List.of("glorot_uniform", "glorot_normal", "he_normal", "he_uniform",
            "zeros", "ones", "random_normal", "random_uniform");

    /** TensorFlow's truncated normal keeps values within two standard deviations; this undoes the shrink. */
    private static final double TRUNCATED_STDDEV = 0.87962566103423978;

    private Initializers() {
    }

    /** Keras's {@code GlorotUniform}: uniform in {@code ±sqrt(6 / (fanIn + fanOut))}. */
    public static Initializer glorotUniform() { return new GlorotUniform(null); }

    /** {@link #glorotUniform()} with a seed. */
    public static Initializer glorotUniform(long seed) { return new GlorotUniform(seed); }

    /** Keras's {@code GlorotNormal}: truncated normal with stddev {@code sqrt(2 / (fanIn + fanOut))}. */
    public static Initializer glorotNormal() { return new GlorotNormal(null); }

    /** {@link #glorotNormal()} with a seed. */
    public static Initializer glorotNormal(long seed) { return new GlorotNormal(seed); }

    /** Keras's {@code HeNormal}: truncated normal with stddev {@code sqrt(2 / fanIn)}. */
    public static Initializer heNormal() { return new HeNormal(null); }

    /** {@link #heNormal()} with a seed. */
    public static Initializer heNormal(long seed) { return new HeNormal(seed); }

    /** Keras's {@code HeUniform}: uniform in {@code ±sqrt(6 / fanIn)}. */
    public static Initializer heUniform() { return new HeUniform(null); }

    /** {@link #heUniform()} with a seed. */
    public static Initializer heUniform(long seed) { return new HeUniform(seed); }

    /** All zeros. */
    public static Initializer zeros() { return new Constant(0); }

    /** All ones. */
    public static Initializer ones() { return new Constant(1); }

    /** Every element {@code value}. */
    public static Initializer constant(double value) { return new Constant(value); }

    /** Normal with the given mean and stddev (Keras's {@code RandomNormal}); {@code seed} may be null. */
    public static Initializer randomNormal(double mean, double stddev, Long seed) {
        return new RandomNormal(mean, stddev, seed);
    }

    /** Uniform in {@code [minval, maxval)} (Keras's {@code RandomUniform}); {@code seed} may be null. */
    public static Initializer randomUniform(double minval, double maxval, Long seed) {
        return new RandomUniform(minval, maxval, seed);
    }

    /** The initializer Keras knows by {@code name} (one of {@link #NAMES}), with its defaults and no seed. */
    public static Initializer get(String name) {
        String key = name == null ? "null" : name.toLowerCase(Locale.ROOT);
        return switch (key) {
            case "glorot_uniform" -> glorotUniform();
            case "glorot_normal" -> glorotNormal();
            case "he_normal" -> heNormal();
            case "he_uniform" -> heUniform();
            case "zeros" -> zeros();
            case "ones" -> ones();
            case "random_normal" -> randomNormal(0, 0.05, null);
            case "random_uniform" -> randomUniform(-0.05, 0.05, null);
            default -> throw new InvalidArgumentException("Initializers.get: unknown initializer '" + name
                    + "'; known: " + String.join(", ", NAMES));
        };
    }

    /** Keras's {@code compute_fans}: {@code {fanIn, fanOut}}. */
    static double[] fans(Shape shape) {
        int rank = shape.rank();
        if (rank == 0) return new double[] {1, 1};
        if (rank == 1) return new double[] {shape.get(0), shape.get(0)};
        double receptive = 1;
        for (int i = 0; i < rank - 2; i++) receptive *= shape.get(i);
        return new double[] {shape.get(rank - 2) * receptive, shape.get(rank - 1) * receptive};
    }

    private static Tensor uniform(Shape shape, DType dtype, double limit, Long seed) {
        return TF.randomUniform(shape.toArray(), -limit, limit, dtype, seed);
    }

    private static Tensor truncated(Shape shape, DType dtype, double stddev, Long seed) {
        return TF.truncatedNormal(shape.toArray(), 0, stddev / TRUNCATED_STDDEV, dtype, seed);
    }

    private record GlorotUniform(Long seed) implements Initializer {
        public Tensor apply(Shape shape, DType dtype) {
            double[] f = fans(shape);
            return uniform(shape, dtype, Math.sqrt(6 / Math.max(1, f[0] + f[1])), seed);
        }
    }

    private record GlorotNormal(Long seed) implements Initializer {
        public Tensor apply(Shape shape, DType dtype) {
            double[] f = fans(shape);
            return truncated(shape, dtype, Math.sqrt(2 / Math.max(1, f[0] + f[1])), seed);
        }
    }

    private record HeNormal(Long seed) implements Initializer {
        public Tensor apply(Shape shape, DType dtype) {
            return truncated(shape, dtype, Math.sqrt(2 / Math.max(1, fans(shape)[0])), seed);
        }
    }

    private record HeUniform(Long seed) implements Initializer {
        public Tensor apply(Shape shape, DType dtype) {
            return uniform(shape, dtype, Math.sqrt(6 / Math.max(1, fans(shape)[0])), seed);
        }
    }

    private record Constant(double value) implements Initializer {
        public Tensor apply(Shape shape, DType dtype) {
            return TF.fill(shape.toArray(), value).cast(dtype);
        }
    }

    private record RandomNormal(double mean, double stddev, Long seed) implements Initializer {
        public Tensor apply(Shape shape, DType dtype) {
            return TF.randomNormal(shape.toArray(), mean, stddev, dtype, seed);
        }
    }

    private record RandomUniform(double minval, double maxval, Long seed) implements Initializer {
        public Tensor apply(Shape shape, DType dtype) {
            return TF.randomUniform(shape.toArray(), minval, maxval, dtype, seed);
        }
    }
}
