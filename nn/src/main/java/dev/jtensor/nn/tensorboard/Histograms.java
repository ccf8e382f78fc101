package dev.jtensor.nn.tensorboard;

import dev.jtensor.InvalidArgumentException;
import dev.jtensor.nn.tensorboard.proto.HistogramProto;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * TensorFlow's histogram summaries ({@code tf.compat.v1.summary.histogram}, the C++
 * {@code tensorflow::histogram::Histogram}): the default bucket edges grow by 10% from 1e-12 to
 * 1e20, mirrored for negative values around a bucket ending at 0, with {@code DBL_MAX} and
 * {@code -DBL_MAX} at the ends; a value {@code v} falls in the first bucket whose limit exceeds it
 * (bucket {@code i} holds {@code [limit[i-1], limit[i])}). Encoding drops runs of empty buckets,
 * keeping each run's last limit, as {@code EncodeToProto(preserve_zero_buckets=false)} does.
 */
final class Histograms {

    /** The default bucket limits, ascending. */
    static final double[] DEFAULT_LIMITS = defaultLimits();

    private Histograms() {
    }

    private static double[] defaultLimits() {
        List<Double> positive = new ArrayList<>();
        for (double v = 1.0e-12; v < 1.0e20; v *= 1.1) positive.add(v);
        positive.add(Double.MAX_VALUE);
        double[] limits = new double[2 * positive.size() + 1];
        int n = positive.size();
        for (int i = 0; i < n; i++) {
            limits[n - 1 - i] = -positive.get(i);
            limits[n + 1 + i] = positive.get(i);
        }
        limits[n] = 0.0;
        return limits;
    }

    /**
     * The histogram of {@code values}.
     *
     * @throws InvalidArgumentException with TensorFlow's message if a value is NaN or infinite
     */
    static HistogramProto of(String tag, double[] values) {
        double[] counts = new double[DEFAULT_LIMITS.length];
        double min = Double.MAX_VALUE, max = -Double.MAX_VALUE, sum = 0, sumSquares = 0;
        for (double v : values) {
            if (Double.isNaN(v)) throw new InvalidArgumentException("Nan in summary histogram for: " + tag);
            if (Double.isInfinite(v)) throw new InvalidArgumentException("Infinity in summary histogram for: " + tag);
            counts[bucket(v)] += 1;
            min = Math.min(min, v);
            max = Math.max(max, v);
            sum += v;
            sumSquares += v * v;
        }
        HistogramProto.Builder proto = HistogramProto.newBuilder().setMin(min).setMax(max).setNum(values.length)
                .setSum(sum).setSumSquares(sumSquares);
        for (int i = 0; i < counts.length;) {
            double end = DEFAULT_LIMITS[i];
            double count = counts[i];
            i++;
            if (count <= 0) {
                while (i < counts.length && counts[i] <= 0) {
                    end = DEFAULT_LIMITS[i];
                    count = counts[i];
                    i++;
                }
            }
            proto.addBucketLimit(end).addBucket(count);
        }
        return proto.build();
    }

    /** The index of the first limit greater than {@code v} ({@code std::upper_bound}). */
    static int bucket(double v) {
        int i = Arrays.binarySearch(DEFAULT_LIMITS, v);   // the limits are distinct
        int upper = i < 0 ? -i - 1 : i + 1;
        return Math.min(upper, DEFAULT_LIMITS.length - 1);   // DBL_MAX itself joins the last bucket
    }
}
